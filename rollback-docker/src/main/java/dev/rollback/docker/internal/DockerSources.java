package dev.rollback.docker.internal;

import dev.rollback.Unit;
import dev.rollback.docker.DiskUsage;
import dev.rollback.docker.Docker;
import dev.rollback.docker.EventSummary;
import dev.rollback.spi.Measurement;
import dev.rollback.spi.SignalContext;
import java.time.Duration;
import java.time.Instant;

/** The signal sources: disk usage, events in a window, running containers. */
final class DockerSources {

  /** How long reading events may take. */
  private static final Duration EVENTS_TIMEOUT = Duration.ofSeconds(30);

  private final Docker docker;
  private final Cleanup cleanup;
  private final SystemReads reads;

  DockerSources(Docker docker, Cleanup cleanup, SystemReads reads) {
    this.docker = docker;
    this.cleanup = cleanup;
    this.reads = reads;
  }

  Measurement diskUsage(SignalContext ctx) {
    String part = DockerContracts.PART.optional(ctx).orElse("total");
    boolean reclaimable = DockerContracts.MEASURE.optional(ctx).orElse("size").equals("reclaimable");
    DiskUsage df = reads.diskUsage();
    long value;
    if (part.equals("total")) {
      value = reclaimable ? df.reclaimableBytes() : df.totalBytes();
    } else {
      DiskUsage.Usage u = df.part(part);
      value = reclaimable ? u.reclaimableBytes() : u.sizeBytes();
    }
    return Measurement.of(value, Unit.BYTES, (reclaimable ? "reclaimable " : "") + part + " from GET /system/df on "
        + docker.host()).withEvidence("diskUsage", df.toMap());
  }

  Measurement events(SignalContext ctx) {
    Duration window = DockerContracts.WINDOW.optional(ctx).orElse(Duration.ofHours(1));
    String count = DockerContracts.COUNT.optional(ctx).orElse("all");
    Instant until = ctx.run().clock().instant();
    EventSummary s = reads.events(until.minus(window), until, EVENTS_TIMEOUT);
    long value;
    switch (count) {
      case "all":
        value = s.total();
        break;
      case "nonZeroExits":
        value = s.nonZeroExits().size();
        break;
      case "oomKills":
        value = s.oomKills();
        break;
      default:
        value = s.byAction().getOrDefault(count, 0L);
    }
    return Measurement.of(value, Unit.COUNT, count + " among " + s.total() + " events in the last "
        + Timing.duration(window) + " on " + docker.host()).withEvidence("events", s.toMap());
  }

  Measurement runningContainers(SignalContext ctx) {
    java.util.Optional<String> label = DockerContracts.LABEL.optional(ctx);
    long n = label.isPresent() ? cleanup.containers(label.get(), true).size() : cleanup.running();
    return Measurement.of(n, Unit.COUNT, "running containers" + label.map(l -> " labelled " + l).orElse("") + " on "
        + docker.host());
  }
}
