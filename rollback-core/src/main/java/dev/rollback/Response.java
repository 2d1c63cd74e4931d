package dev.rollback;

import dev.rollback.internal.Texts;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a severity level calls for: a rollback within a deadline, fixing forward, or either by a deadline.
 *
 * @param kind the kind of response
 * @param deadline how long after detection the rollback must be complete, when there is one
 * @param label how people name the deadline ({@code next sprint}), when a duration does not say it
 */
public record Response(Kind kind, Optional<Duration> deadline, Optional<String> label) {

  /** Kinds of response. */
  public enum Kind {
    /** Roll back within the deadline. */
    ROLLBACK,
    /** Do not roll back; fix forward. */
    FIX_FORWARD,
    /** Fix forward, or roll back by the deadline. */
    FIX_FORWARD_OR_ROLLBACK
  }

  /**
   * Creates a response.
   *
   * @param kind the kind of response
   * @param deadline the deadline, when there is one
   * @param label the deadline's name, when a duration does not say it
   * @throws NullPointerException if an argument is null
   */
  public Response {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(label, "label");
  }

  /**
   * Roll back within the given time of detection.
   *
   * @param deadline the deadline, counted from detection
   * @return the response
   */
  public static Response rollbackWithin(Duration deadline) {
    return new Response(Kind.ROLLBACK, Optional.of(Objects.requireNonNull(deadline, "deadline")), Optional.empty());
  }

  /**
   * Fix forward; no rollback is due.
   *
   * @return the response
   */
  public static Response fixForward() {
    return new Response(Kind.FIX_FORWARD, Optional.empty(), Optional.empty());
  }

  /**
   * Fix forward, or roll back by a deadline that people name otherwise, such as {@code next sprint}.
   *
   * @param deadline the deadline, counted from detection
   * @param label how people name it
   * @return the response
   */
  public static Response fixForwardOrRollbackWithin(Duration deadline, String label) {
    return new Response(Kind.FIX_FORWARD_OR_ROLLBACK, Optional.of(Objects.requireNonNull(deadline, "deadline")),
        Optional.of(Objects.requireNonNull(label, "label")));
  }

  /**
   * Whether this response rolls back (possibly as an alternative to fixing forward).
   *
   * @return {@code true} unless the response is {@link Kind#FIX_FORWARD}
   */
  public boolean rollsBack() {
    return kind != Kind.FIX_FORWARD;
  }

  /**
   * The deadline as people say it: {@code 1 hour}, {@code 24 hours}, {@code next sprint}, or {@code none}.
   *
   * @return the deadline in words
   */
  public String deadlineText() {
    return label.orElseGet(() -> deadline.map(Texts::duration).orElse("none"));
  }

  /**
   * The response in the runbook's words: {@code Rollback within 1 hour}, {@code Fix forward},
   * {@code Fix forward or rollback in next sprint}.
   *
   * @return the description
   */
  public String describe() {
    switch (kind) {
      case ROLLBACK:
        return "Rollback within " + deadlineText();
      case FIX_FORWARD:
        return "Fix forward";
      default:
        return "Fix forward or rollback " + (label.isPresent() ? "in " : "within ") + deadlineText();
    }
  }

  @Override
  public String toString() {
    return describe();
  }
}
