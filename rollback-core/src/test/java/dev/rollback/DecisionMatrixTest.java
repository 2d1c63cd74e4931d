package dev.rollback;

import static dev.rollback.SeedMatrix.NOW;
import static dev.rollback.SeedMatrix.PLAN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.decide.Baselines;
import dev.rollback.decide.Decision;
import dev.rollback.decide.DecisionMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The P3-007 decision matrix decided from measured signals: each severity, its boundaries, and missing data. */
class DecisionMatrixTest {

  private static final Instant DETECTED = Instant.parse("2026-01-01T02:30:00Z");

  @TempDir Path repo;
  private Baselines baselines;

  @BeforeEach
  void baselineOf100Seconds() throws Exception {
    Files.createDirectories(repo.resolve("perf"));
    Files.writeString(repo.resolve("perf/baseline.json"), "{\"test_execution_time\": 100, \"other\": 1}");
    baselines = Baselines.forWorkspace(repo);
  }

  private Decision decide(SeedMatrix.State state) {
    return decide(state, Set.of());
  }

  private Decision decide(SeedMatrix.State state, Set<String> declared) {
    return DecisionMatrix.decide(PLAN, state.snapshot(), declared, DETECTED, baselines);
  }

  @Test
  void ciCompletelyBrokenIsCriticalWithinOneHourApprovedByAMaintainer() {
    Decision d = decide(new SeedMatrix.State().successRates(0.4, 0.1, 0.0));

    assertThat(d.severityName()).hasValue("critical");
    assertThat(d.deadline()).hasValue(DETECTED.plus(Duration.ofHours(1)));
    assertThat(d.approval()).hasValue(ApprovalPolicy.single("maintainer"));
    assertThat(d.rollsBack()).isTrue();
    assertThat(d.hasUnknownAbove()).isFalse();
    assertThat(d.explanation()).isEqualTo("critical: trigger ci-broken: ci_success_rate = 0% <= 0%\n"
        + "-> Rollback within 1 hour, by 2026-01-01T03:30:00Z; approval: Single maintainer");
  }

  @Test
  void performanceDegradedByMoreThanHalfIsHigh() {
    Decision d = decide(new SeedMatrix.State().testTime(151));

    assertThat(d.severityName()).hasValue("high");
    assertThat(d.deadline()).hasValue(DETECTED.plus(Duration.ofHours(24)));
    assertThat(d.approval()).hasValue(ApprovalPolicy.role("team-lead"));
    assertThat(d.explanation()).startsWith("high: trigger perf-severe: test_execution_time = 151s > 150s"
        + " (baseline perf/baseline.json#test_execution_time 100s + 50%)\n");
    assertThat(d.evaluation().get().values())
        .containsEntry("test_execution_time", 151.0)
        .containsEntry("baseline perf/baseline.json#test_execution_time", 100.0);
  }

  @Test
  void exactlyFiftyPercentDegradationIsNotHighButMedium() {
    Decision d = decide(new SeedMatrix.State().testTime(150));

    assertThat(d.severityName()).hasValue("medium");
    assertThat(d.evaluations()).extracting(l -> l.level().name()).containsExactly("critical", "high", "medium");
    assertThat(d.evaluations().get(1).describe()).isEqualTo("high: trigger perf-severe: test_execution_time = 150s,"
        + " not > 150s (baseline perf/baseline.json#test_execution_time 100s + 50%); trigger test-failures:"
        + " test_failure_rate = 0%, not > 5%");
    assertThat(d.explanation()).startsWith("medium: trigger perf-moderate: test_execution_time = 150s > 120s");
    assertThat(d.deadline()).hasValue(DETECTED.plus(Duration.ofDays(7)));
    assertThat(d.approval().get().describe()).isEqualTo("Team consensus (2 of maintainer, team-lead, developer)");
  }

  @Test
  void testFailuresAboveFivePercentAreHighAndExactlyFivePercentAreNot() {
    assertThat(decide(new SeedMatrix.State().failureRate(0.08)).severityName()).hasValue("high");
    assertThat(decide(new SeedMatrix.State().failureRate(0.05)).severityName()).isEmpty();
  }

  @Test
  void exactlyNinetyFivePercentSuccessIsNotUnreliable() {
    Decision d = decide(new SeedMatrix.State().successRates(0.95, 0.95, 0.95));

    assertThat(d.isNone()).isTrue();
    assertThat(d.hasUnknownAbove()).isFalse();
  }

  @Test
  void successBelowNinetyFivePercentInThreeConsecutiveAssessmentsIsMedium() {
    Decision d = decide(new SeedMatrix.State().successRates(0.9, 0.92, 0.94));

    assertThat(d.severityName()).hasValue("medium");
    assertThat(d.explanation()).startsWith("medium: trigger unreliable: ci_success_rate = 90%, 92%, 94% < 95%"
        + " in each of the last 3 samples\n");
  }

  @Test
  void oneGoodAssessmentBetweenBadOnesBreaksTheSequence() {
    Decision d = decide(new SeedMatrix.State().successRates(0.9, 0.97, 0.9));

    assertThat(d.isNone()).isTrue();
    assertThat(d.evaluations().get(2).evaluation().explanation()).contains("trigger unreliable: not in each of the"
        + " last 3 samples: ci_success_rate = 97%, not < 95%");
  }

  @Test
  void tooFewAssessmentsMakeTheSequenceUnknownAndTheDecisionSaysSo() {
    Decision d = decide(new SeedMatrix.State().successRates(0.9, 0.9).testTime(112));

    assertThat(d.severityName()).hasValue("low");
    assertThat(d.hasUnknownAbove()).isTrue();
    assertThat(d.unknownLevels()).extracting(l -> l.level().name()).containsExactly("medium");
    assertThat(d.explanation()).isEqualTo("low: trigger perf-minor: test_execution_time = 112s > 110s"
        + " (baseline perf/baseline.json#test_execution_time 100s + 10%)\n"
        + "but medium, a higher level, could not be evaluated: ci_success_rate has only 2 samples, 3 needed\n"
        + "-> Fix forward or rollback in next sprint, by 2026-01-15T02:30:00Z; approval: Team discretion");
  }

  @Test
  void noCiRunsAtAllIsUnknownNeverHealthyAndTheDecisionNamesIt() {
    Decision d = decide(new SeedMatrix.State().noCiRuns());

    assertThat(d.isNone()).isTrue();
    assertThat(d.hasUnknownAbove()).isTrue();
    assertThat(d.unknownLevels()).extracting(l -> l.level().name()).containsExactly("critical", "medium");
    assertThat(d.unknownLevels().get(0).evaluation().unknowns())
        .containsExactly("ci_success_rate is unknown: no CI runs at all");
    assertThat(d.explanation()).startsWith("no severity level holds for sure: critical and medium could not be"
        + " evaluated\n"
        + "critical: trigger ci-broken: ci_success_rate is unknown: no CI runs at all\n"
        + "high: trigger perf-severe: test_execution_time = 100s, not > 150s (baseline"
        + " perf/baseline.json#test_execution_time 100s + 50%); trigger test-failures: test_failure_rate = 0%,"
        + " not > 5%\n"
        + "medium: trigger unreliable: unknown for the last 3 samples: ci_success_rate is unknown: no CI runs at all\n");
  }

  @Test
  void aLowerLevelThatHoldsIsChosenButTheUnknownCriticalLevelIsReported() {
    Decision d = decide(new SeedMatrix.State().noCiRuns().testTime(170));

    assertThat(d.severityName()).hasValue("high");
    assertThat(d.hasUnknownAbove()).isTrue();
    assertThat(d.explanation()).contains("\nbut critical, a higher level, could not be evaluated:"
        + " ci_success_rate is unknown: no CI runs at all\n");
  }

  @Test
  void aMissingBaselineFileMakesThePerformanceTriggersUnknownNamingTheFile() throws Exception {
    Files.delete(repo.resolve("perf/baseline.json"));

    Decision d = decide(new SeedMatrix.State().testTime(170));

    assertThat(d.isNone()).isTrue();
    assertThat(d.unknownLevels()).extracting(l -> l.level().name()).containsExactly("high", "medium", "low");
    assertThat(d.unknownLevels().get(0).evaluation().unknowns()).containsExactly(
        "baseline perf/baseline.json#test_execution_time is unknown: baseline file perf/baseline.json does not exist"
            + " in " + repo.toAbsolutePath().normalize());
  }

  @Test
  void aDeclaredCosmeticProblemIsLowAndFixForwardOrNextSprint() {
    Decision d = decide(new SeedMatrix.State(), Set.of("cosmetic"));

    assertThat(d.severityName()).hasValue("low");
    assertThat(d.response().get().describe()).isEqualTo("Fix forward or rollback in next sprint");
    assertThat(d.explanation()).startsWith("low: declared cosmetic\n");
  }

  @Test
  void whenNothingHoldsTheDecisionSaysSoWithEachLevelsValues() {
    Decision d = decide(new SeedMatrix.State().testTime(105));

    assertThat(d.isNone()).isTrue();
    assertThat(d.severity()).isEmpty();
    assertThat(d.deadline()).isEmpty();
    assertThat(d.rollsBack()).isFalse();
    assertThat(d.explanation()).isEqualTo("no severity level holds\n"
        + "critical: trigger ci-broken: ci_success_rate = 100%, not <= 0%\n"
        + "high: trigger perf-severe: test_execution_time = 105s, not > 150s (baseline"
        + " perf/baseline.json#test_execution_time 100s + 50%); trigger test-failures: test_failure_rate = 0%,"
        + " not > 5%\n"
        + "medium: trigger perf-moderate: test_execution_time = 105s, not > 120s (baseline"
        + " perf/baseline.json#test_execution_time 100s + 20%); trigger unreliable: not in each of the last 3"
        + " samples: ci_success_rate = 100%, not < 95%; trigger flaky: flaky_tests = 0, not > 0\n"
        + "low: trigger perf-minor: test_execution_time = 105s, not > 110s (baseline"
        + " perf/baseline.json#test_execution_time 100s + 10%); cosmetic not declared");
  }

  @Test
  void decidingIsDeterministic() {
    SeedMatrix.State state = new SeedMatrix.State().noCiRuns().testTime(130).flaky(2);

    Decision first = decide(state);
    Decision second = decide(state);

    assertThat(second).isEqualTo(first);
    assertThat(second.explanation()).isEqualTo(first.explanation());
  }

  @Test
  void theAssessmentMeasuresEachSignalOnce() {
    assertThat(Snapshot.signalsOf(PLAN)).containsExactly(SeedMatrix.CI_SUCCESS, SeedMatrix.TEST_TIME,
        SeedMatrix.FAILURES, SeedMatrix.FLAKY);
  }

  @Test
  void decidingAtAnyTimeGivesTheDeadlineFromDetection() {
    Decision d = DecisionMatrix.decide(PLAN, new SeedMatrix.State().successRates(0.0).snapshot(), Set.of(), NOW,
        baselines);

    assertThat(d.detectedAt()).isEqualTo(NOW);
    assertThat(d.deadline()).hasValue(NOW.plus(Duration.ofHours(1)));
  }
}
