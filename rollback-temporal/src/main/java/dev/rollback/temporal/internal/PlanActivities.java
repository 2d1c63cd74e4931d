package dev.rollback.temporal.internal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The activities of a plan run: each calls the adapters through the SPI on the worker that takes it. Their names are
 * part of the history format.
 */
@ActivityInterface
public interface PlanActivities {

  /**
   * Loads the plan (refusing one whose hash differs), and starts the run: the adapters' {@code onRunStart}.
   *
   * @param call the run, with no part
   * @return the plan's shape, the built-in outputs and what the adapters remembered
   */
  @ActivityMethod(name = "Outline")
  Wire.Outline outline(Wire.Call call);

  /**
   * Before the first change: the adapters' {@code beforeFirstMutation} (the Git adapter backs up every ref).
   *
   * @param call the run
   * @return DONE or FAILED, with the memory
   */
  @ActivityMethod(name = "Prepare")
  Wire.Outcome prepare(Wire.Call call);

  /**
   * Runs a step: on a retried attempt, recovers what the attempt before left half-done and probes
   * {@code isApplied} first, so the step's effect happens once.
   *
   * @param call the step
   * @return APPLIED, ALREADY_APPLIED or FAILED
   */
  @ActivityMethod(name = "Step")
  Wire.Outcome step(Wire.Call call);

  /**
   * Evaluates a check.
   *
   * @param call the check
   * @return PASSED or FAILED
   */
  @ActivityMethod(name = "Check")
  Wire.Outcome check(Wire.Call call);

  /**
   * Compensates an applied step.
   *
   * @param call the step
   * @param applied what applying it did
   * @return COMPENSATED or FAILED
   */
  @ActivityMethod(name = "Compensate")
  Wire.Outcome compensate(Wire.Call call, Wire.Outcome applied);

  /**
   * Ends the run: the adapters' {@code onRunEnd} audits (the Git adapter proves no commit was lost).
   *
   * @param call the run
   * @return DONE (every audit passed) or FAILED, the audits' summaries
   */
  @ActivityMethod(name = "Finish")
  Wire.Outcome finish(Wire.Call call);

  /**
   * Sends the run's notification through every channel the worker has; sending it again replaces it (the channels
   * key it by run).
   *
   * @param notice the notification
   * @return where it went
   */
  @ActivityMethod(name = "Notify")
  String notifyOutcome(Wire.Notice notice);
}
