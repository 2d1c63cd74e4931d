package dev.rollback.run;

import dev.rollback.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told, and a {@link Sleeper} that moves it instead of waiting: a 24-hour
 * monitoring period runs instantly in a test. Thread-safe.
 *
 * <pre>{@code
 * ManualClock time = ManualClock.at(Instant.parse("2026-01-01T03:00:00Z"));
 * RollbackExecutor.builder().clock(time).sleeper(time)...
 * time.advance(Duration.ofMinutes(5));
 * }</pre>
 */
public final class ManualClock extends Clock implements Sleeper {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * A clock standing at the given instant, in UTC.
   *
   * @param start the instant
   * @return the clock
   */
  public static ManualClock at(Instant start) {
    return new ManualClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /**
   * Moves the clock forward.
   *
   * @param duration how far, not negative
   * @return the new instant
   * @throws IllegalArgumentException if the duration is negative
   */
  public Instant advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a clock cannot move back, was asked to move " + duration);
    }
    return now.updateAndGet(t -> t.plus(duration));
  }

  /**
   * Moves the clock forward instead of waiting.
   *
   * @param duration how long
   */
  @Override
  public void sleep(Duration duration) {
    if (!duration.isNegative()) {
      advance(duration);
    }
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new ManualClock(now, zone);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public String toString() {
    return "ManualClock[" + now.get() + "]";
  }
}
