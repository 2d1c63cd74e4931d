package dev.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.decide.Baselines;
import dev.rollback.decide.Conditions;
import dev.rollback.decide.Evaluation;
import dev.rollback.decide.EvaluationContext;
import dev.rollback.decide.Truth;
import dev.rollback.spi.Measurement;
import dev.rollback.spi.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Conditions over measured signals in three-valued logic, with the explanations people read. */
class ConditionsTest {

  private static final Instant NOW = Instant.parse("2026-01-01T03:00:00Z");
  private static final Signal RATE = Signal.of("test.rate", Unit.RATIO, "rate", Map.of()).named("rate");
  private static final Signal TIME = Signal.of("test.time", Unit.SECONDS, "time", Map.of()).named("time");
  private static final Signal OTHER = Signal.of("test.other", Unit.SECONDS, "other", Map.of()).named("other");

  private final Map<Signal, Measurement> measured = new LinkedHashMap<>();

  private Evaluation eval(Condition c) {
    return Conditions.evaluate(c, EvaluationContext.of(Snapshot.of(measured, NOW)));
  }

  private void measure(Signal s, double value) {
    measured.put(s, Measurement.of(value, s.unit(), "measured"));
  }

  /** Samples one minute apart, oldest first, the last taken now. */
  private void history(Signal s, double... oldestFirst) {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < oldestFirst.length; i++) {
      samples.add(new Sample(NOW.minus(Duration.ofMinutes(oldestFirst.length - 1 - i)), oldestFirst[i]));
    }
    measured.put(s, Measurement.of(oldestFirst[oldestFirst.length - 1], s.unit(), "measured").withHistory(samples));
  }

  @Test
  void comparisonsAreExactAtTheirBoundaries() {
    measure(RATE, 0.95);

    assertThat(eval(RATE.below(0.95)).truth()).isEqualTo(Truth.FALSE);
    assertThat(eval(RATE.atMost(0.95)).truth()).isEqualTo(Truth.TRUE);
    assertThat(eval(RATE.above(0.95)).truth()).isEqualTo(Truth.FALSE);
    assertThat(eval(RATE.atLeast(0.95)).truth()).isEqualTo(Truth.TRUE);
    assertThat(eval(RATE.equalTo(0.95)).truth()).isEqualTo(Truth.TRUE);
  }

  @Test
  void aComparisonExplainsItselfWithTheValueAndThreshold() {
    measure(RATE, 0.8);

    assertThat(eval(RATE.below(0.95)).explanation()).isEqualTo("rate = 80% < 95%");
    assertThat(eval(RATE.above(0.95)).explanation()).isEqualTo("rate = 80%, not > 95%");
    assertThat(eval(RATE.below(0.95)).values()).containsExactly(Map.entry("rate", 0.8));
  }

  @Test
  void aSignalWithoutLabelNameIsExplainedByItsLabel() {
    Signal unnamed = Signal.of("github.successRate", Unit.RATIO, "ci.successRate(ci.yml, last 10)", Map.of());
    measured.put(unnamed, Measurement.of(0.8, Unit.RATIO, "8 of 10 runs succeeded"));

    assertThat(eval(unnamed.below(0.95)).explanation()).isEqualTo("ci.successRate(ci.yml, last 10) = 80% < 95%");
  }

  @Test
  void aSignalNotMeasuredOrUnknownIsUnknownWithTheReason() {
    measured.put(RATE, Measurement.unknown(Unit.RATIO, "no CI runs at all"));

    Evaluation unknown = eval(RATE.below(0.95));
    Evaluation notMeasured = eval(TIME.above(10));

    assertThat(unknown.truth()).isEqualTo(Truth.UNKNOWN);
    assertThat(unknown.unknowns()).containsExactly("rate is unknown: no CI runs at all");
    assertThat(notMeasured.truth()).isEqualTo(Truth.UNKNOWN);
    assertThat(notMeasured.explanation()).isEqualTo("time is unknown: it was not measured");
  }

  @Test
  void andOrNotFollowKleene() {
    measure(TIME, 10);
    measured.put(RATE, Measurement.unknown(Unit.RATIO, "no data"));
    Condition t = TIME.above(5);
    Condition f = TIME.above(50);
    Condition u = RATE.below(0.95);

    assertThat(eval(u.and(f)).truth()).isEqualTo(Truth.FALSE);
    assertThat(eval(u.and(t)).truth()).isEqualTo(Truth.UNKNOWN);
    assertThat(eval(u.or(t)).truth()).isEqualTo(Truth.TRUE);
    assertThat(eval(u.or(f)).truth()).isEqualTo(Truth.UNKNOWN);
    assertThat(eval(u.negate()).truth()).isEqualTo(Truth.UNKNOWN);
    assertThat(eval(f.negate()).truth()).isEqualTo(Truth.TRUE);
    assertThat(eval(t.and(t)).truth()).isEqualTo(Truth.TRUE);
    assertThat(eval(f.or(f)).truth()).isEqualTo(Truth.FALSE);
  }

  @Test
  void anAndIsExplainedByWhatDecidedIt() {
    measure(TIME, 10);
    measured.put(RATE, Measurement.unknown(Unit.RATIO, "no data"));

    assertThat(eval(RATE.below(0.95).and(TIME.above(50))).explanation())
        .isEqualTo("time = 10s, not > 50s");
    assertThat(eval(RATE.below(0.95).or(TIME.above(50))).explanation()).isEqualTo("rate is unknown: no data");
  }

  @Test
  void ratiosAndPercentagesConvertOtherUnitsDoNot() {
    Signal percent = Signal.of("test.percent", Unit.PERCENT, "percent", Map.of()).named("percent");
    measured.put(percent, Measurement.of(0.8, Unit.RATIO, "a ratio"));
    measured.put(TIME, Measurement.of(2048, Unit.BYTES, "bytes"));

    assertThat(eval(percent.below(95)).explanation()).isEqualTo("percent = 80% < 95%");
    assertThat(eval(TIME.above(1)).explanation()).isEqualTo("time is unknown: it is measured in BYTES but declared"
        + " in SECONDS");
  }

  @Test
  void consecutiveNeedsEveryOneOfTheLastSamplesToBreach() {
    history(RATE, 0.99, 0.9, 0.8, 0.7);

    Evaluation e = eval(RATE.below(0.95).consecutive(3));

    assertThat(e.truth()).isEqualTo(Truth.TRUE);
    assertThat(e.explanation()).isEqualTo("rate = 90%, 80%, 70% < 95% in each of the last 3 samples");
    assertThat(e.details()).hasSize(3);
  }

  @Test
  void consecutiveWithOneGoodSampleIsFalse() {
    history(RATE, 0.9, 0.99, 0.9);

    assertThat(eval(RATE.below(0.95).consecutive(3)).explanation())
        .isEqualTo("not in each of the last 3 samples: rate = 99%, not < 95%");
  }

  @Test
  void consecutiveWithFewerSamplesThanNeededIsUnknownNotFalse() {
    history(RATE, 0.9, 0.9);

    Evaluation e = eval(RATE.below(0.95).consecutive(3));

    assertThat(e.truth()).isEqualTo(Truth.UNKNOWN);
    assertThat(e.unknowns()).containsExactly("rate has only 2 samples, 3 needed");
  }

  @Test
  void consecutiveWithTooFewSamplesIsStillFalseWhenAnExistingSampleIsGood() {
    history(RATE, 0.99, 0.9);

    assertThat(eval(RATE.below(0.95).consecutive(3)).truth()).isEqualTo(Truth.FALSE);
  }

  @Test
  void pastSamplesDoNotStandInForAnUnknownCurrentValue() {
    measured.put(RATE, Measurement.unknown(Unit.RATIO, "GitHub did not answer").withHistory(List.of(
        new Sample(NOW.minus(Duration.ofMinutes(2)), 0.5), new Sample(NOW.minus(Duration.ofMinutes(1)), 0.5))));

    Evaluation e = eval(RATE.below(0.95).consecutive(2));

    assertThat(e.truth()).isEqualTo(Truth.UNKNOWN);
    assertThat(e.unknowns()).containsExactly("rate is unknown: GitHub did not answer");
  }

  @Test
  void aMeasurementWithoutHistoryIsOneSample() {
    measure(RATE, 0.5);

    assertThat(eval(RATE.below(0.95).consecutive(1)).truth()).isEqualTo(Truth.TRUE);
    assertThat(eval(RATE.below(0.95).consecutive(2)).truth()).isEqualTo(Truth.UNKNOWN);
  }

  @Test
  void consecutiveOverTwoSignalsMatchesTheirSamplesFromTheNewest() {
    history(RATE, 0.5, 0.9, 0.9);
    history(TIME, 300, 200, 200);

    assertThat(eval(RATE.below(0.95).and(TIME.above(100)).consecutive(2)).truth()).isEqualTo(Truth.TRUE);
    assertThat(eval(RATE.below(0.95).and(TIME.above(250)).consecutive(2)).truth()).isEqualTo(Truth.FALSE);
  }

  @Test
  void sustainedHoldsWhenEverySampleOverTheWindowBreachesAndTheSamplesCoverIt() {
    history(RATE, 0.99, 0.9, 0.9, 0.9, 0.9); // one minute apart: 02:56 .. 03:00

    assertThat(eval(RATE.below(0.95).sustainedFor(Duration.ofMinutes(3))).explanation())
        .isEqualTo("rate = 90%, 90%, 90%, 90% < 95% throughout the last 3 minutes");
    assertThat(eval(RATE.below(0.95).sustainedFor(Duration.ofMinutes(4))).truth()).isEqualTo(Truth.FALSE);
  }

  @Test
  void sustainedOverAWindowLongerThanTheHistoryIsUnknown() {
    history(RATE, 0.9, 0.9, 0.9);

    Evaluation e = eval(RATE.below(0.95).sustainedFor(Duration.ofMinutes(10)));

    assertThat(e.truth()).isEqualTo(Truth.UNKNOWN);
    assertThat(e.explanation()).isEqualTo("unknown over the last 10 minutes: rate has no sample at or before"
        + " 2026-01-01T02:50:00Z");
  }

  @Test
  void aSampleStandsUntilTheNextOneSoASparseHistoryCanCoverAWindow() {
    measured.put(RATE, Measurement.of(0.9, Unit.RATIO, "m").withHistory(List.of(
        new Sample(NOW.minus(Duration.ofHours(2)), 0.9), new Sample(NOW, 0.9))));

    assertThat(eval(RATE.below(0.95).sustainedFor(Duration.ofHours(1))).truth()).isEqualTo(Truth.TRUE);
  }

  @Test
  void fixedBaselinesCompareWithTheirAdjustment() {
    measure(TIME, 150);
    Baseline base = Baseline.fixed(100, Unit.SECONDS);

    assertThat(eval(TIME.above(base.plusPercent(50))).explanation())
        .isEqualTo("time = 150s, not > 150s (baseline 100s + 50%)");
    assertThat(eval(TIME.above(base.times(1.2))).explanation()).isEqualTo("time = 150s > 120s (1.2 × baseline 100s)");
    assertThat(eval(TIME.atLeast(base.plus(50))).explanation()).isEqualTo("time = 150s >= 150s (baseline 100s + 50s)");
    assertThat(eval(TIME.above(base.itself())).values()).containsExactly(Map.entry("time", 150.0),
        Map.entry("baseline 100s", 100.0));
  }

  @Test
  void aMedianOfASignalsOwnHistoryLeavesTheComparedSampleOut() {
    history(TIME, 100, 110, 90, 100, 300);

    Evaluation e = eval(TIME.above(Baseline.median(TIME, 4).plusPercent(50)));

    assertThat(e.truth()).isEqualTo(Truth.TRUE);
    assertThat(e.explanation()).isEqualTo("time = 300s > 150s (median of the last 4 time 100s + 50%)");
  }

  @Test
  void aMedianNeedsItsSamplesBeforeTheComparedOne() {
    history(TIME, 100, 110, 300);

    Evaluation e = eval(TIME.above(Baseline.median(TIME, 4).plusPercent(50)));

    assertThat(e.truth()).isEqualTo(Truth.UNKNOWN);
    assertThat(e.unknowns()).containsExactly("median of the last 4 time is unknown: median of the last 4 time"
        + " needs 4 samples before the compared one, there are 2");
  }

  @Test
  void aMedianOfAnotherSignalUsesItsLastSamples() {
    history(OTHER, 100, 120, 140);
    measure(TIME, 200);

    assertThat(eval(TIME.above(Baseline.median(OTHER, 3).plusPercent(50))).explanation())
        .isEqualTo("time = 200s > 180s (median of the last 3 other 120s + 50%)");
  }

  @Test
  void consecutiveBreachesOfAMedianBaselineCompareEachSampleWithTheSamplesBeforeIt() {
    history(TIME, 100, 100, 100, 200, 300);

    assertThat(eval(TIME.above(Baseline.median(TIME, 3).plusPercent(50)).consecutive(2)).truth())
        .isEqualTo(Truth.TRUE);
  }

  @Test
  void triggersAreEvaluatedFromThePlanAndCyclesAreUnknown() {
    measure(TIME, 200);
    RollbackPlan plan = Rollback.plan("p")
        .trigger("slow", "slow", TIME.above(100))
        .trigger("loop-a", "a", Condition.trigger("loop-b"))
        .trigger("loop-b", "b", Condition.trigger("loop-a"))
        .build();
    EvaluationContext ctx = EvaluationContext.of(plan, Snapshot.of(measured, NOW), Set.of(),
        Baselines.withoutWorkspace());

    assertThat(Conditions.evaluate(Condition.trigger("slow"), ctx).explanation())
        .isEqualTo("trigger slow: time = 200s > 100s");
    assertThat(Conditions.evaluate(Condition.trigger("loop-a"), ctx).unknowns())
        .containsExactly("trigger loop-a is unknown: it refers to itself");
    assertThat(Conditions.evaluate(Condition.trigger("absent"), ctx).unknowns())
        .containsExactly("trigger absent is unknown: the plan has no trigger of that name");
    assertThat(eval(Condition.trigger("slow")).unknowns())
        .containsExactly("trigger slow is unknown: there is no plan to look it up in");
  }

  @Test
  void declaredFactsHoldOnlyWhenDeclared() {
    RollbackPlan plan = Rollback.plan("p").build();
    EvaluationContext with = EvaluationContext.of(plan, Snapshot.empty(NOW), Set.of("security-vulnerability"),
        Baselines.withoutWorkspace());

    assertThat(Conditions.evaluate(Condition.declared("security-vulnerability"), with).explanation())
        .isEqualTo("declared security-vulnerability");
    assertThat(eval(Condition.declared("security-vulnerability")).explanation())
        .isEqualTo("security-vulnerability not declared");
  }

  @Test
  void truthFollowsKleenesTables() {
    for (Truth a : Truth.values()) {
      assertThat(a.and(Truth.FALSE)).isEqualTo(Truth.FALSE);
      assertThat(a.or(Truth.TRUE)).isEqualTo(Truth.TRUE);
      assertThat(a.not().not()).isEqualTo(a);
    }
    assertThat(Truth.TRUE.and(Truth.UNKNOWN)).isEqualTo(Truth.UNKNOWN);
    assertThat(Truth.FALSE.or(Truth.UNKNOWN)).isEqualTo(Truth.UNKNOWN);
    assertThat(Truth.UNKNOWN.not()).isEqualTo(Truth.UNKNOWN);
  }
}
