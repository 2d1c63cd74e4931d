package dev.rollback.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine that does not answer gives a clear error naming where the adapter looked; no engine is needed. */
class DockerAdapterConnectionTest {

  @TempDir
  Path tmp;

  @Test
  void creatingTheAdapterContactsNothing() {
    DockerAdapter docker = DockerAdapter.builder()
        .environment(Map.of("DOCKER_HOST", "unix://" + tmp.resolve("none.sock")))
        .build();
    assertThat(docker.host()).isEqualTo("unix://" + tmp.resolve("none.sock"));
    assertThat(docker.hostSource()).isEqualTo("DOCKER_HOST");
    docker.close();
  }

  @Test
  void dockerHostAtADeadSocketNamesTheHostAndWhereItCameFrom() {
    String host = "unix://" + tmp.resolve("dead/docker.sock");
    try (DockerAdapter docker = DockerAdapter.builder().environment(Map.of("DOCKER_HOST", host)).build()) {
      assertThatThrownBy(docker::engineInfo)
          .isInstanceOf(DockerUnavailableException.class)
          .hasMessageStartingWith("the Docker engine at " + host + " (from DOCKER_HOST) is not reachable (connecting)")
          .satisfies(e -> assertThat(((DockerUnavailableException) e).host()).isEqualTo(host));
    }
  }

  @Test
  void aSocketPathThatIsNotASocketIsUnreachable() throws IOException {
    Path notASocket = Files.writeString(tmp.resolve("docker.sock"), "not a socket");
    try (DockerAdapter docker = DockerAdapter.connect("unix://" + notASocket)) {
      assertThatThrownBy(docker::diskUsage)
          .isInstanceOf(DockerUnavailableException.class)
          .hasMessageContaining("unix://" + notASocket + " (from the host given) is not reachable");
    }
  }

  @Test
  void aTcpPortWithoutAnEngineIsUnreachable() {
    try (DockerAdapter docker = DockerAdapter.connect("tcp://127.0.0.1:1")) {
      assertThatThrownBy(docker::engineInfo)
          .isInstanceOf(DockerUnavailableException.class)
          .hasMessageContaining("tcp://127.0.0.1:1");
    }
  }

  @Test
  void theRunStopsBeforeAnythingChangesWhenTheEngineIsDown() {
    try (DockerAdapter docker = DockerAdapter.connect("unix://" + tmp.resolve("gone.sock"))) {
      assertThatThrownBy(() -> docker.onRunStart(dev.rollback.docker.testing.TestRun.in(tmp)))
          .isInstanceOf(DockerUnavailableException.class);
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
