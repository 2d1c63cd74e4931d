package dev.rollback.spi;

import dev.rollback.Effect;
import dev.rollback.RollbackException;

/**
 * Interprets one kind of step: preview it, apply it, tell whether it was applied before a crash, undo it.
 *
 * <p>Implementations must make {@link #preview} free of side effects; a test adapter that fails on any write
 * proves it for the built-in ones. A step declared {@link Effect#READ_ONLY} is applied for real in a preview.
 */
public interface StepHandler {

  /**
   * Describes what the step would do, with its parameters resolved as far as they can be, without changing
   * anything.
   *
   * @param step the call
   * @return the preview
   * @throws Exception when the step could not run at all (an unknown commit): the preview reports it
   */
  StepPreview preview(StepContext step) throws Exception;

  /**
   * Does the step.
   *
   * @param step the call
   * @return the outcome, with outputs for later steps and evidence of what was observed
   * @throws Exception when the step failed; it must leave nothing half-done
   */
  StepResult apply(StepContext step) throws Exception;

  /**
   * Tells, on resume, whether a step that started before a crash but never reported finishing took effect.
   * Idempotency probe: look at the world (is the revert commit there?), not at memory.
   *
   * @param step the call
   * @return applied (with the outputs it produced), not applied, or unknown
   * @throws Exception when the world cannot be observed
   */
  default Probe isApplied(StepContext step) throws Exception {
    return step.step().effect() == Effect.READ_ONLY ? Probe.notApplied()
        : Probe.unknown("the " + step.step().kind() + " handler cannot tell whether the step took effect");
  }

  /**
   * Whether {@link #compensate} can undo this step.
   *
   * @param step the call
   * @return {@code true} for reversible steps the handler knows how to undo
   */
  default boolean canCompensate(StepContext step) {
    return false;
  }

  /**
   * Undoes an applied step.
   *
   * @param step the call
   * @param applied what {@link #apply} returned
   * @return what the compensation did
   * @throws Exception when the compensation failed
   */
  default StepResult compensate(StepContext step, StepResult applied) throws Exception {
    throw new RollbackException("steps of kind " + step.step().kind() + " cannot be compensated");
  }

  /**
   * Whether a preview applies a {@link Effect#READ_ONLY} step for real. A wait, for one, does not.
   *
   * @param step the call
   * @return {@code true} unless the handler says otherwise
   */
  default boolean appliesInPreview(StepContext step) {
    return step.step().effect() == Effect.READ_ONLY;
  }
}
