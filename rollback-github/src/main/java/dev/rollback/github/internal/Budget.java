package dev.rollback.github.internal;

import dev.rollback.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long one operation may take and how it waits: the clock it reads, the sleeper it waits with, and the
 * deadline it must not wait past (the run's deadline, the step's timeout, an approval's expiry).
 *
 * @param clock the clock
 * @param sleeper the sleeper
 * @param deadline the instant no wait may pass, when there is one
 * @param maxWait the longest single wait for a rate limit, whatever the deadline
 */
public record Budget(Clock clock, Sleeper sleeper, Optional<Instant> deadline, Duration maxWait) {

  /**
   * Now.
   *
   * @return now
   */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Whether waiting this long stays within the deadline.
   *
   * @param wait the wait
   * @return {@code true} when now plus the wait is not after the deadline
   */
  public boolean allows(Duration wait) {
    return deadline.map(d -> !now().plus(wait).isAfter(d)).orElse(true);
  }

  /**
   * The time left before the deadline.
   *
   * @return the time left, or empty without a deadline
   */
  public Optional<Duration> remaining() {
    return deadline.map(d -> {
      Duration left = Duration.between(now(), d);
      return left.isNegative() ? Duration.ZERO : left;
    });
  }

  /**
   * The same budget with a deadline no later than the one given.
   *
   * @param other another deadline
   * @return the tighter budget
   */
  public Budget tighten(Instant other) {
    Instant d = deadline.map(x -> x.isBefore(other) ? x : other).orElse(other);
    return new Budget(clock, sleeper, Optional.of(d), maxWait);
  }

  /**
   * Waits.
   *
   * @param d how long
   * @throws InterruptedException when interrupted
   */
  public void sleep(Duration d) throws InterruptedException {
    sleeper.sleep(d);
  }
}
