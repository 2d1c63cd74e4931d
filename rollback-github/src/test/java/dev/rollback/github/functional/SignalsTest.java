package dev.rollback.github.functional;

import static dev.rollback.github.GitHubSignals.lastRuns;
import static dev.rollback.github.GitHubSignals.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Rollback;
import dev.rollback.Unit;
import dev.rollback.github.GitHubSignals;
import dev.rollback.github.RunFilter;
import dev.rollback.github.testing.GitHubFixture;
import dev.rollback.spi.Measurement;
import dev.rollback.spi.Sample;
import dev.rollback.testkit.RunScript;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the CI signals measure, on seeded histories. */
class SignalsTest {

  @RegisterExtension
  final GitHubFixture gh = new GitHubFixture();

  private final RunFilter ci = workflow("ci.yml").onBranch("main");

  @Test
  void successRateCountsVerdictsOnlyAndSaysWhatItLeftOut() throws Exception {
    gh.ci.seedHistory("main", Duration.ofMinutes(5), "success", "failure", "cancelled", "skipped", "neutral",
        "timed_out", "startup_failure", "success", "action_required", "stale");
    gh.ci.newRun().script(RunScript.neverFinishes()).create();

    Measurement m = gh.run.measure(GitHubSignals.successRate(ci, lastRuns(11)));

    assertThat(m.value()).hasValue(2.0 / 5);
    assertThat(m.unit()).isEqualTo(Unit.RATIO);
    assertThat(m.display()).isEqualTo("40%");
    assertThat(m.summary()).startsWith("2 of 5 runs of ci.yml on main with a verdict succeeded (last 11 runs: {")
        .contains("cancelled=1").contains("in_progress=1").contains("skipped=1");
  }

  @Test
  void withNoRunsAtAllEverySignalIsUnknownNotZero() throws Exception {
    for (var s : new dev.rollback.Signal[] {GitHubSignals.successRate(ci, 10), GitHubSignals.medianDuration(ci, 10),
        GitHubSignals.lastRunSucceeded(ci), GitHubSignals.runsInProgress(ci), GitHubSignals.failureStreak(ci)}) {
      Measurement m = gh.run.measure(s);
      assertThat(m.isKnown()).as(s.label()).isFalse();
      assertThat(m.summary()).isEqualTo("no runs of ci.yml on main");
    }
  }

  @Test
  void onlyCancelledRunsGiveAnUnknownRateNotAFailure() throws Exception {
    gh.ci.seedHistory("main", Duration.ofMinutes(5), "cancelled", "cancelled");
    Measurement m = gh.run.measure(GitHubSignals.successRate(ci, lastRuns(10)));
    assertThat(m.isKnown()).isFalse();
    assertThat(m.summary()).contains("none of the last 2 runs of ci.yml on main has a verdict");
  }

  @Test
  void durationsAreNearestRankPercentilesOfSuccessfulAndFailedRuns() throws Exception {
    for (int minutes : new int[] {4, 9, 5, 7, 6}) {
      gh.ci.seedHistory("main", Duration.ofMinutes(minutes), minutes == 9 ? "failure" : "success");
    }
    gh.ci.seedHistory("main", Duration.ofMinutes(30), "cancelled");

    assertThat(gh.run.measure(GitHubSignals.medianDuration(ci, lastRuns(10))).value()).hasValue(360.0);
    assertThat(gh.run.measure(GitHubSignals.durationPercentile(ci, lastRuns(10), 90)).value()).hasValue(540.0);
    assertThat(gh.run.measure(GitHubSignals.maxDuration(ci, lastRuns(10))).value()).hasValue(540.0);
    assertThat(gh.run.measure(GitHubSignals.medianDuration(ci, lastRuns(10))).display()).isEqualTo("360s");
  }

  @Test
  void historyIsTheStatisticOverASlidingWindowEndingAtEachRunOldestFirst() throws Exception {
    gh.ci.seedHistory("main", Duration.ofMinutes(5), "success", "success", "failure", "failure", "success");

    Measurement m = gh.run.measure(GitHubSignals.successRate(ci, lastRuns(2)));

    assertThat(m.history()).extracting(Sample::value).containsExactly(1.0, 0.5, 0.0, 0.5);
    assertThat(m.history().get(3).value()).isEqualTo(m.value().getAsDouble());
    assertThat(m.history()).isSortedAccordingTo(java.util.Comparator.comparing(Sample::at));
  }

  @Test
  void theLatestVerdictFailureStreakAndRunsInProgress() throws Exception {
    gh.ci.seedHistory("main", Duration.ofMinutes(5), "success", "failure", "timed_out", "cancelled", "failure");
    gh.ci.newRun().script(RunScript.staysQueued()).create();
    gh.ci.newRun().script(RunScript.neverFinishes()).create();

    assertThat(gh.run.measure(GitHubSignals.lastRunSucceeded(ci)).value()).hasValue(0.0);
    Measurement streak = gh.run.measure(GitHubSignals.failureStreak(ci));
    assertThat(streak.value()).hasValue(3.0);
    assertThat(streak.history()).extracting(Sample::value).containsExactly(0.0, 1.0, 2.0, 3.0);
    assertThat(gh.run.measure(GitHubSignals.runsInProgress(ci)).value()).hasValue(2.0);
  }

  @Test
  void aSignalOnABranchAnEarlierStepNamesIsUnknownUntilTheStepHasRun() throws Exception {
    var s = GitHubSignals.successRate(workflow("ci.yml").onBranch(Rollback.ref("rollbackBranch")), 10);
    assertThat(gh.run.asPreview().measure(s).summary()).isEqualTo("known once branch is resolved");
    assertThat(gh.github.requests()).isEmpty();
    gh.ci.seedHistory("rollback-p3-007", Duration.ofMinutes(5), "success");
    gh.run.bind("rollbackBranch", "rollback-p3-007");
    assertThat(gh.run.measure(s).value()).hasValue(1.0);
  }

  @Test
  void runsOfAllWorkflowsOrOneEventCanBeMeasuredToo() throws Exception {
    gh.ci.seedHistory("main", Duration.ofMinutes(5), "success");
    gh.repo.workflow("lint.yml").seedHistory("main", Duration.ofMinutes(1), "failure");
    assertThat(gh.run.measure(GitHubSignals.successRate(GitHubSignals.allRuns(), 10)).value()).hasValue(0.5);
    assertThat(gh.run.measure(GitHubSignals.successRate(GitHubSignals.allRuns().forEvent("schedule"), 10))
        .isKnown()).isFalse();
  }
}
