package dev.rollback.github;

import dev.rollback.Signal;
import dev.rollback.Unit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Signals about GitHub Actions runs: reliability, durations, the latest verdict, runs in progress. Each reads the
 * newest page of up to 100 runs matching its filter in one request, shared with the other GitHub signals and checks
 * on the same filter during an assessment.
 *
 * <pre>{@code
 * RunFilter ci = GitHubSignals.workflow("ci.yml").onBranch("main");
 * Signal reliability = GitHubSignals.successRate(ci, lastRuns(10)).named("ci_success_rate");
 * Signal testTime = GitHubSignals.durationPercentile(ci, lastRuns(10), 50).named("test_execution_time");
 * Condition broken = GitHubSignals.failureStreak(ci).atLeast(3);
 * }</pre>
 *
 * <p>How runs count:
 * <ul>
 *   <li><b>Reliability.</b> A run counts when it completed with a verdict on the code: {@code success} succeeds;
 *       {@code failure}, {@code timed_out} and {@code startup_failure} fail. {@code cancelled} (a decision, often a
 *       newer push superseding the run, or the rollback itself cancelling it), {@code skipped} and {@code neutral}
 *       (the workflow chose not to judge), {@code action_required} and {@code stale}, and runs not completed are left
 *       out, and said so in the measurement's summary. With no counted run the value is unknown, never 0 or 1.</li>
 *   <li><b>Durations.</b> A run's duration is its latest attempt's, from {@code run_started_at} (or
 *       {@code created_at} where GitHub does not send it) to {@code updated_at}, which for a completed run is when it
 *       concluded: the wall time of the run, queueing included, the figure GitHub shows. Runs that completed with
 *       {@code success}, {@code failure} or {@code timed_out} count; a cancelled or skipped run's time says nothing.
 *       The timing endpoint ({@code /timing}) would cost one request per run and reports billable minutes, so it is
 *       not used. Percentiles are nearest-rank: the p-th percentile of n values is the value at rank
 *       ceil(p/100 * n), always an observed duration.</li>
 *   <li><b>History.</b> Windowed signals come with the same statistic over a window of N runs ending at each
 *       recent run, oldest first, as far back as the page read allows: the signal's value as it stood after each
 *       run, the last sample being the current value, for {@code consecutive(n)} conditions and median
 *       baselines.</li>
 * </ul>
 */
public final class GitHubSignals {

  /** The kind of {@link #successRate}. */
  public static final String SUCCESS_RATE = "github.successRate";
  /** The kind of {@link #durationPercentile} and the other duration statistics. */
  public static final String RUN_DURATION = "github.runDuration";
  /** The kind of {@link #lastRunSucceeded}. */
  public static final String LAST_RUN_SUCCEEDED = "github.lastRunSucceeded";
  /** The kind of {@link #runsInProgress}. */
  public static final String RUNS_IN_PROGRESS = "github.runsInProgress";
  /** The kind of {@link #failureStreak}. */
  public static final String FAILURE_STREAK = "github.failureStreak";

  /** The most runs a windowed signal may look at. */
  public static final int MAX_RUNS = 1000;

  private GitHubSignals() {}

  /**
   * The runs of a workflow, to narrow further with {@link RunFilter#onBranch(String)}.
   *
   * @param workflow the workflow's file name, such as {@code ci.yml}, or its id
   * @return the filter
   * @throws IllegalArgumentException if the name is not a workflow file name or id
   */
  public static RunFilter workflow(String workflow) {
    return RunFilter.workflow(workflow);
  }

  /**
   * Every run of the repository, as {@code gh run list} shows them.
   *
   * @return the filter
   */
  public static RunFilter allRuns() {
    return RunFilter.all();
  }

  /**
   * How many of the newest runs a windowed signal looks at; up to 100 cost one request.
   *
   * @param n the number of runs, 1 to {@value #MAX_RUNS}
   * @return {@code n}
   * @throws IllegalArgumentException if {@code n} is out of range
   */
  public static int lastRuns(int n) {
    if (n < 1 || n > MAX_RUNS) {
      throw new IllegalArgumentException("lastRuns must be between 1 and " + MAX_RUNS + ", was " + n);
    }
    return n;
  }

  /**
   * The share of the last N runs with a verdict that succeeded, as a ratio (0.95 is 95%).
   *
   * @param runs which runs
   * @param lastRuns how many of the newest, see {@link #lastRuns(int)}
   * @return the signal, in {@link Unit#RATIO}
   */
  public static Signal successRate(RunFilter runs, int lastRuns) {
    Map<String, Object> p = params(runs, lastRuns);
    return Signal.of(SUCCESS_RATE, Unit.RATIO, "successRate(" + runs.describe() + ", last " + lastRuns + ")", p);
  }

  /**
   * A percentile of the durations of the last N runs, in seconds.
   *
   * @param runs which runs
   * @param lastRuns how many of the newest
   * @param percentile 1 to 100; 50 is the median
   * @return the signal, in {@link Unit#SECONDS}
   * @throws IllegalArgumentException if the percentile is out of range
   */
  public static Signal durationPercentile(RunFilter runs, int lastRuns, int percentile) {
    if (percentile < 1 || percentile > 100) {
      throw new IllegalArgumentException("a percentile is between 1 and 100, was " + percentile);
    }
    return duration(runs, lastRuns, "p" + percentile);
  }

  /**
   * The median duration of the last N runs, in seconds.
   *
   * @param runs which runs
   * @param lastRuns how many of the newest
   * @return the signal, in {@link Unit#SECONDS}
   */
  public static Signal medianDuration(RunFilter runs, int lastRuns) {
    return duration(runs, lastRuns, "p50");
  }

  /**
   * The longest duration of the last N runs, in seconds.
   *
   * @param runs which runs
   * @param lastRuns how many of the newest
   * @return the signal, in {@link Unit#SECONDS}
   */
  public static Signal maxDuration(RunFilter runs, int lastRuns) {
    return duration(runs, lastRuns, "max");
  }

  private static Signal duration(RunFilter runs, int lastRuns, String statistic) {
    Map<String, Object> p = params(runs, lastRuns);
    p.put("statistic", statistic);
    return Signal.of(RUN_DURATION, Unit.SECONDS, "runDuration." + statistic + "(" + runs.describe() + ", last "
        + lastRuns + ")", p);
  }

  /**
   * Whether the newest run with a verdict succeeded: 1 when it did, 0 when it failed; unknown without one.
   *
   * @param runs which runs
   * @return the signal, in {@link Unit#NUMBER}
   */
  public static Signal lastRunSucceeded(RunFilter runs) {
    return Signal.of(LAST_RUN_SUCCEEDED, Unit.NUMBER, "lastRunSucceeded(" + runs.describe() + ")",
        Objects.requireNonNull(runs, "runs").toParams());
  }

  /**
   * How many of the newest 100 runs are queued, waiting or in progress.
   *
   * @param runs which runs
   * @return the signal, in {@link Unit#COUNT}
   */
  public static Signal runsInProgress(RunFilter runs) {
    return Signal.of(RUNS_IN_PROGRESS, Unit.COUNT, "runsInProgress(" + runs.describe() + ")",
        Objects.requireNonNull(runs, "runs").toParams());
  }

  /**
   * How many runs with a verdict failed in a row, up to now: "CI completely broken" is {@code atLeast(3)}.
   *
   * @param runs which runs
   * @return the signal, in {@link Unit#COUNT}
   */
  public static Signal failureStreak(RunFilter runs) {
    return Signal.of(FAILURE_STREAK, Unit.COUNT, "failureStreak(" + runs.describe() + ")",
        Objects.requireNonNull(runs, "runs").toParams());
  }

  private static Map<String, Object> params(RunFilter runs, int lastRuns) {
    Objects.requireNonNull(runs, "runs");
    lastRuns(lastRuns);
    Map<String, Object> p = new LinkedHashMap<>(runs.toParams());
    p.put("runs", lastRuns);
    return p;
  }
}
