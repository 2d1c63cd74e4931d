package dev.rollback.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a fake workflow run attempt unfolds over the fake's clock: queued for a while, then in progress, then
 * concluded, or stuck in one of the first two.
 *
 * <pre>{@code
 * RunScript.succeedsAfter(Duration.ofMinutes(4))                    // in progress at once, success 4 min later
 * RunScript.failsAfter(Duration.ofMinutes(2)).queuedFor(Duration.ofSeconds(20))
 * RunScript.neverFinishes()                                         // in progress until cancelled
 * }</pre>
 *
 * <p>A script is a value; the run's status is computed from it whenever the run is read, so a test that advances a
 * {@link java.time.Clock} moves every run along.
 */
public final class RunScript {

  /** The conclusions GitHub Actions reports for a completed run. */
  public static final Set<String> CONCLUSIONS = Set.of("success", "failure", "cancelled", "skipped", "neutral",
      "timed_out", "action_required", "startup_failure", "stale");

  private final Duration queued;
  private final Optional<Duration> total;
  private final String conclusion;

  private RunScript(Duration queued, Optional<Duration> total, String conclusion) {
    this.queued = queued;
    this.total = total;
    this.conclusion = conclusion;
  }

  /**
   * A run that concludes {@code success} the given time after it was created.
   *
   * @param after from creation (or re-run) to conclusion
   * @return the script
   * @throws IllegalArgumentException if the duration is negative
   */
  public static RunScript succeedsAfter(Duration after) {
    return concludesAfter("success", after);
  }

  /**
   * A run that concludes {@code failure} the given time after it was created.
   *
   * @param after from creation (or re-run) to conclusion
   * @return the script
   * @throws IllegalArgumentException if the duration is negative
   */
  public static RunScript failsAfter(Duration after) {
    return concludesAfter("failure", after);
  }

  /**
   * A run that concludes as told the given time after it was created.
   *
   * @param conclusion one of {@link #CONCLUSIONS}
   * @param after from creation (or re-run) to conclusion
   * @return the script
   * @throws IllegalArgumentException if the conclusion is not GitHub's or the duration is negative
   * @throws NullPointerException if an argument is null
   */
  public static RunScript concludesAfter(String conclusion, Duration after) {
    Objects.requireNonNull(conclusion, "conclusion");
    Objects.requireNonNull(after, "after");
    if (!CONCLUSIONS.contains(conclusion)) {
      throw new IllegalArgumentException("conclusion must be one of " + new java.util.TreeSet<>(CONCLUSIONS)
          + ", was '" + conclusion + "'");
    }
    if (after.isNegative()) {
      throw new IllegalArgumentException("a run cannot conclude before it was created, was asked for " + after);
    }
    return new RunScript(Duration.ZERO, Optional.of(after), conclusion);
  }

  /**
   * A run that starts at once and stays in progress until it is cancelled or completed by the test.
   *
   * @return the script
   */
  public static RunScript neverFinishes() {
    return new RunScript(Duration.ZERO, Optional.empty(), "success");
  }

  /**
   * A run that stays queued until it is cancelled or completed by the test.
   *
   * @return the script
   */
  public static RunScript staysQueued() {
    return new RunScript(null, Optional.empty(), "success");
  }

  /**
   * The same script with the run queued for a while before it starts; the conclusion comes no earlier than that.
   *
   * @param duration how long the run is queued
   * @return the new script
   * @throws IllegalArgumentException if the duration is negative
   */
  public RunScript queuedFor(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a run cannot be queued for a negative time, was " + duration);
    }
    return new RunScript(duration, total.map(t -> t.compareTo(duration) < 0 ? duration : t), conclusion);
  }

  /**
   * How long the run stays queued.
   *
   * @return the time queued, or empty when it never leaves the queue
   */
  public Optional<Duration> queued() {
    return Optional.ofNullable(queued);
  }

  /**
   * How long from creation until the run concludes.
   *
   * @return the time to conclusion, or empty when it never concludes by itself
   */
  public Optional<Duration> concludesAfter() {
    return queued == null ? Optional.empty() : total;
  }

  /**
   * The conclusion the run reaches, when it concludes by itself.
   *
   * @return the conclusion
   */
  public String conclusion() {
    return conclusion;
  }

  @Override
  public String toString() {
    if (queued == null) {
      return "RunScript[stays queued]";
    }
    return "RunScript[queued " + queued + ", " + total.map(t -> conclusion + " after " + t).orElse("never finishes")
        + "]";
  }
}
