package dev.rollback.docker.functional;

import static dev.rollback.testkit.DockerEngineExtension.TEST_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Check;
import dev.rollback.RepoPath;
import dev.rollback.docker.DockerAdapter;
import dev.rollback.docker.DockerChecks;
import dev.rollback.docker.DockerLabels;
import dev.rollback.docker.testing.Cli;
import dev.rollback.docker.testing.DockerRuns;
import dev.rollback.docker.testing.Fixtures;
import dev.rollback.testkit.RequiresDocker;
import dev.rollback.spi.CheckResult;
import dev.rollback.testkit.AdapterHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks against the real engine: the compose test service, orphans, images, the engine itself. */
@RequiresDocker
class DockerChecksTest {

  @TempDir
  Path tmp;

  private CheckResult evaluate(DockerAdapter docker, AdapterHarness run, Check check) throws Exception {
    return docker.checks().get(check.kind()).evaluate(run.context(check));
  }

  @AfterAll
  static void removeBuiltImages(DockerAdapter docker) {
    docker.docker().removeByLabel(DockerLabels.PROJECT + "=rbt-checks");
  }

  @Test
  void theComposeTestServicePassesOnExitZeroAndFailsOtherwiseWithEvidence(DockerAdapter docker) throws Exception {
    Path workspace = tmp.resolve("repo");
    Fixtures.copy("compose", workspace.resolve("rbt-checks"));
    AdapterHarness run = DockerRuns.in(workspace);
    RepoPath file = new RepoPath("rbt-checks/docker-compose.test.yml");

    CheckResult pass = evaluate(docker, run, DockerChecks.composeServicePasses(file, "pass"));
    CheckResult fail = evaluate(docker, run, DockerChecks.composeServicePasses(file, "fail"));

    assertThat(pass.status()).isEqualTo(CheckResult.Status.PASSED);
    assertThat(pass.value()).contains(0);
    assertThat(pass.evidence()).containsEntry("exitCode", 0);
    assertThat((String) pass.evidence().get("stdoutTail")).endsWith("anonymous volume at /scratch\nall passed");
    assertThat(fail.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(fail.summary()).startsWith("service fail exited 3").endsWith("a warning on stderr\nfailing on purpose");
    assertThat(fail.evidence()).containsEntry("exitCode", 3)
        .containsEntry("stderrTail", "a warning on stderr\nfailing on purpose");
    assertThat(docker.docker().containers(DockerLabels.run(run.runId()), false)).isEmpty();
  }

  @Test
  void noOrphanedContainersFailsWhileAContainerCarriesTheLabel(DockerAdapter docker) throws Exception {
    String label = "rbt-orphan=" + UUID.randomUUID();
    AdapterHarness run = DockerRuns.in(tmp);
    Check check = DockerChecks.noOrphanedContainers(label);
    assertThat(evaluate(docker, run, check).status()).isEqualTo(CheckResult.Status.PASSED);

    Cli.Result created = Cli.run(tmp, Map.of(), "docker", "create", "--name", "rbt-orphan-" + label.substring(11, 19),
        "--label", label, TEST_IMAGE, "true");
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    try {
      CheckResult r = evaluate(docker, run, check);
      assertThat(r.status()).isEqualTo(CheckResult.Status.FAILED);
      assertThat(r.summary()).isEqualTo("1 container(s) carry " + label + ": rbt-orphan-" + label.substring(11, 19)
          + " (created)");
      assertThat(r.evidence().get("containers")).isEqualTo(List.of("rbt-orphan-" + label.substring(11, 19)
          + " (created)"));
    } finally {
      Cli.run(tmp, Map.of(), "docker", "rm", "-f", created.stdout().strip());
    }
    assertThat(evaluate(docker, run, check).status()).isEqualTo(CheckResult.Status.PASSED);
  }

  @Test
  void imageExistsNamesTheImageId(DockerAdapter docker) throws Exception {
    AdapterHarness run = DockerRuns.in(tmp);
    String id = Cli.run(tmp, Map.of(), "docker", "image", "inspect", "--format", "{{.Id}}", TEST_IMAGE).stdout().strip();

    CheckResult present = evaluate(docker, run, DockerChecks.imageExists(TEST_IMAGE));
    CheckResult missing = evaluate(docker, run, DockerChecks.imageExists("rollback-test/missing:1"));

    assertThat(present.passed()).isTrue();
    assertThat(present.value()).contains(id);
    assertThat(missing.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(missing.summary()).isEqualTo("image rollback-test/missing:1 is not on the engine at " + docker.docker().host());
  }

  @Test
  void engineAvailableReportsTheVersionTheDockerCliSees(DockerAdapter docker) throws Exception {
    String version = Cli.run(tmp, Map.of(), "docker", "version", "--format", "{{.Server.Version}}").stdout().strip();

    CheckResult r = evaluate(docker, DockerRuns.in(tmp), DockerChecks.engineAvailable());

    assertThat(r.passed()).isTrue();
    assertThat(r.value()).contains(version);
    assertThat(r.evidence()).containsEntry("host", docker.docker().host());
  }
}
