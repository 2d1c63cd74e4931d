package dev.rollback.github.internal;

import dev.rollback.spi.Sample;
import dev.rollback.spi.Stats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Statistics over a run history. The rules, documented on the signals:
 * <ul>
 *   <li>a run counts for reliability when it completed with a verdict: {@code success} succeeds; {@code failure},
 *       {@code timed_out} and {@code startup_failure} fail; {@code cancelled}, {@code skipped}, {@code neutral},
 *       {@code action_required} and {@code stale} are no verdict on the code and are left out, as are runs not yet
 *       completed;</li>
 *   <li>a run's duration is its latest attempt's, {@code run_started_at} to {@code updated_at}, for runs that
 *       completed with {@code success}, {@code failure} or {@code timed_out} (a cancelled or skipped run's time says
 *       nothing about the CI);</li>
 *   <li>percentiles are nearest-rank ({@link Stats}): the p-th percentile of n values is the value at rank
 *       ceil(p/100 * n).</li>
 * </ul>
 */
public final class RunStats {

  /** Conclusions that are a failing verdict. */
  public static final Set<String> FAILED = Set.of("failure", "timed_out", "startup_failure");
  /** Conclusions whose duration is meaningful. */
  public static final Set<String> TIMED = Set.of("success", "failure", "timed_out");

  private RunStats() {}

  /**
   * Whether a run is a verdict on the code.
   *
   * @param r the run
   * @return {@code true} for a completed success or failure
   */
  public static boolean verdict(RunInfo r) {
    return r.completed() && ("success".equals(r.conclusion()) || FAILED.contains(r.conclusion()));
  }

  /**
   * Whether a run's duration counts.
   *
   * @param r the run
   * @return {@code true} for a completed success, failure or timeout with a duration
   */
  public static boolean timed(RunInfo r) {
    return r.completed() && TIMED.contains(r.conclusion()) && r.duration().isPresent();
  }

  /**
   * The share of verdict runs that succeeded.
   *
   * @param runs the runs
   * @return the ratio, empty when no run has a verdict
   */
  public static OptionalDouble successRate(List<RunInfo> runs) {
    List<RunInfo> counted = runs.stream().filter(RunStats::verdict).collect(Collectors.toList());
    if (counted.isEmpty()) {
      return OptionalDouble.empty();
    }
    long ok = counted.stream().filter(r -> "success".equals(r.conclusion())).count();
    return OptionalDouble.of(Stats.ratio(ok, counted.size()));
  }

  /**
   * The durations of the timed runs, in seconds, in the runs' order.
   *
   * @param runs the runs
   * @return the durations
   */
  public static List<Double> durations(List<RunInfo> runs) {
    return runs.stream().filter(RunStats::timed).map(r -> r.duration().get().toMillis() / 1000.0)
        .collect(Collectors.toList());
  }

  /**
   * A statistic of durations: {@code p1}..{@code p100}, {@code max}, {@code min} or {@code mean}.
   *
   * @param runs the runs
   * @param statistic the statistic
   * @return the value in seconds, empty when no run is timed
   */
  public static OptionalDouble duration(List<RunInfo> runs, String statistic) {
    List<Double> d = durations(runs);
    if (d.isEmpty()) {
      return OptionalDouble.empty();
    }
    switch (statistic) {
      case "max":
        return OptionalDouble.of(Collections.max(d));
      case "min":
        return OptionalDouble.of(Collections.min(d));
      case "mean":
        return OptionalDouble.of(Stats.mean(array(d)));
      default:
        return OptionalDouble.of(Stats.percentile(array(d), Integer.parseInt(statistic.substring(1))));
    }
  }

  private static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * How many verdict runs failed in a row, newest first, up to the newest success.
   *
   * @param newestFirst the runs, newest first
   * @return the streak, empty when no run has a verdict
   */
  public static Optional<Integer> failureStreak(List<RunInfo> newestFirst) {
    int streak = 0;
    boolean any = false;
    for (RunInfo r : newestFirst) {
      if (!verdict(r)) {
        continue;
      }
      any = true;
      if ("success".equals(r.conclusion())) {
        break;
      }
      streak++;
    }
    return any ? Optional.of(streak) : Optional.empty();
  }

  /**
   * How many runs ended each way: {@code success: 8, failure: 1, cancelled: 1, in_progress: 2}.
   *
   * @param runs the runs
   * @return counts by conclusion, or by status for runs not completed
   */
  public static Map<String, Object> tally(List<RunInfo> runs) {
    Map<String, Object> out = new TreeMap<>();
    for (RunInfo r : runs) {
      String k = r.completed() ? String.valueOf(r.conclusion()) : String.valueOf(r.status());
      out.merge(k, 1L, (a, b) -> (Long) a + (Long) b);
    }
    return out;
  }

  /**
   * A statistic over a sliding window of {@code size} runs, ending at each run of the history that has a full window
   * behind it (or at the newest run only, when the history is shorter), oldest first: the signal's value as it stood
   * after each recent run. The last sample is the current value.
   *
   * @param oldestFirst the runs, oldest first
   * @param size the window
   * @param statistic the statistic over one window
   * @return the samples, at each window's newest run's creation
   */
  public static List<Sample> windows(List<RunInfo> oldestFirst, int size,
      Function<List<RunInfo>, OptionalDouble> statistic) {
    List<Sample> out = new ArrayList<>();
    int first = Math.min(size, oldestFirst.size()) - 1;
    for (int end = Math.max(first, 0); end < oldestFirst.size(); end++) {
      List<RunInfo> window = oldestFirst.subList(Math.max(0, end - size + 1), end + 1);
      OptionalDouble v = statistic.apply(window);
      if (v.isPresent() && oldestFirst.get(end).createdAt() != null) {
        out.add(new Sample(oldestFirst.get(end).createdAt(), v.getAsDouble()));
      }
    }
    return out;
  }
}
