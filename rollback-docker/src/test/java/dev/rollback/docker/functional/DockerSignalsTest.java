package dev.rollback.docker.functional;

import static dev.rollback.testkit.DockerEngineExtension.TEST_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Signal;
import dev.rollback.docker.ComposeProject;
import dev.rollback.docker.DockerAdapter;
import dev.rollback.docker.DockerLabels;
import dev.rollback.docker.DockerSignals;
import dev.rollback.docker.ServiceRun;
import dev.rollback.docker.ServiceRunOptions;
import dev.rollback.docker.testing.Cli;
import dev.rollback.docker.testing.DockerRuns;
import dev.rollback.testkit.RequiresDocker;
import dev.rollback.spi.Measurement;
import dev.rollback.testkit.AdapterHarness;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signals read what the docker command line shows: system df, system events, ps. */
@RequiresDocker
class DockerSignalsTest {

  @TempDir
  Path workspace;

  private Measurement measure(DockerAdapter docker, AdapterHarness run, Signal signal) throws Exception {
    return docker.signals().get(signal.kind()).measure(run.context(signal));
  }

  /** Sizes as the docker command line prints them (go-units HumanSize: 4 significant digits, decimal units). */
  private static String humanSize(long bytes) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    double size = bytes;
    int i = 0;
    while (size >= 1000 && i < units.length - 1) {
      size /= 1000;
      i++;
    }
    return new BigDecimal(size).round(new MathContext(4)).stripTrailingZeros().toPlainString() + units[i];
  }

  @SuppressWarnings("unchecked")
  @Test
  void diskUsageMatchesDockerSystemDf(DockerAdapter docker) throws Exception {
    String label = "rbt-df=" + UUID.randomUUID();
    Cli.Result started = Cli.run(workspace, Map.of(), "docker", "run", "-d", "--network", "none", "--label", label,
        "--label", DockerLabels.managed(), "-v", "rbt-df-volume:/v", TEST_IMAGE, "sh", "-c",
        "echo data > /v/file; head -c 100000 /dev/zero > /tmp/blob; sleep 120");
    assertThat(started.exitCode()).as(started.stderr()).isZero();
    try {
      Measurement m = measure(docker, DockerRuns.in(workspace), DockerSignals.diskUsage());
      Map<String, Object> df = (Map<String, Object>) m.evidence().get("diskUsage");
      Cli.Result cli = Cli.run(workspace, Map.of(), "docker", "system", "df", "--format",
          "{{.Type}}|{{.TotalCount}}|{{.Active}}|{{.Size}}|{{.Reclaimable}}");
      Map<String, String> names = Map.of("Images", "images", "Containers", "containers", "Local Volumes", "volumes",
          "Build Cache", "buildCache");
      for (String line : cli.stdout().lines().toList()) {
        String[] f = line.split("\\|");
        Map<String, Object> part = (Map<String, Object>) df.get(names.get(f[0]));
        assertThat(part.get("count")).as(f[0] + " count").hasToString(f[1]);
        assertThat(part.get("active")).as(f[0] + " active").hasToString(f[2]);
        assertThat(humanSize((Long) part.get("sizeBytes"))).as(f[0] + " size").isEqualTo(f[3]);
        assertThat(humanSize((Long) part.get("reclaimableBytes"))).as(f[0] + " reclaimable")
            .isEqualTo(f[4].replaceAll(" \\(.*\\)$", ""));
      }
      assertThat(m.value().getAsDouble()).isEqualTo(((Long) df.get("totalBytes")).doubleValue()).isPositive();
      Measurement images = measure(docker, DockerRuns.in(workspace), DockerSignals.diskUsage("images", false));
      assertThat(images.value().getAsDouble()).isEqualTo(((Long) ((Map<String, Object>) df.get("images"))
          .get("sizeBytes")).doubleValue());
    } finally {
      Cli.run(workspace, Map.of(), "docker", "rm", "-f", "-v", started.stdout().strip());
      Cli.run(workspace, Map.of(), "docker", "volume", "rm", "rbt-df-volume");
    }
  }

  @SuppressWarnings("unchecked")
  @Test
  void eventsInAWindowAreCountedAsDockerSystemEventsListsThem(DockerAdapter docker) throws Exception {
    Path dir = Files.createDirectories(workspace.resolve("rbt-events"));
    Files.writeString(dir.resolve("docker-compose.yml"), """
        services:
          ok:
            image: %s
            command: "true"
            network_mode: none
          broken:
            image: %s
            command: sh -c 'exit 5'
            network_mode: none
        """.formatted(TEST_IMAGE, TEST_IMAGE));
    ComposeProject p = ComposeProject.load(dir.resolve("docker-compose.yml"), Map.of());
    Instant since = Instant.now();
    docker.docker().runService(p, "ok", ServiceRunOptions.defaults());
    ServiceRun broken = docker.docker().runService(p, "broken", ServiceRunOptions.defaults());
    Instant until = Instant.now();
    Duration window = Duration.between(since, until);
    AdapterHarness run = DockerRuns.in(workspace, Clock.fixed(until, ZoneOffset.UTC));

    Measurement all = measure(docker, run, DockerSignals.events(window));
    Measurement failures = measure(docker, run, DockerSignals.nonZeroExits(window));
    Measurement dies = measure(docker, run, DockerSignals.eventCount(window, "container.die"));

    Cli.Result cli = Cli.run(workspace, Map.of(), "docker", "events", "--since", unix(since), "--until", unix(until),
        "--format", "{{.Type}}.{{.Action}}");
    List<String> listed = cli.stdout().lines().toList();
    assertThat(all.value().getAsDouble()).isEqualTo(listed.size());
    Map<String, Object> events = (Map<String, Object>) all.evidence().get("events");
    Map<String, Long> byAction = (Map<String, Long>) events.get("byAction");
    Map<String, Long> counted = new HashMap<>();
    listed.forEach(l -> counted.merge(l, 1L, Long::sum));
    assertThat(byAction).isEqualTo(counted);
    assertThat(dies.value().getAsDouble()).isEqualTo(2.0);
    assertThat(failures.value().getAsDouble()).isEqualTo(1.0);
    assertThat((List<String>) events.get("nonZeroExits")).containsExactly(broken.containerName() + " ("
        + TEST_IMAGE + "): exit code 5");
  }

  private static String unix(Instant t) {
    return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
  }

  @Test
  void runningContainersCountsWhatDockerPsLists(DockerAdapter docker) throws Exception {
    String label = "rbt-running=" + UUID.randomUUID();
    Cli.Result started = Cli.run(workspace, Map.of(), "docker", "run", "-d", "--network", "none", "--label", label,
        TEST_IMAGE, "sleep", "120");
    assertThat(started.exitCode()).as(started.stderr()).isZero();
    try {
      AdapterHarness run = DockerRuns.in(workspace);
      assertThat(measure(docker, run, DockerSignals.runningContainers(label)).value().getAsDouble()).isEqualTo(1.0);
      long ps = Cli.run(workspace, Map.of(), "docker", "ps", "-q").stdout().lines().count();
      assertThat(measure(docker, run, DockerSignals.runningContainers()).value().getAsDouble()).isEqualTo(ps);
    } finally {
      Cli.run(workspace, Map.of(), "docker", "rm", "-f", started.stdout().strip());
    }
  }
}
