package dev.rollback.spi;

import dev.rollback.Unit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A signal's measured value with its unit, or the reason there is none; how it was measured, in a line (for
 * example {@code 8 of 10 runs succeeded}); the history of samples, oldest first, when the source has one; and
 * evidence.
 *
 * @param value the value, empty when unknown
 * @param unit the value's unit
 * @param summary how the value was obtained, or why it is unknown
 * @param history past samples, oldest first; the last one is the current value when the source keeps history
 * @param evidence observations for the report
 */
public record Measurement(OptionalDouble value, Unit unit, String summary, List<Sample> history,
    Map<String, Object> evidence) {

  /**
   * Creates a measurement.
   *
   * @param value the value
   * @param unit its unit
   * @param summary how it was obtained
   * @param history past samples
   * @param evidence observations
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the value is not finite
   */
  public Measurement {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(summary, "summary");
    if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
      throw new IllegalArgumentException("a measured value must be finite, was " + value.getAsDouble());
    }
    history = List.copyOf(history);
    evidence = Results.plain("evidence", evidence);
  }

  /**
   * A measured value.
   *
   * @param value the value
   * @param unit its unit
   * @param summary how it was obtained
   * @return the measurement
   */
  public static Measurement of(double value, Unit unit, String summary) {
    return new Measurement(OptionalDouble.of(value), unit, summary, List.of(), Map.of());
  }

  /**
   * No value: the data is missing (no CI runs at all), which makes conditions over it unknown.
   *
   * @param unit the unit the value would have
   * @param reason why there is no value
   * @return the measurement
   */
  public static Measurement unknown(Unit unit, String reason) {
    return new Measurement(OptionalDouble.empty(), unit, reason, List.of(), Map.of());
  }

  /**
   * Whether there is a value.
   *
   * @return {@code true} when measured
   */
  public boolean isKnown() {
    return value.isPresent();
  }

  /**
   * The same measurement with a history of samples, oldest first.
   *
   * @param samples the samples
   * @return the new measurement
   */
  public Measurement withHistory(List<Sample> samples) {
    return new Measurement(value, unit, summary, samples, evidence);
  }

  /**
   * The same measurement with one more piece of evidence.
   *
   * @param key what was observed
   * @param v the observation
   * @return the new measurement
   */
  public Measurement withEvidence(String key, Object v) {
    return new Measurement(value, unit, summary, history, Results.with(evidence, "evidence", key, v));
  }

  /**
   * The value as people read it, with its unit, or {@code unknown}.
   *
   * @return the text
   */
  public String display() {
    return value.isPresent() ? unit.format(value.getAsDouble()) : "unknown";
  }

  /**
   * The value, when known, as an {@link Optional}.
   *
   * @return the value
   */
  public Optional<Double> asOptional() {
    return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
  }
}
