package dev.rollback.temporal;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A fleet as a Temporal workflow: after the approval (a signal, under the fleet's deadline, a durable timer), the
 * canary wave, then the rest under the concurrency limit, each target a child {@link PlanWorkflow}; no new target
 * starts once more than the allowed share failed, after the deadline, while paused, or after an abort.
 */
@WorkflowInterface
public interface FleetWorkflow {

  /**
   * Runs the fleet.
   *
   * @param spec the fleet
   * @return the fleet's report
   */
  @WorkflowMethod
  FleetReport run(FleetSpec spec);

  /**
   * Approves the fleet.
   *
   * @param by who approves
   */
  @SignalMethod
  void approve(String by);

  /** Pauses the fleet: running targets finish, no new one starts. */
  @SignalMethod
  void pause();

  /** Resumes a paused fleet. */
  @SignalMethod
  void resume();

  /** Aborts the fleet: no new target starts, running ones stop before their next step. */
  @SignalMethod
  void abort();

  /**
   * Where the fleet stands.
   *
   * @return the report so far
   */
  @QueryMethod
  FleetReport report();
}
