package dev.rollback.docker;

import dev.rollback.Signal;
import dev.rollback.docker.internal.Timing;
import dev.rollback.Unit;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Docker signals for plans, measured by the {@link DockerAdapter}: disk usage ({@code docker system df}), events
 * in a window ({@code docker system events --since --until}), running containers.
 *
 * <pre>{@code
 * DockerSignals.diskUsage().named("docker_disk_bytes")
 * DockerSignals.reclaimable().above(10L << 30)                     // more than 10 GiB reclaimable
 * DockerSignals.nonZeroExits(Duration.ofHours(1)).above(5)
 * DockerSignals.events(Duration.ofHours(1))                        // evidence: counts by type and action
 * }</pre>
 */
public final class DockerSignals {

  /** The kind of disk usage signals. */
  public static final String DISK_USAGE = "docker.diskUsage";
  /** The kind of event signals. */
  public static final String EVENTS = "docker.events";
  /** The kind of running-container signals. */
  public static final String RUNNING_CONTAINERS = "docker.runningContainers";

  private static final Set<String> PARTS = Set.of("images", "containers", "volumes", "buildCache", "total");

  private DockerSignals() {}

  /**
   * The engine's total disk usage in bytes; the evidence holds every part, as {@code docker system df} shows.
   *
   * @return the signal, in bytes
   */
  public static Signal diskUsage() {
    return diskUsage("total", false);
  }

  /**
   * What removing unused objects would free, in bytes.
   *
   * @return the signal, in bytes
   */
  public static Signal reclaimable() {
    return diskUsage("total", true);
  }

  /**
   * The size, or reclaimable size, of one part of the disk usage.
   *
   * @param part {@code images}, {@code containers}, {@code volumes}, {@code buildCache} or {@code total}
   * @param reclaimable whether to measure what could be reclaimed rather than the size
   * @return the signal, in bytes
   * @throws IllegalArgumentException for another part
   */
  public static Signal diskUsage(String part, boolean reclaimable) {
    if (!PARTS.contains(part)) {
      throw new IllegalArgumentException("unknown disk usage part '" + part + "'; use one of " + PARTS);
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("part", part);
    params.put("measure", reclaimable ? "reclaimable" : "size");
    return Signal.of(DISK_USAGE, Unit.BYTES, "docker disk usage (" + part + (reclaimable ? ", reclaimable" : "") + ")",
        params);
  }

  /**
   * How many events the engine reported in the window ending now; the evidence counts them by type and action,
   * lists non-zero exits and counts OOM kills.
   *
   * @param window how far back, such as one hour
   * @return the signal, a count
   */
  public static Signal events(Duration window) {
    return events(window, "all");
  }

  /**
   * How many containers exited with a non-zero code in the window ending now.
   *
   * @param window how far back
   * @return the signal, a count
   */
  public static Signal nonZeroExits(Duration window) {
    return events(window, "nonZeroExits");
  }

  /**
   * How many containers the kernel killed for lack of memory in the window ending now.
   *
   * @param window how far back
   * @return the signal, a count
   */
  public static Signal oomKills(Duration window) {
    return events(window, "oomKills");
  }

  /**
   * How many events of one type and action ({@code container.die}, {@code image.tag}) the window ending now holds.
   *
   * @param window how far back
   * @param typeAction {@code type.action}
   * @return the signal, a count
   */
  public static Signal eventCount(Duration window, String typeAction) {
    if (!typeAction.matches("[a-z]+\\.[a-z_]+")) {
      throw new IllegalArgumentException("'" + typeAction + "' is not type.action, such as container.die");
    }
    return events(window, typeAction);
  }

  private static Signal events(Duration window, String count) {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the events window must be positive, was " + window);
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("window", window);
    params.put("count", count);
    return Signal.of(EVENTS, Unit.COUNT, "docker events (" + count + ", last " + Timing.duration(window) + ")", params);
  }

  /**
   * How many containers are running.
   *
   * @return the signal, a count
   */
  public static Signal runningContainers() {
    return Signal.of(RUNNING_CONTAINERS, Unit.COUNT, "running containers", Map.of());
  }

  /**
   * How many running containers carry a label.
   *
   * @param label {@code key} or {@code key=value}
   * @return the signal, a count
   */
  public static Signal runningContainers(String label) {
    return Signal.of(RUNNING_CONTAINERS, Unit.COUNT, "running containers (" + label + ")",
        Map.of("label", Objects.requireNonNull(label, "label")));
  }
}
