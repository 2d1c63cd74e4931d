package dev.rollback.benchmarks;

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

import dev.rollback.Baseline;
import dev.rollback.Command;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Signal;
import dev.rollback.Signals;
import dev.rollback.Snapshot;
import dev.rollback.Unit;
import dev.rollback.decide.Baselines;
import dev.rollback.decide.Decision;
import dev.rollback.decide.DecisionMatrix;
import dev.rollback.spi.Measurement;
import dev.rollback.spi.Sample;
import dev.rollback.spi.Stats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Deciding the P3-007 severity from measured signals, and the statistics a GitHub source computes over 10,000
 * workflow runs. Goals: a decision under 5 µs; 10,000-run statistics under 1 ms.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar DecisionBenchmark -f 1 -wi 3 -i 5
 * </pre>
 *
 * <p>The snapshot is the one that makes the matrix work hardest: CI is unreliable but not broken, so the critical
 * and high levels are false and the medium level is reached through a three-sample consecutive breach.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionBenchmark {

  private static final Instant NOW = Instant.parse("2026-01-01T03:00:00Z");
  private static final int RUNS = 10_000;

  private RollbackPlan fixedBaselinePlan;
  private RollbackPlan fileBaselinePlan;
  private Snapshot snapshot;
  private Baselines baselines;
  private Path workspace;
  private String[] conclusions;
  private double[] durations;
  private double[] scratch;

  /** Creates the benchmark; JMH calls {@link #setUp()}. */
  public DecisionBenchmark() {}

  /**
   * Builds the plans, a snapshot of measured signals, a baseline file, and 10,000 runs.
   *
   * @throws IOException if the baseline file cannot be written
   */
  @Setup
  public void setUp() throws IOException {
    Signal ciSuccess = Signal.of("github.successRate", Unit.RATIO, "github.successRate(ci.yml, last 10)",
        Map.of("workflow", "ci.yml", "runs", 10)).named("ci_success_rate");
    Signal testTime = Signals.commandNumber(Command.of("scripts/benchmark_performance.sh"), "Total Time: (\\d+)s",
        Unit.SECONDS).named("test_execution_time");
    Signal failures = Signals.testFailureRate(path("target/surefire-reports")).named("test_failure_rate");
    Signal flaky = Signals.flakyTests(path("reports/run-1"), path("reports/run-2")).named("flaky_tests");
    fixedBaselinePlan = plan(ciSuccess, testTime, failures, flaky, Baseline.fixed(100, Unit.SECONDS));
    fileBaselinePlan = plan(ciSuccess, testTime, failures, flaky,
        Baseline.file(path("perf/baseline.json"), "test_execution_time"));

    List<Sample> history = new ArrayList<>();
    double[] rates = {1.0, 0.98, 0.9, 0.92, 0.94};
    for (int i = 0; i < rates.length; i++) {
      history.add(new Sample(NOW.minus(Duration.ofHours(rates.length - 1 - i)), rates[i]));
    }
    Map<Signal, Measurement> measured = new LinkedHashMap<>();
    measured.put(ciSuccess, Measurement.of(0.94, Unit.RATIO, "47 of 50 runs succeeded").withHistory(history));
    measured.put(testTime, Measurement.of(115, Unit.SECONDS, "Total Time: 115s"));
    measured.put(failures, Measurement.of(0.01, Unit.RATIO, "2 of 200 executed tests failed"));
    measured.put(flaky, Measurement.of(0, Unit.COUNT, "no flaky test"));
    snapshot = Snapshot.of(measured, NOW);

    workspace = Files.createTempDirectory("decision-benchmark");
    Files.createDirectories(workspace.resolve("perf"));
    Files.writeString(workspace.resolve("perf/baseline.json"), "{\"test_execution_time\": 100}");
    baselines = Baselines.forWorkspace(workspace);

    Random random = new Random(7);
    String[] kinds = {"success", "success", "success", "success", "failure", "cancelled", "timed_out"};
    conclusions = new String[RUNS];
    durations = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      conclusions[i] = kinds[random.nextInt(kinds.length)];
      durations[i] = 60 + random.nextGaussian() * 15 + (random.nextInt(20) == 0 ? 600 : 0);
    }
    scratch = new double[RUNS];

    Decision check = DecisionMatrix.decide(fixedBaselinePlan, snapshot, Set.of(), NOW, baselines);
    if (!check.severityName().orElse("").equals("medium")) {
      throw new IllegalStateException("the benchmark's snapshot should decide medium:\n" + check.explanation());
    }
  }

  /**
   * Removes the baseline file.
   *
   * @throws IOException if it cannot be removed
   */
  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(workspace.resolve("perf/baseline.json"));
    Files.deleteIfExists(workspace.resolve("perf"));
    Files.deleteIfExists(workspace);
  }

  private static RollbackPlan plan(Signal ciSuccess, Signal testTime, Signal failures, Signal flaky,
      Baseline baseline) {
    return Rollback.plan("P3-007 Docker CI test execution")
        .trigger("ci-broken", "Critical CI failures preventing deployments", ciSuccess.atMost(0))
        .trigger("perf-severe", "Performance degradation > 50% from baseline", testTime.above(baseline.plusPercent(50)))
        .trigger("test-failures", "Test failures > 5%", failures.above(0.05))
        .trigger("perf-moderate", "Performance degradation 20-50%", testTime.above(baseline.plusPercent(20)))
        .trigger("unreliable", "Test reliability below 95%", ciSuccess.below(0.95).consecutive(3))
        .trigger("flaky", "Minor test instability", flaky.above(0))
        .trigger("perf-minor", "Minor performance issues", testTime.above(baseline.plusPercent(10)))
        .severity(severity("critical").when(trigger("ci-broken")).rollbackWithin(hours(1))
            .approval(single("maintainer")))
        .severity(severity("high").when(anyOf(trigger("perf-severe"), trigger("test-failures")))
            .rollbackWithin(hours(24)).approval(role("team-lead")))
        .severity(severity("medium").when(anyOf(trigger("perf-moderate"), trigger("unreliable"), trigger("flaky")))
            .rollbackWithin(weeks(1)).approval(consensus(2, "maintainer", "team-lead", "developer")))
        .severity(severity("low").when(anyOf(trigger("perf-minor"), declared("cosmetic")))
            .fixForwardOrRollbackWithin(weeks(2), "next sprint").approval(discretion()))
        .build();
  }

  /**
   * Decides the P3-007 matrix over measured signals, with a fixed performance baseline.
   *
   * @return the decision
   */
  @Benchmark
  public Decision decideMatrix() {
    return DecisionMatrix.decide(fixedBaselinePlan, snapshot, Set.of(), NOW, baselines);
  }

  /**
   * Decides the matrix and writes the explanation people approve from.
   *
   * @return the explanation
   */
  @Benchmark
  public String decideMatrixAndExplain() {
    return DecisionMatrix.decide(fixedBaselinePlan, snapshot, Set.of(), NOW, baselines).explanation();
  }

  /**
   * Decides the matrix with the performance baseline read from a JSON file in the repository (read once per
   * decision).
   *
   * @return the decision
   */
  @Benchmark
  public Decision decideMatrixWithBaselineFile() {
    return DecisionMatrix.decide(fileBaselinePlan, snapshot, Set.of(), NOW, baselines);
  }

  /**
   * The success rate and the 50th, 90th and 99th percentile durations of 10,000 runs, as a GitHub source computes
   * them: one pass for the rate, one copy and sort for the percentiles.
   *
   * @param bh receives the results
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void runStatistics(Blackhole bh) {
    int succeeded = 0;
    for (String c : conclusions) {
      if ("success".equals(c)) {
        succeeded++;
      }
    }
    bh.consume(Stats.ratio(succeeded, conclusions.length));
    bh.consume(Stats.percentiles(durations, 50, 90, 99));
  }

  /**
   * The same statistics without allocating: percentiles selected in place in a reused buffer.
   *
   * @param bh receives the results
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void runStatisticsInPlace(Blackhole bh) {
    int succeeded = 0;
    for (String c : conclusions) {
      if ("success".equals(c)) {
        succeeded++;
      }
    }
    bh.consume(Stats.ratio(succeeded, conclusions.length));
    System.arraycopy(durations, 0, scratch, 0, RUNS);
    bh.consume(Stats.medianInPlace(scratch, RUNS));
    bh.consume(Stats.percentileInPlace(scratch, RUNS, 90));
    bh.consume(Stats.percentileInPlace(scratch, RUNS, 99));
  }
}
