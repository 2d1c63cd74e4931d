package dev.rollback.run;

import java.util.Objects;

/**
 * An operator's verdict on a step that an interrupted run was running and that no adapter can probe: it took
 * effect ({@link #done}), or it did not and must run again ({@link #redo}). Given to
 * {@link RollbackExecutor#resume(RollbackPlan, String, Settlement)} (the launcher's
 * {@code rollback resume <run> --step NAME --done "reason"} or {@code --redo}), it is recorded in the journal with who
 * settled it, when and why, and shown in the report.
 *
 * <pre>{@code
 * executor.resume(plan, runId, Settlement.done("deploy the old image", "all hosts serve v41; checked by hand"));
 * executor.resume(plan, runId, Settlement.redo("deploy the old image", "no host serves v41").by("alice"));
 * }</pre>
 *
 * @param step the step's name, as in the plan
 * @param verdict done or redo
 * @param reason the evidence, in words
 * @param by who settled it
 */
public record Settlement(String step, Verdict verdict, String reason, String by) {

  /** The operator's verdict. */
  public enum Verdict {
    /** The step took effect before the interruption: it is recorded as applied, and the run goes on after it. */
    DONE,
    /** The step did not take effect: it runs again. */
    REDO
  }

  /**
   * Creates the value.
   *
   * @param step the step's name
   * @param verdict the verdict
   * @param reason the evidence
   * @param by who
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the step, the reason of a {@link Verdict#DONE} or {@code by} is blank
   */
  public Settlement {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(by, "by");
    if (step.isBlank()) {
      throw new IllegalArgumentException("the step to settle is blank; name it as the plan does");
    }
    if (verdict == Verdict.DONE && reason.isBlank()) {
      throw new IllegalArgumentException("settling step '" + step + "' as done needs the evidence: say what you"
          + " checked");
    }
    if (by.isBlank()) {
      throw new IllegalArgumentException("who settles step '" + step + "' is blank");
    }
  }

  /**
   * The step took effect before the interruption, as the operator checked; settled by the local user
   * ({@code user.name}).
   *
   * @param step the step's name
   * @param reason what the operator checked
   * @return the settlement
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an argument is blank
   */
  public static Settlement done(String step, String reason) {
    return new Settlement(step, Verdict.DONE, reason, localUser());
  }

  /**
   * The step did not take effect and must run again, as the operator checked; settled by the local user.
   *
   * @param step the step's name
   * @param reason what the operator checked; may be empty
   * @return the settlement
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the step is blank
   */
  public static Settlement redo(String step, String reason) {
    return new Settlement(step, Verdict.REDO, reason, localUser());
  }

  /**
   * The same settlement by someone else.
   *
   * @param person who settles it
   * @return the new settlement
   * @throws NullPointerException if {@code person} is null
   * @throws IllegalArgumentException if {@code person} is blank
   */
  public Settlement by(String person) {
    return new Settlement(step, verdict, reason, person);
  }

  private static String localUser() {
    String u = System.getProperty("user.name", "");
    return u.isBlank() ? "unknown" : u;
  }
}
