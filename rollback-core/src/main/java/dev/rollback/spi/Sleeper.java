package dev.rollback.spi;

import dev.rollback.run.ManualClock;
import java.time.Duration;

/**
 * Waits, for retries' backoff, wait steps, polling and monitoring intervals. The executor owns time through a
 * {@link java.time.Clock} and a sleeper, so tests replace both with a {@link ManualClock} and never sleep.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits.
   *
   * @param duration how long; zero or negative returns at once
   * @throws InterruptedException when the waiting thread is interrupted (a run cancelled or timed out)
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * The real sleeper, {@link Thread#sleep}.
   *
   * @return the system sleeper
   */
  static Sleeper system() {
    return d -> {
      if (!d.isNegative() && !d.isZero()) {
        Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
      }
    };
  }
}
