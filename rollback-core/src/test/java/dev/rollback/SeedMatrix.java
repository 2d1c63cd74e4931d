package dev.rollback;

import static dev.rollback.Rollback.anyOf;
import static dev.rollback.Rollback.consensus;
import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.discretion;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.path;
import static dev.rollback.Rollback.role;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static dev.rollback.Rollback.trigger;
import static dev.rollback.Rollback.weeks;

import dev.rollback.spi.Measurement;
import dev.rollback.spi.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The P3-007 runbook's triggers and decision matrix as a plan, over signals the tests measure themselves (the
 * GitHub success rate is declared here as the GitHub adapter declares it).
 */
final class SeedMatrix {

  static final Instant NOW = Instant.parse("2026-01-01T03:00:00Z");
  static final Signal CI_SUCCESS = Signal.of("github.successRate", Unit.RATIO, "github.successRate(ci.yml, last 10)",
      Map.of("workflow", "ci.yml", "runs", 10)).named("ci_success_rate");
  static final Signal TEST_TIME = Signals.commandNumber(Command.of("scripts/benchmark_performance.sh"),
      "Total Time: (\\d+)s", Unit.SECONDS).named("test_execution_time");
  static final Signal FAILURES = Signals.testFailureRate(path("target/surefire-reports")).named("test_failure_rate");
  static final Signal FLAKY = Signals.flakyTests(path("reports/run-1"), path("reports/run-2")).named("flaky_tests");
  static final Baseline BASELINE = Baseline.file(path("perf/baseline.json"), "test_execution_time");

  static final RollbackPlan PLAN = Rollback.plan("P3-007 Docker CI test execution")
      .trigger("ci-broken", "Critical CI failures preventing deployments", CI_SUCCESS.atMost(0))
      .trigger("perf-severe", "Performance degradation > 50% from baseline", TEST_TIME.above(BASELINE.plusPercent(50)))
      .trigger("test-failures", "Test failures > 5%", FAILURES.above(0.05))
      .trigger("perf-moderate", "Performance degradation 20-50%", TEST_TIME.above(BASELINE.plusPercent(20)))
      .trigger("unreliable", "Test reliability drops below 95% success rate", CI_SUCCESS.below(0.95).consecutive(3))
      .trigger("flaky", "Minor test instability", FLAKY.above(0))
      .trigger("perf-minor", "Minor performance issues", TEST_TIME.above(BASELINE.plusPercent(10)))
      .severity(severity("critical").description("CI completely broken, blocking all deployments")
          .when(trigger("ci-broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
      .severity(severity("high").description("Performance degradation > 50%, test failures > 5%")
          .when(anyOf(trigger("perf-severe"), trigger("test-failures")))
          .rollbackWithin(hours(24)).approval(role("team-lead")))
      .severity(severity("medium").description("Performance degradation 20-50%, minor test instability")
          .when(anyOf(trigger("perf-moderate"), trigger("unreliable"), trigger("flaky")))
          .rollbackWithin(weeks(1)).approval(consensus(2, "maintainer", "team-lead", "developer")))
      .severity(severity("low").description("Minor performance issues, cosmetic problems")
          .when(anyOf(trigger("perf-minor"), declared("cosmetic")))
          .fixForwardOrRollbackWithin(weeks(2), "next sprint").approval(discretion()))
      .build();

  private SeedMatrix() {}

  /** A builder of measurements for the seed's signals, healthy unless told otherwise. */
  static final class State {
    private final Map<Signal, Measurement> measured = new LinkedHashMap<>();

    State() {
      successRates(1.0, 1.0, 1.0);
      testTime(100);
      failureRate(0.0);
      flaky(0);
    }

    /** The CI success rates of the last assessments, oldest first; the last is the current one. */
    State successRates(double... oldestFirst) {
      List<Sample> history = new ArrayList<>();
      for (int i = 0; i < oldestFirst.length; i++) {
        history.add(new Sample(NOW.minus(Duration.ofHours(oldestFirst.length - 1 - i)), oldestFirst[i]));
      }
      measured.put(CI_SUCCESS, Measurement.of(oldestFirst[oldestFirst.length - 1], Unit.RATIO,
          "success rate of the last 10 runs of ci.yml").withHistory(history));
      return this;
    }

    State noCiRuns() {
      measured.put(CI_SUCCESS, Measurement.unknown(Unit.RATIO, "no CI runs at all"));
      return this;
    }

    State testTime(double seconds) {
      measured.put(TEST_TIME, Measurement.of(seconds, Unit.SECONDS, "Total Time: " + seconds + "s"));
      return this;
    }

    State failureRate(double ratio) {
      measured.put(FAILURES, Measurement.of(ratio, Unit.RATIO, "failure rate"));
      return this;
    }

    State flaky(int count) {
      measured.put(FLAKY, Measurement.of(count, Unit.COUNT, count + " flaky tests"));
      return this;
    }

    Snapshot snapshot() {
      return Snapshot.of(measured, NOW);
    }
  }
}
