package dev.rollback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.docker.DockerAdapter;
import dev.rollback.docker.DockerLabels;
import dev.rollback.report.RollbackReport.MeasurementReport;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.spi.CheckResult;
import dev.rollback.testkit.RequiresDocker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo with the Docker engine the test environment provides (the process's {@code DOCKER_HOST}, docker context
 * or default socket), as {@code ./rollback demo} runs on a machine with Docker: nothing about Docker is skipped,
 * its assessment signals are measured, its health check passes, and the run leaves no container behind.
 * Disabled with the reason when no engine answers; under {@code CI=true} it fails instead.
 */
@RequiresDocker
class DemoWithDockerTest {

  @TempDir
  Path dir;

  @Test
  void withAnEngineTheDockerSignalsAreMeasuredTheHealthCheckPassesAndNoContainerOfTheRunRemains(
      DockerAdapter docker) throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Demo.Result r;
    try (PrintStream o = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      r = Demo.builder().directory(dir.resolve("sandbox")).environment(System.getenv()).out(o).progress(o).build()
          .run();
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    RollbackReport report = r.report();

    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.procedure()).hasValue("emergency");
    assertThat(r.dockerSkipped()).isEmpty();
    assertThat(report.unavailable()).isEmpty();
    assertThat(report.snapshot()).filteredOn(m -> m.kind().startsWith("docker."))
        .extracting(MeasurementReport::signal)
        .containsExactlyInAnyOrder("docker_disk_usage", "docker_reclaimable", "docker_events_last_hour",
            "docker_failed_containers_last_hour");
    assertThat(report.snapshot()).filteredOn(m -> m.kind().startsWith("docker.")).allSatisfy(m ->
        assertThat(m.number()).as(m.signal() + ": " + m.summary()).isPresent());
    assertThat(report.health()).filteredOn(c -> c.kind().startsWith("docker.")).singleElement().satisfies(c ->
        assertThat(c.status()).as(c.summary()).isEqualTo(CheckResult.Status.PASSED));
    assertThat(out).contains("Docker:    " + docker.docker().host())
        .doesNotContain("no engine answered", "SKIPPED", Demo.TOKEN);

    assertThat(docker.docker().containers(DockerLabels.run(report.runId()), false))
        .as("containers labelled with the run's id").isEmpty();
  }
}
