package dev.rollback.examples.cli;

import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.message;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.recovery;
import static dev.rollback.Rollback.role;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Checks;
import dev.rollback.NotificationEvent;
import dev.rollback.RecoveryStrategy;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Steps;
import dev.rollback.docker.DockerChecks;
import dev.rollback.github.GitHubChecks;
import dev.rollback.github.GitHubSignals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher configures only the adapters a plan uses, from flags and the environment, names the flag or variable
 * that is missing, sends messages through the channels of {@code --notify}, passes {@code --value}s to the
 * templates, skips an unavailable adapter only when asked, and carries out recoveries.
 */
class LaunchConfigTest {

  @TempDir
  Path dir;

  /**
   * A plan of core steps with a Docker health check, a recovery and messages on a chat channel.
   *
   * @return the plan
   */
  public static RollbackPlan dockerPlan() {
    return RollbackPlan.builder().from(LaunchVerbsTest.touchPlan()).name("touch with docker")
        .healthCheck(DockerChecks.noOrphanedContainers())
        .recovery(recovery("forward", RecoveryStrategy.Kind.FORWARD).approval(role("team-lead"))
            .phase(phase("fix").step(Steps.command("touch", "fixed")).validate(Checks.command("test", "-f", "fixed")))
            .validate(Checks.command("test", "-f", "fixed")))
        .communicate(message("done").on(NotificationEvent.ROLLBACK_COMPLETED).title("Rolled back")
            .body("Contact {{team}}.").via("chat"))
        .communicate(message("recovered").on(NotificationEvent.RECOVERY_COMPLETED).title("Recovered")
            .body("{{#fixes}}- {{.}}\n{{/fixes}}").via("chat"))
        .messageValue("team", "platform")
        .messageValue("fixes", List.of())
        .build();
  }

  /**
   * A plan that reads CI on GitHub.
   *
   * @return the plan
   */
  public static RollbackPlan githubPlan() {
    return Rollback.plan("github")
        .severity(severity("high").when(GitHubSignals.failureStreak(GitHubSignals.workflow("ci.yml")).atLeast(3))
            .rollbackWithin(hours(1)).approval(single("maintainer")))
        .procedure(procedure("p").phase(phase("one").step(Steps.command("true"))
            .validate(GitHubChecks.ciPassing(GitHubSignals.workflow("ci.yml")))))
        .build();
  }

  private static final String DOCKER_PLAN = LaunchConfigTest.class.getName() + "#dockerPlan";

  @Test
  void anUnavailableDockerEngineIsSkippedOnlyWhenAskedAndTheChannelsOfNotifyGetTheMessages() throws Exception {
    String dead = "unix://" + dir.resolve("dead.sock");
    CliRun strict = run("run", DOCKER_PLAN, "--repo", dir.toString(), "--declare", "broken", "--yes",
        "--docker-host", dead, "--notify", "chat=files:notes");
    assertThat(strict.status()).isEqualTo(1);
    assertThat(strict.out()).contains("**STOPPED** — adapter 'docker' could not start");

    CliRun r = run("run", DOCKER_PLAN, "--repo", dir.toString(), "--declare", "broken", "--yes",
        "--docker-host", dead, "--skip-unavailable", "docker", "--notify", "chat=files:notes", "--value",
        "team=the CI platform team");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("**SUCCEEDED**", "## Skipped: unavailable adapters", "- [ ] **SKIPPED**");
    try (var files = Files.list(dir.resolve("notes"))) {
      assertThat(files.map(LaunchConfigTest::read).findFirst().orElseThrow())
          .isEqualTo("# Rolled back\n\nContact the CI platform team.\n");
    }
  }

  @Test
  void recoverCarriesOutAStrategyAndFillsTheFixesFromRepeatedValues() throws Exception {
    CliRun r = run("recover", DOCKER_PLAN, "forward", "--repo", dir.toString(), "--yes", "--skip-unavailable",
        "docker", "--docker-host", "unix://" + dir.resolve("dead.sock"), "--notify", "chat=files:notes",
        "--value", "fixes=Pin the image", "--value", "fixes=Retry flaky tests");

    assertThat(r.status()).as(r.err() + r.out()).isZero();
    assertThat(r.out()).contains("recovered with strategy 'forward'; recovery validation passed");
    assertThat(dir.resolve("fixed")).exists();
    try (var files = Files.list(dir.resolve("notes"))) {
      assertThat(files.map(LaunchConfigTest::read).findFirst().orElseThrow())
          .isEqualTo("# Recovered\n\n- Pin the image\n- Retry flaky tests\n");
    }
  }

  @Test
  void missingConfigurationIsNamedWithItsFlagOrVariable() {
    CliRun github = run("run", LaunchConfigTest.class.getName() + "#githubPlan", "--repo", dir.toString(), "--yes");
    assertThat(github.status()).isEqualTo(2);
    assertThat(github.err()).startsWith("rollback run: plan 'github' uses GitHub, but no repository is known: pass"
        + " --github owner/name (or set GITHUB_REPOSITORY)\nusage: rollback run <plan>");

    CliRun notify = run("run", DOCKER_PLAN, "--repo", dir.toString(), "--notify", "chat=slack:x");
    assertThat(notify.err()).startsWith("rollback run: --notify chat=slack:x: unknown kind 'slack'; kinds are"
        + " files:DIR, log, webhook-env:VARIABLE, github-issue, github-comment:N\n");

    CliRun webhook = run("run", DOCKER_PLAN, "--repo", dir.toString(), "--notify",
        "chat=webhook-env:ROLLBACK_TEST_UNSET_VARIABLE");
    assertThat(webhook.err()).startsWith("rollback run: --notify chat=webhook-env:ROLLBACK_TEST_UNSET_VARIABLE: the"
        + " environment variable ROLLBACK_TEST_UNSET_VARIABLE holding the webhook's URL is not set\n");

    CliRun git = run("run", "jshell/p3-007.jsh", "--repo", dir.toString(), "--yes");
    assertThat(git.err()).startsWith("rollback run: plan 'P3-007 Docker CI test execution' uses Git, but '"
        + dir.toAbsolutePath() + "' is not a Git repository: it has no .git directory and is not a bare repository;"
        + " pass the repository's root with --repo DIR\n");
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

}
