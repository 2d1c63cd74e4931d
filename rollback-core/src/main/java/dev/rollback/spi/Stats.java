package dev.rollback.spi;

import java.util.Arrays;

/**
 * Small statistics for signal sources: medians and percentiles over many values (success rates and run durations
 * over up to thousands of CI runs), without boxing.
 *
 * <p><b>Percentiles use the nearest-rank method:</b> the p-th percentile of n values is the value at rank
 * {@code ceil(p / 100 * n)} (1-based) in ascending order, the smallest value for {@code p = 0}. It is always one of
 * the values, never an interpolation: the 90th percentile of 10 durations is the 9th smallest.
 * <b>The median</b> is the middle value, or the mean of the two middle values for an even count (so the median
 * of {1, 2, 3, 4} is 2.5 while its 50th nearest-rank percentile is 2).
 *
 * <pre>{@code
 * double[] seconds = durationsOfLastRuns();                 // 10,000 values
 * double[] p = Stats.percentiles(seconds, 50, 90, 99);      // one copy, one sort
 * double p90 = Stats.percentileInPlace(seconds, seconds.length, 90);   // no copy: reorders seconds
 * }</pre>
 *
 * <p>Methods that take an array and do not say "in place" leave it unchanged. Every method rejects NaN values
 * and empty input with an {@link IllegalArgumentException}.
 */
public final class Stats {

  private Stats() {}

  /**
   * The median of the values: the middle value, or the mean of the two middle ones for an even count.
   *
   * @param values the values, left unchanged
   * @return the median
   * @throws IllegalArgumentException if there is no value or a value is NaN
   * @throws NullPointerException if {@code values} is null
   */
  public static double median(double[] values) {
    return medianInPlace(values.clone(), values.length);
  }

  /**
   * The median of the first {@code length} values, reordering them (no allocation).
   *
   * @param values the values; the first {@code length} are reordered
   * @param length how many values to use
   * @return the median
   * @throws IllegalArgumentException if {@code length} is not in {@code 1..values.length} or a value is NaN
   * @throws NullPointerException if {@code values} is null
   */
  public static double medianInPlace(double[] values, int length) {
    check(values, length);
    int mid = length / 2;
    if (length % 2 == 1) {
      return select(values, length, mid);
    }
    double lower = select(values, length, mid - 1);
    double upper = values[mid];
    for (int i = mid + 1; i < length; i++) {
      if (values[i] < upper) {
        upper = values[i];
      }
    }
    return lower + (upper - lower) / 2;
  }

  /**
   * The nearest-rank percentile of the values.
   *
   * @param values the values, left unchanged
   * @param percentile between 0 and 100
   * @return the value at rank {@code ceil(percentile / 100 * n)}
   * @throws IllegalArgumentException if there is no value, a value is NaN, or the percentile is not in 0..100
   * @throws NullPointerException if {@code values} is null
   */
  public static double percentile(double[] values, double percentile) {
    return percentileInPlace(values.clone(), values.length, percentile);
  }

  /**
   * The nearest-rank percentile of the first {@code length} values, reordering them (no allocation; linear time
   * on average).
   *
   * @param values the values; the first {@code length} are reordered
   * @param length how many values to use
   * @param percentile between 0 and 100
   * @return the value at rank {@code ceil(percentile / 100 * length)}
   * @throws IllegalArgumentException if {@code length} is not in {@code 1..values.length}, a value is NaN, or the
   *     percentile is not in 0..100
   * @throws NullPointerException if {@code values} is null
   */
  public static double percentileInPlace(double[] values, int length, double percentile) {
    check(values, length);
    return select(values, length, rank(length, percentile) - 1);
  }

  /**
   * Several nearest-rank percentiles of the values at once: one copy, then selections that each narrow the next
   * (linear time on average, no sort).
   *
   * @param values the values, left unchanged
   * @param percentiles each between 0 and 100
   * @return the percentiles, in the order asked
   * @throws IllegalArgumentException if there is no value, a value is NaN, or a percentile is not in 0..100
   * @throws NullPointerException if an argument is null
   */
  public static double[] percentiles(double[] values, double... percentiles) {
    check(values, values.length);
    int n = values.length;
    int[] ranks = new int[percentiles.length];
    for (int i = 0; i < percentiles.length; i++) {
      ranks[i] = rank(n, percentiles[i]) - 1;
    }
    // Select in ascending rank order: after selecting rank k, everything above index k is at least a[k], so the
    // next, higher rank is searched from k on.
    Integer[] order = new Integer[ranks.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Integer.compare(ranks[x], ranks[y]));
    double[] copy = values.clone();
    double[] out = new double[percentiles.length];
    int lo = 0;
    for (Integer i : order) {
      out[i] = select(copy, lo, n, ranks[i]);
      lo = ranks[i];
    }
    return out;
  }

  /**
   * The nearest-rank percentile of values already sorted ascending (no allocation, constant time).
   *
   * @param sorted the values, sorted ascending
   * @param percentile between 0 and 100
   * @return the value at rank {@code ceil(percentile / 100 * n)}
   * @throws IllegalArgumentException if there is no value or the percentile is not in 0..100
   * @throws NullPointerException if {@code sorted} is null
   */
  public static double percentileOfSorted(double[] sorted, double percentile) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no values to take a percentile of");
    }
    return sorted[rank(sorted.length, percentile) - 1];
  }

  /**
   * The share of a count in a total, such as successful runs among finished runs.
   *
   * @param count the count, between 0 and {@code total}
   * @param total the total, at least 1
   * @return {@code count / total}, between 0 and 1
   * @throws IllegalArgumentException if the total is not positive or the count is outside 0..total
   */
  public static double ratio(long count, long total) {
    if (total <= 0) {
      throw new IllegalArgumentException("a ratio needs a positive total, was " + total);
    }
    if (count < 0 || count > total) {
      throw new IllegalArgumentException("count " + count + " is outside 0.." + total);
    }
    return (double) count / total;
  }

  /**
   * The arithmetic mean of the values.
   *
   * @param values the values
   * @return the mean
   * @throws IllegalArgumentException if there is no value or a value is NaN
   * @throws NullPointerException if {@code values} is null
   */
  public static double mean(double[] values) {
    check(values, values.length);
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** The 1-based nearest rank of a percentile among n values. */
  private static int rank(int n, double percentile) {
    if (!(percentile >= 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be between 0 and 100, was " + percentile);
    }
    // p/100*n may come out as 90.00000000000001 for an exact 90: round away such noise before taking the ceiling.
    double exact = percentile * n / 100.0;
    long rounded = Math.round(exact);
    int r = Math.abs(exact - rounded) < 1e-9 ? (int) rounded : (int) Math.ceil(exact);
    return Math.max(1, Math.min(n, r));
  }

  private static void check(double[] values, int length) {
    if (length < 1 || length > values.length) {
      throw new IllegalArgumentException(values.length == 0 || length == 0 ? "no values"
          : "length " + length + " is outside 1.." + values.length);
    }
    for (int i = 0; i < length; i++) {
      if (Double.isNaN(values[i])) {
        throw new IllegalArgumentException("value at index " + i + " is NaN");
      }
    }
  }

  /** Quickselect: puts the k-th smallest (0-based) of the first length values at index k and returns it. */
  private static double select(double[] a, int length, int k) {
    return select(a, 0, length, k);
  }

  /** Quickselect within {@code [from, length)}, where every value before {@code from} is at most every value in it. */
  private static double select(double[] a, int from, int length, int k) {
    int lo = from;
    int hi = length - 1;
    while (hi > lo) {
      int mid = (lo + hi) >>> 1;
      // Median of three as the pivot, so sorted or reversed input stays linear.
      if (a[mid] < a[lo]) {
        swap(a, mid, lo);
      }
      if (a[hi] < a[lo]) {
        swap(a, hi, lo);
      }
      if (a[hi] < a[mid]) {
        swap(a, hi, mid);
      }
      double pivot = a[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(a, i++, j--);
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  private static void swap(double[] a, int i, int j) {
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
