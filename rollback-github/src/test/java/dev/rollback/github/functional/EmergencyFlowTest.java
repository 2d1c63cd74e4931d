package dev.rollback.github.functional;

import static dev.rollback.github.GitHubSignals.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Step;
import dev.rollback.github.GitHubSteps;
import dev.rollback.github.testing.GitHubFixture;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepResult;
import dev.rollback.testkit.FakeRun;
import dev.rollback.testkit.RunScript;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The emergency procedure's first step: stop every CI run of ci.yml on main. */
class EmergencyFlowTest {

  @RegisterExtension
  final GitHubFixture gh = new GitHubFixture();

  private final Step cancel = GitHubSteps.cancelRuns(workflow("ci.yml").onBranch("main"));

  @Test
  void cancelsEveryUnfinishedRunOfTheWorkflowOnTheBranchAndTheyReadBackCancelled() throws Exception {
    gh.ci.seedHistory("main", Duration.ofMinutes(6), "success", "failure");
    FakeRun a = gh.ci.newRun().script(RunScript.neverFinishes()).create();
    FakeRun b = gh.ci.newRun().script(RunScript.neverFinishes()).create();
    FakeRun queued = gh.ci.newRun().script(RunScript.staysQueued()).create();
    FakeRun otherBranch = gh.ci.newRun().branch("feature").script(RunScript.neverFinishes()).create();
    gh.repo.branch("feature", "f".repeat(40));
    FakeRun otherWorkflow = gh.repo.workflow("deploy.yml").newRun().script(RunScript.neverFinishes()).create();
    gh.github.clearRequests();

    StepResult result = gh.run.apply(cancel);

    assertThat(List.of(a, b, queued)).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo("completed");
      assertThat(r.conclusion()).hasValue("cancelled");
    });
    assertThat(otherBranch.status()).isEqualTo("in_progress");
    assertThat(otherWorkflow.status()).isEqualTo("in_progress");
    assertThat(result.value()).hasValue(List.of(queued.id(), b.id(), a.id()));
    assertThat(result.summary()).isEqualTo("cancelled 3 runs of ci.yml on main");
    assertThat(gh.github.requestCount("actions/list-workflow-runs")).isEqualTo(1);
    assertThat(gh.github.requestCount("actions/cancel-workflow-run")).isEqualTo(3);
    assertThat(gh.github.requests()).hasSize(1 + 3);
  }

  @Test
  void aRunThatFinishedMeanwhileIsReportedNotAnError() throws Exception {
    FakeRun finishing = gh.ci.newRun().script(RunScript.neverFinishes()).create();
    FakeRun running = gh.ci.newRun().script(RunScript.neverFinishes()).create();
    // GitHub lists the newest first: the cancel of `running` comes first, then `finishing` completes on its own.
    gh.github.beforeNext("actions/cancel-workflow-run", () -> { });
    gh.github.beforeNext("actions/cancel-workflow-run", () -> finishing.complete("success"));

    StepResult result = gh.run.apply(cancel);

    assertThat(result.outputs()).containsEntry("cancelled", List.of(running.id()))
        .containsEntry("alreadyFinished", List.of(finishing.id()));
    assertThat(result.summary()).contains("1 had finished meanwhile (409)");
    assertThat(finishing.conclusion()).hasValue("success");
    assertThat(gh.github.requests("actions/cancel-workflow-run")).extracting(r -> r.status())
        .containsExactly(202, 409);
  }

  @Test
  void itCanWaitUntilGitHubHasStoppedTheCancelledRuns() throws Exception {
    gh.ci.cancelDelay(Duration.ofSeconds(8));
    FakeRun a = gh.ci.newRun().script(RunScript.neverFinishes()).create();

    StepResult result = gh.run.apply(GitHubSteps.cancelRuns(workflow("ci.yml").onBranch("main"),
        Duration.ofMinutes(1)));

    assertThat(a.conclusion()).hasValue("cancelled");
    assertThat(result.summary()).isEqualTo("cancelled 1 run of ci.yml on main, confirmed completed");
    assertThat(result.evidence()).containsEntry("confirmationPolls", 3);
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START.plusSeconds(10));
  }

  @Test
  void aCancelThatDoesNotTakeEffectInTimeFailsTheStepNamingTheRun() throws Exception {
    gh.ci.cancelDelay(Duration.ofMinutes(5));
    FakeRun a = gh.ci.newRun().script(RunScript.neverFinishes()).create();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> gh.run.apply(GitHubSteps.cancelRuns(
        workflow("ci.yml"), Duration.ofMinutes(1))))
        .hasMessage("run(s) " + a.id() + " still had not completed 60s after GitHub accepted their cancel");
    assertThat(gh.github.requestCount("actions/cancel-workflow-run")).isEqualTo(1);
  }

  @Test
  void withNothingInProgressItCancelsNothing() throws Exception {
    gh.ci.seedHistory("main", Duration.ofMinutes(6), "success");
    StepResult result = gh.run.apply(cancel);
    assertThat(result.summary()).isEqualTo("no run of ci.yml on main was in progress");
    assertThat(gh.github.requestCount("actions/cancel-workflow-run")).isZero();
  }

  @Test
  void thePreviewListsTheRunsItWouldCancelAndCancelsNothing() throws Exception {
    FakeRun a = gh.ci.newRun().script(RunScript.neverFinishes()).create();
    assertThat(gh.run.preview(cancel).summary())
        .isEqualTo("would cancel 1 runs of ci.yml on main that have not completed: " + a.id());
    assertThat(a.status()).isEqualTo("in_progress");
    assertThat(gh.github.requestCount("actions/cancel-workflow-run")).isZero();
  }

  @Test
  void onResumeTheStepCountsAsAppliedOnceNothingIsInProgress() throws Exception {
    FakeRun a = gh.ci.newRun().script(RunScript.neverFinishes()).create();
    assertThat(gh.run.isApplied(cancel).state()).isEqualTo(Probe.State.NOT_APPLIED);
    gh.run.apply(cancel);
    Probe after = gh.run.isApplied(cancel);
    assertThat(after.state()).isEqualTo(Probe.State.APPLIED);
    assertThat(after.result().orElseThrow().value()).hasValue(List.of(a.id()));
  }
}
