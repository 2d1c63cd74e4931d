package dev.rollback.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Step;
import dev.rollback.Steps;
import dev.rollback.docker.testing.DockerRuns;
import dev.rollback.run.Journal;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.spi.AdapterProvider;
import dev.rollback.testkit.AdapterHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine that does not answer gives a clear error naming where the adapter looked; no engine is needed. */
class DockerAdapterConnectionTest {

  @TempDir
  Path tmp;

  @Test
  void creatingTheAdapterContactsNothing() {
    Docker docker = Docker.builder()
        .environment(Map.of("DOCKER_HOST", "unix://" + tmp.resolve("none.sock")))
        .build();
    assertThat(docker.host()).isEqualTo("unix://" + tmp.resolve("none.sock"));
    assertThat(docker.hostSource()).isEqualTo("DOCKER_HOST");
    docker.close();
  }

  @Test
  void dockerHostAtADeadSocketNamesTheHostAndWhereItCameFrom() {
    String host = "unix://" + tmp.resolve("dead/docker.sock");
    try (Docker docker = Docker.builder().environment(Map.of("DOCKER_HOST", host)).build()) {
      assertThatThrownBy(docker::engineInfo)
          .isInstanceOf(DockerUnavailableException.class)
          .hasMessageStartingWith("the Docker engine at " + host + " (from DOCKER_HOST) is not reachable (connecting)")
          .satisfies(e -> assertThat(((DockerUnavailableException) e).host()).isEqualTo(host));
    }
  }

  @Test
  void aSocketPathThatIsNotASocketIsUnreachable() throws IOException {
    Path notASocket = Files.writeString(tmp.resolve("docker.sock"), "not a socket");
    try (Docker docker = Docker.connect("unix://" + notASocket)) {
      assertThatThrownBy(docker::diskUsage)
          .isInstanceOf(DockerUnavailableException.class)
          .hasMessageContaining("unix://" + notASocket + " (from the host given) is not reachable");
    }
  }

  @Test
  void aTcpPortWithoutAnEngineIsUnreachable() {
    try (Docker docker = Docker.connect("tcp://127.0.0.1:1")) {
      assertThatThrownBy(docker::engineInfo)
          .isInstanceOf(DockerUnavailableException.class)
          .hasMessageContaining("tcp://127.0.0.1:1");
    }
  }

  private static RollbackPlan planWith(Step step) {
    return Rollback.plan("p").severity(Rollback.severity("s").when(Rollback.declared("x"))
        .rollbackWithin(Duration.ofHours(1)).approval(Rollback.single("m")))
        .procedure(Rollback.procedure("standard").phase(Rollback.phase("one").step(step))).build();
  }

  @Test
  void aRunUsingDockerStopsAtAssessmentWhenTheEngineIsDown() {
    try (DockerAdapter docker = DockerAdapter.connect("unix://" + tmp.resolve("gone.sock"))) {
      AdapterHarness run = DockerRuns.running(tmp, planWith(DockerSteps.restoreTag("app:latest")));
      assertThatThrownBy(() -> docker.onRunStart(run)).isInstanceOf(DockerUnavailableException.class);
    }
  }

  @Test
  void aPlanWithoutDockerNeverContactsTheEngine() {
    try (DockerAdapter docker = DockerAdapter.connect("unix://" + tmp.resolve("gone.sock"))) {
      AdapterHarness run = DockerRuns.running(tmp, planWith(Steps.command("true")));
      docker.onRunStart(run);
      assertThat(docker.onRunEnd(run)).isEmpty();
    }
  }

  @Test
  void theExecutorDiscoversTheAdapter() {
    assertThat(ServiceLoader.load(AdapterProvider.class).stream().map(p -> p.get().name()))
        .contains(DockerAdapter.NAME);
    try (RollbackExecutor executor = RollbackExecutor.builder().workspace(tmp).journal(Journal.inMemory())
        .discoverAdapters().build()) {
      assertThat(executor.adapters()).contains(DockerAdapter.NAME);
    }
  }

  @Test
  void anAddressWithAnUnsupportedSchemeIsRejectedAtOnce() {
    assertThatThrownBy(() -> DockerAdapter.connect("ssh://me@build-host"))
        .isInstanceOf(DockerUnavailableException.class)
        .hasMessage("the Docker host 'ssh://me@build-host' from the host given uses the scheme 'ssh', which the adapter"
            + " does not support; use unix:// or tcp://");
    assertThatThrownBy(() -> DockerAdapter.connect("tcp://localhost"))
        .hasMessageContaining("needs a host and a port");
  }
}
