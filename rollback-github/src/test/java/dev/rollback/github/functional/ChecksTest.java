package dev.rollback.github.functional;

import static dev.rollback.github.GitHubSignals.workflow;
import dev.rollback.testkit.AdapterHarness;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.github.GitHubChecks;
import dev.rollback.github.RunFilter;
import dev.rollback.github.testing.GitHubFixture;
import dev.rollback.spi.CheckResult;
import dev.rollback.testkit.FakeRun;
import dev.rollback.testkit.RunScript;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Readiness and verification checks on CI runs. */
class ChecksTest {

  @RegisterExtension
  final GitHubFixture gh = new GitHubFixture();

  private final RunFilter ci = workflow("ci.yml").onBranch("main");

  @Test
  void theLastSuccessfulCommitIsARollbackTargetBoundAsAnOutput() throws Exception {
    List<FakeRun> runs = gh.ci.seedHistory("main", Duration.ofMinutes(5), "success", "success", "failure",
        "failure");

    CheckResult r = gh.run.evaluate(GitHubChecks.lastSuccessfulCommit(ci).as("lastGreen"));

    assertThat(r.status()).isEqualTo(CheckResult.Status.PASSED);
    assertThat(r.value()).hasValue(runs.get(1).headSha());
    assertThat(gh.run.outputs()).containsEntry("lastGreen", runs.get(1).headSha());
  }

  @Test
  void withoutASuccessfulRunAmongThreeHundredTheCheckFails() throws Exception {
    String[] failures = new String[120];
    java.util.Arrays.fill(failures, "failure");
    gh.ci.seedHistory("main", Duration.ofMinutes(1), failures);
    CheckResult r = gh.run.evaluate(GitHubChecks.lastSuccessfulCommit(ci));
    assertThat(r.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(r.summary()).isEqualTo("none of the newest 120 runs of ci.yml on main succeeded");
    assertThat(gh.github.requestCount("actions/list-workflow-runs")).isEqualTo(2);
  }

  @Test
  void ciPassesWhenTheNewestVerdictIsASuccess() throws Exception {
    gh.ci.seedHistory("main", Duration.ofMinutes(5), "failure", "success", "cancelled");
    assertThat(gh.run.evaluate(GitHubChecks.ciPassing(ci)).status()).isEqualTo(CheckResult.Status.PASSED);
    gh.ci.seedHistory("main", Duration.ofSeconds(1), "failure");
    gh.clock.advance(Duration.ofMinutes(1));
    var failed = AdapterHarness.builder(gh.adapter).clock(gh.clock).runId("run-2").build()
        .evaluate(GitHubChecks.ciPassing(ci));
    assertThat(failed.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(failed.value()).hasValue("failure");
  }

  @Test
  void ciPassingIsUnknownWithoutAVerdictYet() throws Exception {
    gh.ci.newRun().script(RunScript.neverFinishes()).create();
    assertThat(gh.run.evaluate(GitHubChecks.ciPassing(ci)).status()).isEqualTo(CheckResult.Status.UNKNOWN);
  }

  @Test
  void noRunsInProgressListsTheOnesThatAre() throws Exception {
    FakeRun running = gh.ci.newRun().script(RunScript.neverFinishes()).create();
    CheckResult r = gh.run.evaluate(GitHubChecks.noRunsInProgress(ci));
    assertThat(r.status()).isEqualTo(CheckResult.Status.FAILED);
    assertThat(r.summary()).endsWith(": " + running.id());
    running.complete("success");
    assertThat(AdapterHarness.builder(gh.adapter).clock(gh.clock).runId("run-2").build()
        .evaluate(GitHubChecks.noRunsInProgress(ci)).passed()).isTrue();
  }
}
