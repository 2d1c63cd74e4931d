package dev.rollback;

import java.time.Duration;
import java.util.Objects;

/**
 * How often the executor tries a step, and how long it waits between attempts: the first retry waits
 * {@code delay}, each later one {@code multiplier} times longer, never more than {@code maxDelay}.
 *
 * <pre>{@code
 * RetryPolicy.times(3).withDelay(Duration.ofSeconds(2))   // 3 attempts, waiting 2 s then 4 s
 * }</pre>
 *
 * @param maxAttempts attempts in all, at least 1
 * @param delay the wait before the first retry
 * @param multiplier the growth of the wait from one retry to the next, at least 1
 * @param maxDelay the longest wait between two attempts
 */
public record RetryPolicy(int maxAttempts, Duration delay, double multiplier, Duration maxDelay) {

  private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);

  /**
   * Creates a retry policy.
   *
   * @param maxAttempts attempts in all, at least 1
   * @param delay the wait before the first retry, not negative
   * @param multiplier at least 1
   * @param maxDelay the longest wait, not shorter than {@code delay}
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if a number breaks its rule
   */
  public RetryPolicy {
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
    }
    if (maxDelay.compareTo(delay) < 0) {
      throw new IllegalArgumentException("maxDelay " + maxDelay + " must not be shorter than delay " + delay);
    }
  }

  /**
   * One attempt, no retry: the default.
   *
   * @return the policy that never retries
   */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * Up to {@code attempts} attempts in all, one second apart at first, doubling, at most a minute apart.
   *
   * @param attempts attempts in all, at least 1
   * @return the policy
   * @throws IllegalArgumentException if {@code attempts} is less than 1
   */
  public static RetryPolicy times(int attempts) {
    return new RetryPolicy(attempts, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1));
  }

  /**
   * The same policy with another first delay; {@code maxDelay} grows to the delay if it was shorter.
   *
   * @param delay the wait before the first retry
   * @return the new policy
   */
  public RetryPolicy withDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    return new RetryPolicy(maxAttempts, delay, multiplier, maxDelay.compareTo(delay) < 0 ? delay : maxDelay);
  }

  /**
   * The same policy with another growth factor.
   *
   * @param multiplier at least 1
   * @return the new policy
   */
  public RetryPolicy withMultiplier(double multiplier) {
    return new RetryPolicy(maxAttempts, delay, multiplier, maxDelay);
  }

  /**
   * The same policy with another cap on the wait.
   *
   * @param maxDelay the longest wait between two attempts
   * @return the new policy
   */
  public RetryPolicy withMaxDelay(Duration maxDelay) {
    return new RetryPolicy(maxAttempts, delay, multiplier, maxDelay);
  }

  /**
   * The wait before the given retry.
   *
   * @param retry 1 for the wait after the first attempt, 2 after the second, and so on
   * @return the wait
   */
  public Duration delayBefore(int retry) {
    if (retry < 1) {
      return Duration.ZERO;
    }
    double millis = delay.toMillis() * Math.pow(multiplier, retry - 1);
    long capped = (long) Math.min(millis, (double) maxDelay.toMillis());
    return Duration.ofMillis(capped);
  }

  /**
   * The longest time all waits between attempts can add up to.
   *
   * @return the sum of the waits
   */
  public Duration totalDelay() {
    Duration sum = Duration.ZERO;
    for (int i = 1; i < maxAttempts; i++) {
      Duration wait = delayBefore(i);
      if (wait.equals(maxDelay)) {
        // Capped from here on: the remaining waits are all maxDelay.
        return sum.plus(maxDelay.multipliedBy(maxAttempts - i));
      }
      sum = sum.plus(wait);
    }
    return sum;
  }
}
