package dev.rollback.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.docker.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeProjectTest {

  @TempDir
  Path tmp;

  private Path write(String yaml) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("proj"));
    Path file = dir.resolve("docker-compose.test.yml");
    Files.writeString(file, yaml);
    return file;
  }

  private static ComposeFileException error(Path file, Map<String, String> env, String service) {
    try {
      ComposeProject.load(file, env).service(service);
    } catch (ComposeFileException e) {
      return e;
    }
    throw new AssertionError("expected a ComposeFileException");
  }

  @Test
  void readsTheTestServiceOfTheFixtureWithMergeKeysEnvFileAndDotEnv() {
    Path dir = Fixtures.copy("compose", tmp.resolve("My Project!"));
    ComposeProject p = ComposeProject.load(dir.resolve("docker-compose.test.yml"), Map.of("GREETING", "hi"));

    assertThat(p.name()).isEqualTo("myproject");
    assertThat(p.serviceNames()).containsExactly("pass", "fail");
    ComposeService pass = p.service("pass");
    assertThat(pass.build()).hasValueSatisfying(b -> {
      assertThat(b.context()).isEqualTo(dir.resolve("app").toAbsolutePath().normalize());
      assertThat(b.dockerfile()).isEqualTo("Dockerfile");
      assertThat(b.args()).containsExactly(Map.entry("GREETING", "hi"));
    });
    assertThat(pass.command()).contains(List.of("sh", "/app/run.sh"));
    assertThat(pass.environment()).containsExactly(
        Map.entry("FILE_VAR", "from-env-file"),
        Map.entry("MODE", "pass"),
        Map.entry("FROM_DOTENV", "from-dotenv"),
        Map.entry("DEFAULTED", "fallback"),
        Map.entry("EMPTY_DEFAULTED", "nonempty"),
        Map.entry("DOLLARS", "costs $5"));
    assertThat(pass.volumes()).containsExactly(
        new VolumeMount(VolumeMount.Type.BIND, dir.resolve("data").toAbsolutePath().normalize().toString(), "/data",
            true, true),
        new VolumeMount(VolumeMount.Type.BIND, dir.resolve("data").toAbsolutePath().normalize().toString(),
            "/data-long", true, false),
        new VolumeMount(VolumeMount.Type.VOLUME, "", "/scratch", false, true));
    assertThat(pass.workingDir()).contains("/work");
    assertThat(pass.networkMode()).contains("none");
    assertThat(p.service("fail").command()).contains(List.of("sh", "/app/run.sh"));
    assertThat(p.service("fail").environment()).containsEntry("MODE", "fail");
    assertThat(p.warnings()).singleElement().asString().contains("version").contains("obsolete");
  }

  @Test
  void theEnvironmentWinsOverDotEnv() {
    Path dir = Fixtures.copy("compose", tmp.resolve("p"));
    ComposeProject p = ComposeProject.load(dir.resolve("docker-compose.test.yml"), Map.of("DOTENV_VALUE", "shell"));
    assertThat(p.service("pass").environment()).containsEntry("FROM_DOTENV", "shell");
  }

  @Test
  void interpolatesEveryFormComposeKnows() throws IOException {
    Path file = write("""
        services:
          t:
            image: "busybox:${TAG:-1.36}"
            command: echo $PLAIN ${BRACED} ${UNSET-dash} ${EMPTY:-colon} ${EMPTY-kept} ${SET:+alt} $$HOME ${A:-${B}}
        """);
    ComposeService t = ComposeProject.load(file, Map.of("PLAIN", "p", "BRACED", "b", "EMPTY", "", "SET", "s", "B",
        "nested")).service("t");
    assertThat(t.image()).contains("busybox:1.36");
    assertThat(t.command()).contains(List.of("echo", "p", "b", "dash", "colon", "alt", "$HOME", "nested"));
  }

  @Test
  void anUnsetVariableWithoutDefaultBecomesEmptyWithAWarning() throws IOException {
    Path file = write("""
        services:
          t:
            image: busybox
            environment:
              X: "[${NOPE}]"
        """);
    ComposeService t = ComposeProject.load(file, Map.of()).service("t");
    assertThat(t.environment()).containsEntry("X", "[]");
    assertThat(t.warnings()).singleElement().asString()
        .isEqualTo(file + ":5: services.t.environment.X: variable NOPE is not set; using an empty string");
  }

  @Test
  void aRequiredVariableThatIsUnsetNamesFileLineAndKey() throws IOException {
    Path file = write("""
        services:
          t:
            image: busybox
            environment:
              TOKEN: ${TOKEN:?set TOKEN first}
        """);
    assertThat(error(file, Map.of(), "t")).hasMessage(file + ":5: services.t.environment.TOKEN: required variable "
        + "TOKEN is unset: set TOKEN first");
  }

  @Test
  void aLoneDollarIsAnError() throws IOException {
    Path file = write("""
        services:
          t:
            image: busybox
            command: echo costs 5$
        """);
    assertThat(error(file, Map.of(), "t").getMessage()).startsWith(file + ":4: services.t.command: invalid "
        + "interpolation format").contains("$$");
  }

  @Test
  void aMalformedVolumeNamesFileLineAndKey() throws IOException {
    Path file = write("""
        services:
          test:
            image: busybox
            volumes:
              - ./data:/data
              - ./a:relative/target
        """);
    ComposeFileException e = error(file, Map.of(), "test");
    assertThat(e.getMessage()).isEqualTo(file + ":6: services.test.volumes[1]: the target 'relative/target' of "
        + "'./a:relative/target' is not an absolute container path");
    assertThat(e.line()).isEqualTo(6);
    assertThat(e.key()).isEqualTo("services.test.volumes[1]");
  }

  @Test
  void aKeyOutsideTheSubsetIsAnErrorNamingIt() throws IOException {
    Path file = write("""
        services:
          test:
            image: busybox
            depends_on: [db]
          db:
            image: postgres
        """);
    assertThat(error(file, Map.of(), "test").getMessage()).startsWith(file + ":4: services.test.depends_on: not "
        + "supported by the compose runner");
    assertThat(ComposeProject.load(file, Map.of()).service("db").image()).contains("postgres");
  }

  @Test
  void keysRunIgnoresAreWarningsTheCallerSees() throws IOException {
    Path file = write("""
        services:
          test:
            image: busybox
            ports: ["8080:80"]
            restart: always
            x-note: extension fields are accepted
        """);
    ComposeService s = ComposeProject.load(file, Map.of()).service("test");
    assertThat(s.warnings()).containsExactly(
        file + ":4: services.test.ports: ignored: run publishes no ports (docker compose run needs --service-ports"
            + " for that)",
        file + ":5: services.test.restart: ignored: run never restarts its one-off container");
  }

  @Test
  void aYamlSyntaxErrorNamesTheLine() throws IOException {
    Path file = write("""
        services:
          test:
            image: busybox
           command: [oops
        """);
    assertThatThrownBy(() -> ComposeProject.load(file, Map.of()))
        .isInstanceOf(ComposeFileException.class)
        .hasMessageStartingWith(file + ":4: not valid YAML");
  }

  @Test
  void aDuplicateKeyIsAnError() throws IOException {
    Path file = write("""
        services:
          test:
            image: busybox
            image: alpine
        """);
    assertThat(error(file, Map.of(), "test")).hasMessage(file + ":4: services.test.image: duplicate key");
  }

  @Test
  void anUnknownTopLevelKeyIsAnError() throws IOException {
    Path file = write("""
        services:
          test:
            image: busybox
        service:
          typo: true
        """);
    assertThatThrownBy(() -> ComposeProject.load(file, Map.of()))
        .hasMessageStartingWith(file + ":4: service: unknown top-level key");
  }

  @Test
  void anUnknownServiceNamesTheServicesThereAre() throws IOException {
    Path file = write("""
        services:
          unit:
            image: busybox
        """);
    assertThat(error(file, Map.of(), "test")).hasMessage(file + ": services: no service named 'test'; the file has "
        + "unit");
  }

  @Test
  void namedVolumesMustBeDeclaredAndGetTheProjectPrefix() throws IOException {
    Path file = write("""
        name: Demo
        services:
          test:
            image: busybox
            volumes:
              - cache:/cache
              - type: volume
                source: ext
                target: /ext
              - type: tmpfs
                target: /tmp
          other:
            image: busybox
            volumes: ["missing:/x"]
        volumes:
          cache:
          ext:
            external: true
        """);
    ComposeProject p = ComposeProject.load(file, Map.of());
    assertThat(p.name()).isEqualTo("demo");
    assertThat(p.service("test").volumes()).containsExactly(
        new VolumeMount(VolumeMount.Type.VOLUME, "demo_cache", "/cache", false, true),
        new VolumeMount(VolumeMount.Type.VOLUME, "ext", "/ext", false, false),
        new VolumeMount(VolumeMount.Type.TMPFS, "", "/tmp", false, false));
    assertThat(error(file, Map.of(), "other")).hasMessage(file + ":14: services.other.volumes[0]: the named volume "
        + "'missing' in 'missing:/x' is not declared in the top-level volumes");
  }

  @Test
  void environmentAsListTakesBareNamesFromTheEnvironment() throws IOException {
    Path file = write("""
        services:
          test:
            image: busybox
            environment:
              - A=1
              - FROM_SHELL
              - NOT_SET
              - EQUALS=a=b
        """);
    assertThat(ComposeProject.load(file, Map.of("FROM_SHELL", "shell")).service("test").environment())
        .containsExactly(Map.entry("A", "1"), Map.entry("FROM_SHELL", "shell"), Map.entry("EQUALS", "a=b"));
  }

  @Test
  void aMissingEnvFileIsAnErrorUnlessOptional() throws IOException {
    Path file = write("""
        services:
          test:
            image: busybox
            env_file:
              - path: optional.env
                required: false
              - missing.env
        """);
    assertThat(error(file, Map.of(), "test").getMessage()).startsWith(file + ":7: services.test.env_file: the env "
        + "file").endsWith("missing.env does not exist");
  }

  @Test
  void entrypointAndCommandStringsSplitLikeAShell() throws IOException {
    Path file = write("""
        services:
          test:
            image: busybox
            entrypoint: /bin/sh -c
            command: 'echo "two words" and\\ more'
        """);
    ComposeService s = ComposeProject.load(file, Map.of()).service("test");
    assertThat(s.entrypoint()).contains(List.of("/bin/sh", "-c"));
    assertThat(s.command()).contains(List.of("echo", "two words", "and more"));
  }

  @Test
  void aServiceNeedsAnImageOrABuild() throws IOException {
    Path file = write("""
        services:
          test:
            command: echo hi
        """);
    assertThat(error(file, Map.of(), "test")).hasMessage(file + ":3: services.test: the service has neither an image "
        + "nor a build");
  }

  @Test
  void aBuildContextMustBeAFolderWithTheDockerfile() throws IOException {
    Path file = write("""
        services:
          test:
            build:
              context: .
              dockerfile: Dockerfile.test
        """);
    assertThat(error(file, Map.of(), "test").getMessage()).startsWith(file + ":5: services.test.build.dockerfile: "
        + "there is no Dockerfile at ");
    Files.writeString(file.resolveSibling("Dockerfile.test"), "FROM busybox\n");
    assertThat(ComposeProject.load(file, Map.of()).service("test").build().map(ComposeBuild::dockerfile))
        .isEqualTo(Optional.of("Dockerfile.test"));
  }

  @Test
  void theBuiltImageIsNamedAfterProjectAndServiceAsDockerComposeDoes() throws IOException {
    Path file = write("""
        services:
          test:
            image: busybox
        """);
    assertThat(ComposeProject.load(file, Map.of()).builtImageName("test")).isEqualTo("proj-test");
  }
}
