package dev.rollback.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One past value of a signal, for conditions over consecutive samples or a window, and for median baselines.
 *
 * @param at when it was taken
 * @param value the value
 */
public record Sample(Instant at, double value) {

  /**
   * Creates a sample.
   *
   * @param at when it was taken
   * @param value the value
   * @throws NullPointerException if {@code at} is null
   */
  public Sample {
    Objects.requireNonNull(at, "at");
  }
}
