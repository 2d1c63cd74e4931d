package dev.rollback.docker.functional;

import static dev.rollback.testkit.DockerEngineExtension.TEST_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.docker.ComposeProject;
import dev.rollback.docker.DockerAdapter;
import dev.rollback.docker.DockerEngineException;
import dev.rollback.docker.DockerLabels;
import dev.rollback.docker.ImageNotFoundException;
import dev.rollback.docker.ServiceRun;
import dev.rollback.docker.ServiceRunOptions;
import dev.rollback.docker.ServiceTimeoutException;
import dev.rollback.docker.testing.Cli;
import dev.rollback.testkit.RequiresDocker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running one compose service against the real engine: labels, output, timeouts, images, build contexts. */
@RequiresDocker
class ComposeRunnerTest {

  @TempDir
  Path tmp;

  private final List<String> projects = new ArrayList<>();

  private ComposeProject project(String name, String yaml) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(dir.resolve("docker-compose.test.yml"), yaml);
    projects.add(name);
    return ComposeProject.load(dir.resolve("docker-compose.test.yml"), Map.of());
  }

  private Path folder(String project, String sub) throws IOException {
    return Files.createDirectories(tmp.resolve(project).resolve(sub));
  }

  @AfterEach
  void removeWhatTheTestsBuilt(DockerAdapter docker) {
    for (String p : projects) {
      docker.docker().removeByLabel(DockerLabels.PROJECT + "=" + p);
    }
  }

  private static List<String> containersOf(String project) {
    Cli.Result ps = Cli.run(Path.of("."), Map.of(), "docker", "ps", "-a", "-q", "--filter",
        "label=" + DockerLabels.PROJECT + "=" + project);
    assertThat(ps.exitCode()).as(ps.stderr()).isZero();
    return ps.stdout().lines().toList();
  }

  @Test
  void aServiceThatNeverEndsIsKilledAndRemovedAtTheTimeout(DockerAdapter docker) throws IOException {
    ComposeProject p = project("rbt-timeout", """
        services:
          forever:
            image: %s
            command: ["sh", "-c", "echo started; echo still going >&2; sleep 600"]
            network_mode: none
        """.formatted(TEST_IMAGE));

    assertThatThrownBy(() -> docker.docker().runService(p, "forever", ServiceRunOptions.defaults().timeout(Duration.ofSeconds(2))))
        .isInstanceOf(ServiceTimeoutException.class)
        .hasMessageStartingWith("service 'forever' of " + p.displayName() + " did not finish within 2s; killed and "
            + "removed its container rbt-timeout-forever-run-")
        .hasMessageContaining("last stdout:\nstarted")
        .hasMessageContaining("last stderr:\nstill going");
    assertThat(containersOf("rbt-timeout")).isEmpty();
  }

  @Test
  void anUnknownImageIsAClearErrorNamingImageServiceAndFile(DockerAdapter docker) throws IOException {
    ComposeProject p = project("rbt-unknown", """
        services:
          test:
            image: rollback-test/no-such-image:1
            network_mode: none
        """);

    assertThatThrownBy(() -> docker.docker().runService(p, "test", ServiceRunOptions.defaults()))
        .isInstanceOf(ImageNotFoundException.class)
        .hasMessageStartingWith("service 'test' of " + p.displayName() + ": the image 'rollback-test/no-such-image:1' "
            + "is not on the engine at " + docker.docker().host() + ", and pulling it failed: ");
    assertThatThrownBy(() -> docker.docker().runService(p, "test", ServiceRunOptions.defaults().pullMissing(false)))
        .isInstanceOf(ImageNotFoundException.class)
        .hasMessage("the image 'rollback-test/no-such-image:1' of service 'test' in " + p.displayName() + " is not on "
            + "the engine at " + docker.docker().host() + " (pulling is off)");
    assertThat(containersOf("rbt-unknown")).isEmpty();
  }

  @Test
  void everythingTheRunCreatesCarriesTheLabelsAndNothingRemains(DockerAdapter docker) throws IOException {
    ComposeProject p = project("rbt-labels", """
        services:
          test:
            image: %s
            command: echo labelled
            network_mode: none
            labels:
              team: ci
        """.formatted(TEST_IMAGE));
    Instant since = Instant.now().minusSeconds(1);

    ServiceRun run = docker.docker().runService(p, "test", ServiceRunOptions.defaults().label(DockerLabels.RUN, "test-labels"));

    assertThat(run.stdout()).isEqualTo("labelled\n");
    Cli.Result events = Cli.run(tmp, Map.of(), "docker", "events", "--since", String.valueOf(since.getEpochSecond()),
        "--until", String.valueOf(Instant.now().getEpochSecond() + 1), "--filter", "label=dev.rollback.run=test-labels",
        "--filter", "label=dev.rollback.managed=true", "--filter", "label=team=ci", "--format", "{{.Type}} {{.Action}}");
    assertThat(events.stdout().lines()).contains("container create", "container start", "container die",
        "container destroy");
    assertThat(containersOf("rbt-labels")).isEmpty();
  }

  @Test
  void stdoutAndStderrStayApartWhateverTheirSize(DockerAdapter docker) throws IOException {
    ComposeProject p = project("rbt-output", """
        services:
          chatty:
            image: %s
            command: ["sh", "-c", "i=0; while [ $$i -lt 20000 ]; do echo out $$i; echo err $$i >&2; i=$$((i+1)); done"]
            network_mode: none
        """.formatted(TEST_IMAGE));

    ServiceRun run = docker.docker().runService(p, "chatty", ServiceRunOptions.defaults());

    List<String> out = run.stdout().lines().toList();
    List<String> err = run.stderr().lines().toList();
    assertThat(out).hasSize(20000).startsWith("out 0").endsWith("out 19999").allMatch(l -> l.startsWith("out "));
    assertThat(err).hasSize(20000).startsWith("err 0").endsWith("err 19999").allMatch(l -> l.startsWith("err "));
    assertThat(run.outputTruncated()).isFalse();

    ServiceRun bounded = docker.docker().runService(p, "chatty", ServiceRunOptions.defaults().maxOutputBytes(1000));
    assertThat(bounded.outputTruncated()).isTrue();
    assertThat(bounded.stdout()).hasSize(1000).endsWith("out 19998\nout 19999\n");
    assertThat(bounded.stderrTail(1)).isEqualTo("err 19999");
  }

  @Test
  void entrypointCommandUserWorkingDirAndEnvironmentReachTheContainer(DockerAdapter docker) throws IOException {
    ComposeProject p = project("rbt-config", """
        services:
          test:
            image: %s
            entrypoint: ["sh", "-c"]
            command: ["echo \\"$$GREETING\\"; pwd; id -u"]
            user: "1234"
            working_dir: /tmp
            environment:
              GREETING: hello there
            network_mode: none
        """.formatted(TEST_IMAGE));

    ServiceRun run = docker.docker().runService(p, "test", ServiceRunOptions.defaults());

    Cli.Result cli = Cli.run(tmp, Map.of(), "docker", "run", "--rm", "--network", "none", "--user", "1234", "--workdir",
        "/tmp", "--env", "GREETING=hello there", "--entrypoint", "sh", TEST_IMAGE, "-c",
        "echo \"$GREETING\"; pwd; id -u");
    assertThat(run.stdout()).isEqualTo("hello there\n/tmp\n1234\n").isEqualTo(cli.stdout());
    assertThat(run.exitCode()).isZero().isEqualTo(cli.exitCode());
  }

  @Test
  void aFailingBuildNamesTheImageAndTheFailureAndLeavesNoContainer(DockerAdapter docker) throws IOException {
    Files.writeString(folder("rbt-buildfail", ".").resolve("Dockerfile"),
        "FROM " + TEST_IMAGE + "\nRUN echo boom >&2; exit 7\n");
    ComposeProject p = project("rbt-buildfail", """
        services:
          test:
            build: .
            network_mode: none
        """);
    List<String> before = Cli.run(tmp, Map.of(), "docker", "ps", "-a", "-q").stdout().lines().toList();

    assertThatThrownBy(() -> docker.docker().runService(p, "test", ServiceRunOptions.defaults()))
        .isInstanceOf(DockerEngineException.class)
        .hasMessageStartingWith("building 'rbt-buildfail-test:latest' from " + p.directory() + " failed: ")
        .hasMessageContaining("returned a non-zero code: 7")
        .hasMessageContaining("boom");
    assertThat(Cli.run(tmp, Map.of(), "docker", "ps", "-a", "-q").stdout().lines().toList()).isEqualTo(before);
  }

  @Test
  void theBuildContextHonoursDockerignoreAsDockerBuildDoes(DockerAdapter docker) throws IOException {
    Path ctx = folder("rbt-ignore", "ctx");
    Files.writeString(ctx.resolve("Dockerfile"), "FROM " + TEST_IMAGE + "\nCOPY . /ctx\n");
    Files.writeString(ctx.resolve(".dockerignore"), "# comment\nsecret.txt\nlogs\n*.tmp\n!keep.tmp\n**/*.bak\n");
    for (String f : List.of("a.txt", "secret.txt", "logs/x.log", "b.tmp", "keep.tmp", "src/main/m.txt",
        "src/main/old.bak", "old.bak")) {
      Files.createDirectories(ctx.resolve(f).getParent());
      Files.writeString(ctx.resolve(f), f);
    }
    ComposeProject p = project("rbt-ignore", """
        services:
          test:
            build: ./ctx
            command: ["sh", "-c", "cd /ctx && find . | sort"]
            network_mode: none
        """);

    ServiceRun run = docker.docker().runService(p, "test", ServiceRunOptions.defaults());

    Cli.Result build = Cli.run(ctx, Map.of("DOCKER_BUILDKIT", "0"), "docker", "build", "-q", "-t",
        "rbt-ignore-cli:latest", ".");
    assertThat(build.exitCode()).as(build.stderr()).isZero();
    try {
      Cli.Result cli = Cli.run(ctx, Map.of(), "docker", "run", "--rm", "--network", "none", "rbt-ignore-cli:latest",
          "sh", "-c", "cd /ctx && find . | sort");
      assertThat(run.stdout()).isEqualTo(cli.stdout())
          .contains("./a.txt", "./keep.tmp", "./src/main/m.txt", "./Dockerfile", "./.dockerignore")
          .doesNotContain("secret.txt", "logs", "b.tmp", ".bak");
    } finally {
      Cli.run(ctx, Map.of(), "docker", "rmi", "rbt-ignore-cli:latest");
    }
  }

  @Test
  void namedVolumesAreCreatedOnceWithTheLabelsAndKeepTheirData(DockerAdapter docker) throws IOException {
    ComposeProject p = project("rbt-volumes", """
        services:
          test:
            image: %s
            command: ["sh", "-c", "cat /cache/count 2>/dev/null || echo 0; echo $$(( $$(cat /cache/count 2>/dev/null || echo 0) + 1 )) > /cache/count"]
            network_mode: none
            volumes:
              - cache:/cache
        volumes:
          cache:
        """.formatted(TEST_IMAGE));

    assertThat(docker.docker().runService(p, "test", ServiceRunOptions.defaults()).stdout()).isEqualTo("0\n");
    assertThat(docker.docker().runService(p, "test", ServiceRunOptions.defaults()).stdout()).isEqualTo("1\n");

    Cli.Result volumes = Cli.run(tmp, Map.of(), "docker", "volume", "ls", "-q", "--filter",
        "label=dev.rollback.managed=true", "--filter", "label=dev.rollback.compose.project=rbt-volumes");
    assertThat(volumes.stdout().lines()).containsExactly("rbt-volumes_cache");
  }
}
