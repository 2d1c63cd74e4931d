package dev.rollback.github.functional;

import static dev.rollback.Rollback.ref;
import dev.rollback.testkit.AdapterHarness;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Step;
import dev.rollback.github.GitHubException;
import dev.rollback.github.GitHubSteps;
import dev.rollback.github.testing.GitHubFixture;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepResult;
import dev.rollback.testkit.FakeRun;
import dev.rollback.testkit.RecordedRequest;
import dev.rollback.testkit.RunScript;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** After the rollback: trigger CI on main, find the run the dispatch created, and wait for its verdict. */
class PostRollbackFlowTest {

  @RegisterExtension
  final GitHubFixture gh = new GitHubFixture();

  private final Step dispatch = GitHubSteps.dispatch("ci.yml", "main").as("ciRun");
  private final Step await = GitHubSteps.awaitRun(ref("ciRun"), Duration.ofMinutes(20), Duration.ofSeconds(30));

  @Test
  void dispatchesFindsTheNewRunAndAwaitsItsSuccess() throws Exception {
    gh.ci.seedHistory("main", Duration.ofMinutes(5), "failure");
    gh.ci.newRun().event("workflow_dispatch").script(RunScript.neverFinishes()).createdAt(
        gh.clock.instant().minusSeconds(120)).create();
    gh.ci.onDispatch(RunScript.succeedsAfter(Duration.ofMinutes(4)).queuedFor(Duration.ofSeconds(20)));

    StepResult dispatched = gh.run.apply(dispatch);
    FakeRun created = gh.ci.runs().stream().filter(r -> r.createdAt().equals(GitHubFixture.START)).findFirst()
        .orElseThrow();
    assertThat(dispatched.value()).hasValue(created.id());
    assertThat(gh.run.outputs()).containsEntry("ciRun", created.id());
    assertThat(dispatched.evidence().get("correlation").toString()).contains("earliest workflow_dispatch run");

    StepResult awaited = gh.run.apply(await);
    assertThat(awaited.value()).hasValue("success");
    assertThat(created.conclusion()).hasValue("success");
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START.plus(Duration.ofMinutes(4)));

    assertThat(gh.github.requestCount("actions/create-workflow-dispatch")).isEqualTo(1);
    assertThat(gh.github.requests("actions/get-workflow-run")).hasSize(9)
        .filteredOn(RecordedRequest::conditional).hasSize(8).filteredOn(r -> r.status() == 304).hasSize(6);
  }

  @Test
  void awaitingARunThatFailsFailsTheStepWithTheConclusionAndItsPage() throws Exception {
    gh.ci.onDispatch(RunScript.failsAfter(Duration.ofMinutes(3)));
    long id = (Long) gh.run.apply(dispatch).value().orElseThrow();

    assertThatThrownBy(() -> gh.run.apply(await)).isInstanceOf(GitHubException.class)
        .hasMessageContaining("run " + id + " of CI concluded failure after 180s")
        .hasMessageContaining(gh.github.baseUrl() + "/acme/shop/actions/runs/" + id);
  }

  @Test
  void awaitingTheConclusionWhateverItIsReturnsIt() throws Exception {
    gh.ci.onDispatch(RunScript.failsAfter(Duration.ofMinutes(3)));
    gh.run.apply(dispatch);
    StepResult r = gh.run.apply(GitHubSteps.awaitConclusion(ref("ciRun"), Duration.ofMinutes(10)));
    assertThat(r.value()).hasValue("failure");
  }

  @Test
  void awaitingNeverWaitsPastTheRunsDeadline() throws Exception {
    gh.ci.onDispatch(RunScript.neverFinishes());
    gh.run.apply(dispatch);
    gh.run.deadline(gh.clock.instant().plus(Duration.ofMinutes(2)));

    assertThatThrownBy(() -> gh.run.apply(await)).isInstanceOf(GitHubException.class)
        .hasMessageContaining("is still in_progress after 120s");
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START.plus(Duration.ofMinutes(2)));
  }

  @Test
  void withoutAConfiguredSleeperTheAdapterWaitsOnTheRunsManualClock() throws Exception {
    var adapter = dev.rollback.github.GitHubAdapter.builder(dev.rollback.github.GitHubTarget.of("acme/shop")
        .baseUrl(gh.github.baseUrl())).token(GitHubFixture.TOKEN).build();
    var run = AdapterHarness.builder(adapter).clock(gh.clock).runId("run-2").build();
    gh.ci.onDispatch(RunScript.succeedsAfter(Duration.ofMinutes(4)));

    run.apply(dispatch);
    assertThat(run.apply(await).value()).hasValue("success");
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START.plus(Duration.ofMinutes(4)));
  }

  @Test
  void whenGitHubReturnsTheRunsIdNoCorrelationIsNeeded() throws Exception {
    gh.github.dispatchRunDetails(true);
    var adapter = gh.adapter(b -> b.dispatchRunDetails(true));
    var run = AdapterHarness.builder(adapter).clock(gh.clock).runId("run-2").build();

    StepResult r = run.apply(dispatch);

    assertThat(r.value()).hasValue(gh.ci.runs().get(0).id());
    assertThat(r.evidence()).containsEntry("correlation", "GitHub returned the run's id");
    assertThat(r.outputs().get("url").toString()).endsWith("/acme/shop/actions/runs/" + gh.ci.runs().get(0).id());
    assertThat(gh.github.requestCount("actions/list-workflow-runs")).isZero();
  }

  @Test
  void aCorrelationInputEchoedInTheRunNameTellsTheRunApartFromAnotherPersonsDispatch() throws Exception {
    gh.ci.inputs("reason", "rollback_id").runName("CI ${{ inputs.rollback_id }}");
    Step withToken = GitHubSteps.dispatch("ci.yml", "main", Map.of("reason", "P3-007 rollback"), "rollback_id")
        .as("ciRun");
    // Someone else dispatches the same workflow on the same branch in the same second, just before us.
    gh.github.beforeNext("actions/create-workflow-dispatch", () -> gh.ci.newRun().event("workflow_dispatch")
        .displayTitle("CI someone else").script(RunScript.neverFinishes()).create());

    StepResult r = gh.run.apply(withToken);

    FakeRun ours = gh.ci.runs().stream().filter(x -> x.displayTitle().contains("rollback-run-1")).findFirst()
        .orElseThrow();
    assertThat(r.value()).hasValue(ours.id());
    assertThat(ours.inputs()).containsEntry("reason", "P3-007 rollback");
  }

  @Test
  void aDispatchWhoseRunAppearsSecondsLaterIsFoundByPolling() throws Exception {
    gh.ci.dispatchDelay(Duration.ofSeconds(10));

    StepResult r = gh.run.apply(dispatch);

    assertThat(r.value()).hasValue(gh.ci.runs().get(0).id());
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START.plusSeconds(10));
    assertThat(gh.github.requestCount("actions/list-workflow-runs")).isEqualTo(3);
  }

  @Test
  void aDispatchWhoseRunNeverAppearsFailsAfterTheLookupTime() throws Exception {
    gh.ci.dispatchDelay(Duration.ofHours(1));

    assertThatThrownBy(() -> gh.run.apply(dispatch)).isInstanceOf(GitHubException.class)
        .hasMessage("dispatched ci.yml on main at 2026-03-02T09:00:00Z, but no run created after it appeared within"
            + " 120s");
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START.plus(Duration.ofMinutes(2)));
  }

  @Test
  void onResumeTheDispatchedRunIsFoundInsteadOfDispatchingAgain() throws Exception {
    assertThat(gh.run.isApplied(dispatch).state()).isEqualTo(Probe.State.NOT_APPLIED);
    StepResult first = gh.run.apply(dispatch);
    Probe probe = gh.run.isApplied(dispatch);
    assertThat(probe.state()).isEqualTo(Probe.State.APPLIED);
    assertThat(probe.result().orElseThrow().value()).isEqualTo(first.value());

    StepResult again = gh.run.apply(dispatch, 2);
    assertThat(again.value()).isEqualTo(first.value());
    assertThat(gh.github.requestCount("actions/create-workflow-dispatch")).isEqualTo(1);
  }

  @Test
  void compensationCancelsTheDispatchedRunWhileItRuns() throws Exception {
    gh.ci.onDispatch(RunScript.neverFinishes());
    StepResult r = gh.run.apply(dispatch);
    StepResult undone = gh.run.compensate(dispatch, r);
    assertThat(undone.summary()).isEqualTo("cancelled the dispatched run " + r.value().get());
    assertThat(gh.ci.runs().get(0).conclusion()).hasValue("cancelled");
  }

  @Test
  void aRerunKeepsTheRunIdAndTheNextAttemptIsAwaited() throws Exception {
    FakeRun failed = gh.ci.seedHistory("main", Duration.ofMinutes(5), "failure").get(0);
    gh.ci.onRerun(RunScript.succeedsAfter(Duration.ofMinutes(2)));

    StepResult r = gh.run.apply(GitHubSteps.rerun(failed.id()).as("retry"));
    assertThat(r.value()).hasValue(failed.id());
    assertThat(r.outputs()).containsEntry("attempt", 2);
    assertThat(gh.run.apply(GitHubSteps.awaitRun(ref("retry"), Duration.ofMinutes(5))).value()).hasValue("success");
    assertThat(failed.attempt()).isEqualTo(2);
    assertThat(gh.run.isApplied(GitHubSteps.rerun(failed.id()).as("retry")).state()).isEqualTo(Probe.State.APPLIED);
  }
}
