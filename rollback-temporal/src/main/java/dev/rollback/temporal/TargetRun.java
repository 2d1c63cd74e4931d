package dev.rollback.temporal;

import java.util.Objects;

/**
 * One run of a plan on one target: what a {@link PlanWorkflow} is started with, by a fleet or on its own.
 *
 * @param runId the run's id, which names the backup refs the adapters make ({@code refs/rollback/<run>/})
 * @param planSource where workers load the plan from
 * @param planHash the plan's hash: a worker whose plan differs refuses to run it
 * @param procedure the procedure to run; empty for the standard one
 * @param target the target
 * @param approvalRequired whether the run waits for an {@code approve} signal (unless {@code approvedBy} is given)
 * @param approvedBy who approved already (a fleet's approver), empty when nobody has
 * @param deadlineAtMillis the deadline (epoch milliseconds): an approval that has not come by then ends the run,
 *     nothing changed
 * @param monitorSeconds how long the plan's health checks are watched after the rollback (0 for not at all)
 * @param takeoverMillis the heartbeat timeout of its activities (0 for 30 s): how soon another worker retries a step
 *     of one that died
 */
public record TargetRun(String runId, String planSource, String planHash, String procedure, FleetTarget target,
    boolean approvalRequired, String approvedBy, long deadlineAtMillis, long monitorSeconds, long takeoverMillis) {

  /**
   * Checks the fields.
   *
   * @param runId see the record
   * @param planSource see the record
   * @param planHash see the record
   * @param procedure see the record
   * @param target see the record
   * @param approvalRequired see the record
   * @param approvedBy see the record
   * @param deadlineAtMillis see the record
   * @param monitorSeconds see the record
   * @param takeoverMillis see the record
   */
  public TargetRun {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(planSource, "planSource");
    Objects.requireNonNull(planHash, "planHash");
    Objects.requireNonNull(target, "target");
    procedure = procedure == null ? "" : procedure;
    approvedBy = approvedBy == null ? "" : approvedBy;
    if (!runId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,199}") || runId.contains("..")) {
      throw new IllegalArgumentException("runId '" + runId + "' must be letters, digits, '.', '_' or '-'");
    }
  }
}
