package dev.rollback.temporal;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A plan run on one target as a Temporal workflow: it waits for an approval (a signal) under the deadline (a durable
 * timer), then runs the readiness checks, the procedure's phases (steps, validations, compensation as the phase asks,
 * wait steps as durable timers), the verifications, the adapters' audit, the monitoring period (a durable timer
 * with the health checks) and one notification; each of those is an activity through the adapters' SPI.
 */
@WorkflowInterface
public interface PlanWorkflow {

  /**
   * Runs the plan on the target.
   *
   * @param run what to run where
   * @return the target's report
   */
  @WorkflowMethod
  TargetReport run(TargetRun run);

  /**
   * Approves the run.
   *
   * @param by who approves
   */
  @SignalMethod
  void approve(String by);

  /** Aborts the run: it stops before its next step; what was applied stays, and is reported. */
  @SignalMethod
  void abort();

  /**
   * Where the run stands.
   *
   * @return the target's report so far
   */
  @QueryMethod
  TargetReport report();
}
