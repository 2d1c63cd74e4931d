package dev.rollback.github.functional;

import static dev.rollback.Rollback.ref;
import dev.rollback.testkit.AdapterHarness;
import static dev.rollback.github.GitHubSignals.lastRuns;
import static dev.rollback.github.GitHubSignals.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.github.GitHubChecks;
import dev.rollback.github.GitHubSignals;
import dev.rollback.github.GitHubSteps;
import dev.rollback.github.RunFilter;
import dev.rollback.github.testing.GitHubFixture;
import dev.rollback.testkit.RecordedRequest;
import dev.rollback.testkit.RunScript;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests per operation, counted in the fake's request log: the adapter makes no hidden look-ups. */
class RequestCountsTest {

  @RegisterExtension
  final GitHubFixture gh = new GitHubFixture();

  private final RunFilter ci = workflow("ci.yml").onBranch("main");

  @BeforeEach
  void history() {
    gh.ci.seedHistory("main", Duration.ofMinutes(6), "success", "success", "failure", "success", "cancelled",
        "success", "success", "success", "success", "success", "success", "failure");
    gh.github.clearRequests();
  }

  @Test
  void assessingTheLastTenRunsTakesOneRequestForEverySignalAndCheckOnThem() throws Exception {
    gh.run.measure(GitHubSignals.successRate(ci, lastRuns(10)));
    gh.run.measure(GitHubSignals.durationPercentile(ci, lastRuns(10), 90));
    gh.run.measure(GitHubSignals.medianDuration(ci, lastRuns(10)));
    gh.run.measure(GitHubSignals.lastRunSucceeded(ci));
    gh.run.measure(GitHubSignals.runsInProgress(ci));
    gh.run.measure(GitHubSignals.failureStreak(ci));
    gh.run.evaluate(GitHubChecks.ciPassing(ci));
    gh.run.evaluate(GitHubChecks.lastSuccessfulCommit(ci));

    assertThat(gh.github.requests()).singleElement().satisfies(r -> {
      assertThat(r.operationId()).hasValue("actions/list-workflow-runs");
      assertThat(r.query()).isEqualTo("branch=main&per_page=100");
    });
  }

  @Test
  void aLaterAssessmentOfAnUnchangedHistoryIsAConditionalRequestAnswered304() throws Exception {
    gh.run.measure(GitHubSignals.successRate(ci, lastRuns(10)));
    gh.clock.advance(Duration.ofMinutes(5));
    gh.run.measure(GitHubSignals.successRate(ci, lastRuns(10)));
    assertThat(gh.github.requests()).extracting(RecordedRequest::status).containsExactly(200, 304);
  }

  @Test
  void cancellingKRunsTakesOnePlusKRequests() throws Exception {
    for (int i = 0; i < 5; i++) {
      gh.ci.newRun().script(RunScript.neverFinishes()).create();
    }
    gh.github.clearRequests();
    gh.run.apply(GitHubSteps.cancelRuns(ci));
    assertThat(gh.github.requests()).hasSize(1 + 5);
  }

  @Test
  void dispatchingTakesTheDispatchAndOneListingWhenTheRunIsThereAndOneRequestWithRunDetails() throws Exception {
    gh.run.apply(GitHubSteps.dispatch("ci.yml", "main"));
    assertThat(gh.github.requests()).extracting(r -> r.operationId().orElseThrow())
        .containsExactly("actions/create-workflow-dispatch", "actions/list-workflow-runs");

    gh.github.clearRequests();
    var withDetails = AdapterHarness.builder(gh.adapter(b -> b.dispatchRunDetails(true))).clock(gh.clock)
        .runId("run-2").build();
    withDetails.apply(GitHubSteps.dispatch("ci.yml", "main"));
    assertThat(gh.github.requests()).extracting(r -> r.operationId().orElseThrow())
        .containsExactly("actions/create-workflow-dispatch");
  }

  @Test
  void awaitingARunPollsWithConditionalRequestsThatCostNothingWhileItIsUnchanged() throws Exception {
    gh.ci.onDispatch(RunScript.succeedsAfter(Duration.ofMinutes(10)).queuedFor(Duration.ofSeconds(30)));
    gh.run.apply(GitHubSteps.dispatch("ci.yml", "main").as("ciRun"));
    gh.github.clearRequests();

    gh.run.apply(GitHubSteps.awaitRun(ref("ciRun"), Duration.ofMinutes(15), Duration.ofMinutes(1)));

    assertThat(gh.github.requests()).hasSize(11).allSatisfy(r -> assertThat(r.is("actions/get-workflow-run")).isTrue());
    assertThat(gh.github.requests()).extracting(RecordedRequest::status)
        .containsExactly(200, 200, 304, 304, 304, 304, 304, 304, 304, 304, 200);
  }

  @Test
  void theRunStartReadsTheRepositoryOnce() throws Exception {
    gh.adapter.onRunStart(gh.run);
    assertThat(gh.github.requests()).extracting(r -> r.operationId().orElseThrow()).containsExactly("repos/get");
  }
}
