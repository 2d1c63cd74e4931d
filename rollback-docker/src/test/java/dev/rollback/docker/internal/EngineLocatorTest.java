package dev.rollback.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.docker.DockerUnavailableException;
import dev.rollback.docker.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineLocatorTest {

  @TempDir
  Path home;

  private void context(String name, String host) throws IOException {
    Path meta = home.resolve(".docker/contexts/meta").resolve(EngineLocator.sha256(name));
    Files.createDirectories(meta);
    Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":"
        + "{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
  }

  private void currentContext(String name) throws IOException {
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"), "{\"auths\":{},\"currentContext\":\"" + name + "\"}");
  }

  @Test
  void withNothingSetItIsTheDefaultSocket() {
    EngineLocator.Target t = EngineLocator.locate(Map.of(), home);
    assertThat(t.host()).isEqualTo("unix:///var/run/docker.sock");
    assertThat(t.source()).isEqualTo("the default socket");
  }

  @Test
  void dockerHostWinsOverContexts() throws IOException {
    context("remote", "tcp://10.0.0.1:2375");
    currentContext("remote");
    EngineLocator.Target t = EngineLocator.locate(Map.of("DOCKER_HOST", "unix:///run/user/1000/docker.sock",
        "DOCKER_CONTEXT", "remote"), home);
    assertThat(t.host()).isEqualTo("unix:///run/user/1000/docker.sock");
    assertThat(t.source()).isEqualTo("DOCKER_HOST");
  }

  @Test
  void theCurrentContextOfConfigJsonIsUsedAsTheDockerCliDoes() throws IOException {
    context("colima", "unix:///home/me/.colima/docker.sock");
    currentContext("colima");
    EngineLocator.Target t = EngineLocator.locate(Map.of(), home);
    assertThat(t.host()).isEqualTo("unix:///home/me/.colima/docker.sock");
    assertThat(t.source()).startsWith("docker context 'colima' (the current context in ");
  }

  @Test
  void dockerContextWinsOverTheCurrentContext() throws IOException {
    context("a", "unix:///a.sock");
    context("b", "unix:///b.sock");
    currentContext("a");
    assertThat(EngineLocator.locate(Map.of("DOCKER_CONTEXT", "b"), home).host()).isEqualTo("unix:///b.sock");
  }

  @Test
  void theDefaultContextIsTheDefaultSocket() throws IOException {
    currentContext("default");
    assertThat(EngineLocator.locate(Map.of(), home).host()).isEqualTo("unix:///var/run/docker.sock");
  }

  @Test
  void dockerConfigMovesTheConfigurationFolder() throws IOException {
    Path other = home.resolve("elsewhere");
    Path meta = other.resolve("contexts/meta").resolve(EngineLocator.sha256("ci"));
    Files.createDirectories(meta);
    Files.writeString(meta.resolve("meta.json"), "{\"Endpoints\":{\"docker\":{\"Host\":\"unix:///ci.sock\"}}}");
    Files.writeString(other.resolve("config.json"), "{\"currentContext\":\"ci\"}");
    assertThat(EngineLocator.locate(Map.of("DOCKER_CONFIG", other.toString()), home).host())
        .isEqualTo("unix:///ci.sock");
  }

  @Test
  void aContextWithoutMetaIsAClearError() {
    assertThatThrownBy(() -> EngineLocator.locate(Map.of("DOCKER_CONTEXT", "nope"), home))
        .isInstanceOf(DockerUnavailableException.class)
        .hasMessageStartingWith("docker context 'nope' (DOCKER_CONTEXT) has no endpoint: ")
        .hasMessageContaining("meta.json does not exist");
  }

  @Test
  void findsAContextTheDockerCliCreated() {
    Cli.require("docker", "docker.io");
    Path config = home.resolve("cli-config");
    Map<String, String> env = Map.of("DOCKER_CONFIG", config.toString());
    Cli.Result created = Cli.run(home, env, "docker", "context", "create", "from-cli", "--docker",
        "host=unix:///tmp/from-cli.sock");
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    Cli.Result used = Cli.run(home, env, "docker", "context", "use", "from-cli");
    assertThat(used.exitCode()).as(used.stderr()).isZero();

    EngineLocator.Target t = EngineLocator.locate(env, home);
    assertThat(t.host()).isEqualTo("unix:///tmp/from-cli.sock");
    assertThat(t.source()).startsWith("docker context 'from-cli'");
  }
}
