package dev.rollback;

import java.util.Objects;

/**
 * The reference a signal is compared with, such as the test execution time before the change.
 *
 * <pre>{@code
 * Baseline.fixed(120, Unit.SECONDS)                                     // a known value
 * Baseline.file(Rollback.path("perf/baseline.json"), "test_execution_time")   // a JSON file in the repository
 * Baseline.median(testTime, 20)                                         // the median of the last 20 samples
 * }</pre>
 */
public sealed interface Baseline permits Baseline.Fixed, Baseline.FromFile, Baseline.Median {

  /**
   * A known value.
   *
   * @param value the value
   * @param unit its unit
   * @return the baseline
   */
  static Baseline fixed(double value, Unit unit) {
    return new Fixed(value, unit);
  }

  /**
   * A number read from a JSON file in the repository.
   *
   * @param file the file, relative to the repository
   * @param key the number's key; dots descend into objects ({@code ci.test_time})
   * @return the baseline
   */
  static Baseline file(RepoPath file, String key) {
    return new FromFile(file, key);
  }

  /**
   * The median of a signal's recent history.
   *
   * @param signal the signal
   * @param samples how many recent samples
   * @return the baseline
   */
  static Baseline median(Signal signal, int samples) {
    return new Median(signal, samples);
  }

  /**
   * The baseline in words.
   *
   * @return the description
   */
  String describe();

  /**
   * A threshold of the baseline plus a percentage of itself: {@code plusPercent(50)} is 1.5 times the baseline.
   *
   * @param percent the percentage
   * @return the threshold
   */
  default Threshold plusPercent(double percent) {
    return new Threshold.Relative(this, Threshold.Adjustment.PLUS_PERCENT, percent);
  }

  /**
   * A threshold of the baseline times a factor.
   *
   * @param factor the factor
   * @return the threshold
   */
  default Threshold times(double factor) {
    return new Threshold.Relative(this, Threshold.Adjustment.TIMES, factor);
  }

  /**
   * A threshold of the baseline plus an amount in the signal's unit.
   *
   * @param amount the amount
   * @return the threshold
   */
  default Threshold plus(double amount) {
    return new Threshold.Relative(this, Threshold.Adjustment.PLUS, amount);
  }

  /**
   * The baseline itself as a threshold.
   *
   * @return the threshold
   */
  default Threshold itself() {
    return new Threshold.Relative(this, Threshold.Adjustment.PLUS, 0);
  }

  /**
   * A known value.
   *
   * @param value the value
   * @param unit its unit
   */
  record Fixed(double value, Unit unit) implements Baseline {
    /**
     * Creates a fixed baseline.
     *
     * @param value a finite number
     * @param unit its unit
     * @throws NullPointerException if the unit is null
     * @throws IllegalArgumentException if the value is not finite
     */
    public Fixed {
      Objects.requireNonNull(unit, "unit");
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("baseline must be a finite number, was " + value);
      }
    }

    @Override
    public String describe() {
      return "baseline " + unit.format(value);
    }
  }

  /**
   * A number read from a JSON file in the repository.
   *
   * @param file the file
   * @param key the number's key; dots descend into objects
   */
  record FromFile(RepoPath file, String key) implements Baseline {
    /**
     * Creates a file baseline.
     *
     * @param file the file
     * @param key the key
     * @throws NullPointerException if an argument is null
     */
    public FromFile {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(key, "key");
    }

    @Override
    public String describe() {
      return "baseline " + file.path() + "#" + key;
    }
  }

  /**
   * The median of a signal's recent samples.
   *
   * @param signal the signal
   * @param samples how many samples
   */
  record Median(Signal signal, int samples) implements Baseline {
    /**
     * Creates a median baseline; {@link RollbackPlan#check()} reports a sample count below 1.
     *
     * @param signal the signal
     * @param samples how many samples
     * @throws NullPointerException if the signal is null
     */
    public Median {
      Objects.requireNonNull(signal, "signal");
    }

    @Override
    public String describe() {
      return "median of the last " + samples + " " + signal.displayName();
    }
  }
}
