package dev.rollback.temporal;

import java.util.List;
import java.util.Objects;

/**
 * One target's row of a fleet report, and what its own workflow answers to the {@code report} query.
 *
 * @param target the target's name
 * @param outcome where it stands
 * @param revertCommit the commit the rollback made (the revert), empty when none
 * @param evidence what proves the outcome: the push's or the failure's words, the audit, secrets masked
 * @param startedAtMillis when it started (epoch milliseconds, workflow time), 0 when not started
 * @param endedAtMillis when it ended, 0 when not ended
 * @param approvedBy who approved, empty when nobody has
 * @param notification where its notification went, empty when none was sent
 * @param steps what each step and check did
 */
public record TargetReport(String target, TargetOutcome outcome, String revertCommit, String evidence,
    long startedAtMillis, long endedAtMillis, String approvedBy, String notification, List<StepRecord> steps) {

  /**
   * Checks and copies the fields.
   *
   * @param target see the record
   * @param outcome see the record
   * @param revertCommit see the record
   * @param evidence see the record
   * @param startedAtMillis see the record
   * @param endedAtMillis see the record
   * @param approvedBy see the record
   * @param notification see the record
   * @param steps see the record
   */
  public TargetReport {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(outcome, "outcome");
    revertCommit = revertCommit == null ? "" : revertCommit;
    evidence = evidence == null ? "" : evidence;
    approvedBy = approvedBy == null ? "" : approvedBy;
    notification = notification == null ? "" : notification;
    steps = List.copyOf(steps == null ? List.of() : steps);
  }

  /**
   * The row of a target that has not started.
   *
   * @param target the target's name
   * @param why why, as evidence ({@code waiting for its wave}, {@code left untouched: the fleet stopped})
   * @return the row
   */
  public static TargetReport notStarted(String target, String why) {
    return new TargetReport(target, TargetOutcome.NOT_STARTED, "", why, 0, 0, "", "", List.of());
  }

  /**
   * How long it ran.
   *
   * @return milliseconds; 0 when it has not ended
   */
  public long durationMillis() {
    return endedAtMillis > 0 && startedAtMillis > 0 ? endedAtMillis - startedAtMillis : 0;
  }
}
