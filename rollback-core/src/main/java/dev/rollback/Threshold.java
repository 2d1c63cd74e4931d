package dev.rollback;

import java.util.Objects;

/**
 * What a signal is compared with: a fixed value, or a value derived from a {@link Baseline}.
 *
 * <pre>{@code
 * Threshold.of(0.95)                         // a fixed value
 * baseline.plusPercent(50)                   // the baseline plus 50% of it
 * baseline.times(1.2)                        // 1.2 times the baseline
 * baseline.plus(30)                          // the baseline plus 30 units
 * }</pre>
 */
public sealed interface Threshold permits Threshold.Absolute, Threshold.Relative {

  /**
   * A fixed threshold.
   *
   * @param value the value, in the unit of the signal it is compared with
   * @return the threshold
   */
  static Threshold of(double value) {
    return new Absolute(value);
  }

  /**
   * The threshold in words, with the unit of the signal it is compared with.
   *
   * @param unit the signal's unit
   * @return the description
   */
  String describe(Unit unit);

  /**
   * A fixed value.
   *
   * @param value the value
   */
  record Absolute(double value) implements Threshold {
    /**
     * Creates a fixed threshold.
     *
     * @param value the value, a finite number
     * @throws IllegalArgumentException if the value is not finite
     */
    public Absolute {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("threshold must be a finite number, was " + value);
      }
    }

    @Override
    public String describe(Unit unit) {
      return unit.format(value);
    }
  }

  /**
   * A value derived from a baseline.
   *
   * @param baseline the baseline
   * @param adjustment how the amount changes the baseline
   * @param amount the amount
   */
  record Relative(Baseline baseline, Adjustment adjustment, double amount) implements Threshold {
    /**
     * Creates a relative threshold.
     *
     * @param baseline the baseline
     * @param adjustment how the amount changes the baseline
     * @param amount the amount, a finite number
     * @throws NullPointerException if the baseline or adjustment is null
     * @throws IllegalArgumentException if the amount is not finite
     */
    public Relative {
      Objects.requireNonNull(baseline, "baseline");
      Objects.requireNonNull(adjustment, "adjustment");
      if (!Double.isFinite(amount)) {
        throw new IllegalArgumentException("amount must be a finite number, was " + amount);
      }
    }

    /**
     * The threshold's value for a given baseline value.
     *
     * @param baselineValue the measured or read baseline
     * @return the threshold
     */
    public double apply(double baselineValue) {
      switch (adjustment) {
        case PLUS:
          return baselineValue + amount;
        case TIMES:
          return baselineValue * amount;
        default:
          return baselineValue * (1 + amount / 100.0);
      }
    }

    @Override
    public String describe(Unit unit) {
      switch (adjustment) {
        case PLUS:
          return baseline.describe() + (amount < 0 ? " - " + unit.format(-amount) : " + " + unit.format(amount));
        case TIMES:
          return Unit.NUMBER.format(amount) + " × " + baseline.describe();
        default:
          return baseline.describe() + (amount < 0 ? " - " : " + ") + Unit.NUMBER.format(Math.abs(amount)) + "%";
      }
    }
  }

  /** How a relative threshold is derived from its baseline. */
  enum Adjustment {
    /** The baseline plus an amount in the signal's unit. */
    PLUS,
    /** The baseline times a factor. */
    TIMES,
    /** The baseline plus a percentage of itself. */
    PLUS_PERCENT
  }
}
