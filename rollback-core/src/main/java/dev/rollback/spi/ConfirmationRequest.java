package dev.rollback.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * What a person is asked to confirm: a readiness checklist item, a manual step done, a manual step undone, or
 * whether a manual step was done before the run was interrupted.
 *
 * @param runId the run
 * @param planName the plan's name
 * @param kind what kind of confirmation
 * @param text what the person confirms, in words
 * @param requestedAt when asked
 * @param expiresAt when to give up
 */
public record ConfirmationRequest(String runId, String planName, Kind kind, String text, Instant requestedAt,
    Instant expiresAt) {

  /** Kinds of confirmation. */
  public enum Kind {
    /** A readiness checklist item or another check a person ticks. */
    CHECK,
    /** A manual step: the person does it, then confirms. */
    STEP,
    /** Undoing a manual step during compensation. */
    UNDO,
    /** On resume: was the manual step done before the interruption? */
    PROBE
  }

  /**
   * Creates a request.
   *
   * @param runId the run
   * @param planName the plan's name
   * @param kind the kind
   * @param text what to confirm
   * @param requestedAt when asked
   * @param expiresAt when to give up
   * @throws NullPointerException if an argument is null
   */
  public ConfirmationRequest {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(planName, "planName");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
