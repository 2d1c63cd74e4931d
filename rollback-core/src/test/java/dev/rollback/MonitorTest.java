package dev.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.decide.Truth;
import dev.rollback.monitor.Alert;
import dev.rollback.monitor.Monitor;
import dev.rollback.monitor.MonitorReport;
import dev.rollback.run.ManualClock;
import dev.rollback.spi.Measurement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Post-rollback monitoring on an injected clock: a day of five-minute intervals runs at once. */
class MonitorTest {

  private static final Instant START = Instant.parse("2026-01-01T03:00:00Z");
  private static final Signal CI_SUCCESS = Signal.of("github.successRate", Unit.RATIO, "ci", Map.of())
      .named("ci_success_rate");
  private static final Signal TEST_TIME = Signal.of("core.commandNumber", Unit.SECONDS, "bench", Map.of())
      .named("test_execution_time");
  private static final Signal ERROR_RATE = Signal.of("github.errorRate", Unit.RATIO, "errors", Map.of())
      .named("error_rate");
  private static final Signal RESOURCES = Signal.of("docker.diskUsage", Unit.BYTES, "disk", Map.of())
      .named("resource_utilization");

  /** The seed's post-rollback monitoring: every 5 minutes for 24 hours. */
  private static final Monitoring SEED = Rollback.monitoring()
      .every(Duration.ofMinutes(5))
      .forPeriod(Duration.ofHours(24))
      .metric(CI_SUCCESS, TEST_TIME, RESOURCES, ERROR_RATE)
      .alert("ci", CI_SUCCESS.below(0.95), "Immediate investigation")
      .alert("perf", TEST_TIME.above(Baseline.fixed(100, Unit.SECONDS).plusPercent(50)), "Performance analysis")
      .alert("errors", ERROR_RATE.above(0.01).consecutive(3), "Root cause analysis")
      .build();

  private final ManualClock clock = ManualClock.at(START);
  private final Map<Signal, Integer> measurements = new HashMap<>();

  private long minutes() {
    return Duration.between(START, clock.instant()).toMinutes();
  }

  /** The world after the rollback, by minutes since monitoring started. */
  private Measurement world(Signal s) {
    measurements.merge(s, 1, Integer::sum);
    long m = minutes();
    if (s.equals(CI_SUCCESS)) {
      double rate = m >= 120 && m <= 180 ? 0.90 : m >= 600 && m < 630 ? 0.93 : 1.0;
      return Measurement.of(rate, Unit.RATIO, "success rate");
    }
    if (s.equals(TEST_TIME)) {
      return Measurement.of(m == 300 || m == 1000 ? 170 : 100, Unit.SECONDS, "Total Time");
    }
    if (s.equals(ERROR_RATE)) {
      return Measurement.of(m >= 720 && m <= 740 || m == 900 || m == 905 ? 0.02 : 0.001, Unit.RATIO, "errors");
    }
    return Measurement.of(1 << 30, Unit.BYTES, "disk");
  }

  private Monitor.Builder monitor(Monitoring monitoring, Function<Signal, Measurement> world) {
    return Monitor.builder(monitoring).measure(world).clock(clock).sleeper(clock);
  }

  @Test
  void aDayAtFiveMinuteIntervalsRunsAtOnceAndRaisesExactlyTheExpectedAlerts() {
    List<Alert> sent = new ArrayList<>();

    MonitorReport report = monitor(SEED, this::world).sink(sent::add).build().run();

    assertThat(report.ticks()).isEqualTo(288);
    assertThat(report.cancelled()).isFalse();
    assertThat(report.startedAt()).isEqualTo(START);
    assertThat(report.endedAt()).isEqualTo(START.plus(Duration.ofHours(24)));
    assertThat(sent).isEqualTo(report.alerts());
    assertThat(sent).extracting(a -> a.rule().name() + " at " + a.at()).containsExactly(
        "ci at 2026-01-01T05:00:00Z",
        "perf at 2026-01-01T08:00:00Z",
        "ci at 2026-01-01T13:00:00Z",
        "errors at 2026-01-01T15:10:00Z",
        "perf at 2026-01-01T19:40:00Z");
    assertThat(sent.get(0).message()).isEqualTo("Immediate investigation: ci_success_rate = 90% < 95%");
    assertThat(sent.get(3).message()).isEqualTo("Root cause analysis: error_rate = 2%, 2%, 2% > 1% in each of the"
        + " last 3 samples");
    assertThat(measurements).containsOnly(Map.entry(CI_SUCCESS, 288), Map.entry(TEST_TIME, 288),
        Map.entry(ERROR_RATE, 288), Map.entry(RESOURCES, 288));
    MonitorReport.RuleRecord ci = report.rules().get("ci");
    assertThat(ci.heldTicks()).isEqualTo(13 + 6);
    assertThat(ci.clearTicks()).isEqualTo(288 - 19);
    assertThat(ci.unknownTicks()).isZero();
    assertThat(ci.alerts()).isEqualTo(2);
    // Before three samples exist, a good sample already decides: false, not unknown.
    assertThat(report.rules().get("errors").unknownTicks()).isZero();
  }

  @Test
  void anUnknownMeasurementBreaksAConsecutiveSequenceAndIsCounted() {
    Function<Signal, Measurement> world = s -> {
      long m = minutes();
      if (s.equals(ERROR_RATE) && m == 710) {
        throw new IllegalStateException("GitHub API unavailable");
      }
      return s.equals(ERROR_RATE) ? Measurement.of(m >= 700 && m <= 800 ? 0.05 : 0.0, Unit.RATIO, "errors")
          : world(s);
    };
    Monitoring errorsOnly = Rollback.monitoring().every(Duration.ofMinutes(5)).forPeriod(Duration.ofHours(24))
        .alert("errors", ERROR_RATE.above(0.01).consecutive(3), "Root cause analysis").build();

    MonitorReport report = monitor(errorsOnly, world).build().run();

    assertThat(report.alerts()).extracting(Alert::at).containsExactly(START.plus(Duration.ofMinutes(725)));
    MonitorReport.RuleRecord errors = report.rules().get("errors");
    // Unknown at 14:50 (the failure), then at 14:55 and 15:00 while only 1 and 2 samples follow it.
    assertThat(errors.unknownTicks()).isEqualTo(3);
    assertThat(errors.last().get().truth()).isEqualTo(Truth.FALSE);
  }

  @Test
  void cancellingFromASinkStopsAtOnce() {
    List<Alert> sent = new ArrayList<>();
    Monitor[] monitor = new Monitor[1];
    monitor[0] = monitor(SEED, this::world).sink(sent::add).sink(a -> monitor[0].cancel()).build();

    MonitorReport report = monitor[0].run();

    assertThat(report.cancelled()).isTrue();
    assertThat(report.ticks()).isEqualTo(24);
    assertThat(report.endedAt()).isEqualTo(START.plus(Duration.ofHours(2)));
    assertThat(sent).hasSize(1);
  }

  @Test
  void aFailingSinkDoesNotKeepAlertsFromTheOthers() {
    List<Alert> sent = new ArrayList<>();

    MonitorReport report = monitor(SEED, this::world)
        .sink(a -> {
          throw new IllegalStateException("webhook down");
        })
        .sink(sent::add).build().run();

    assertThat(sent).hasSize(5).isEqualTo(report.alerts());
  }

  @Test
  void rulesMayReferToThePlansTriggers() {
    RollbackPlan plan = Rollback.plan("p")
        .trigger("unreliable", "Test reliability below 95%", CI_SUCCESS.below(0.95).consecutive(2))
        .monitoring(Rollback.monitoring().every(Duration.ofMinutes(5)).forPeriod(Duration.ofHours(6))
            .alert(Condition.trigger("unreliable"), "Immediate investigation"))
        .build();

    MonitorReport report = Monitor.forPlan(plan).measure(this::world).clock(clock).sleeper(clock).build().run();

    assertThat(report.ticks()).isEqualTo(72);
    assertThat(report.alerts()).singleElement().satisfies(a -> {
      assertThat(a.at()).isEqualTo(START.plus(Duration.ofMinutes(125)));
      assertThat(a.message()).isEqualTo("Immediate investigation: trigger unreliable: ci_success_rate = 90%, 90%"
          + " < 95% in each of the last 2 samples");
    });
  }

  @Test
  void aMonitorRunsOnceAndAPlanWithoutMonitoringIsRefused() {
    Monitor m = monitor(SEED, this::world).build();
    m.run();

    assertThatThrownBy(m::run).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Monitor.forPlan(Rollback.plan("none").build()))
        .hasMessage("plan 'none' has no monitoring to run");
  }

  @Test
  void cancellingFromAnotherThreadInterruptsTheWait() throws Exception {
    Monitoring slow = Rollback.monitoring().every(Duration.ofHours(1)).forPeriod(Duration.ofHours(24))
        .alert("ci", CI_SUCCESS.below(0.95), "Immediate investigation").build();
    java.util.concurrent.CountDownLatch sleeping = new java.util.concurrent.CountDownLatch(1);
    Monitor monitor = Monitor.builder(slow).measure(this::world).clock(clock)
        .sleeper(d -> {
          sleeping.countDown();
          Thread.sleep(Long.MAX_VALUE);
        }).build();
    MonitorReport[] report = new MonitorReport[1];
    Thread runner = new Thread(() -> report[0] = monitor.run());
    runner.start();

    sleeping.await();
    monitor.cancel();
    runner.join();

    assertThat(report[0].cancelled()).isTrue();
    assertThat(report[0].ticks()).isZero();
  }
}
