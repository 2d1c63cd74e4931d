package dev.rollback.report;

import dev.rollback.FailurePolicy;
import dev.rollback.run.RunOptions;


/** How a run ended. */
public enum RunStatus {
  /** The procedure ran to the end and the verification passed. */
  SUCCEEDED,
  /** The procedure ran to the end but a verification or health check did not pass. */
  VERIFICATION_FAILED,
  /** A phase failed under {@link FailurePolicy#CONTINUE}; the later phases ran. */
  COMPLETED_WITH_FAILURES,
  /** A phase failed under {@link FailurePolicy#HALT}; nothing more ran. */
  HALTED,
  /** A phase failed under {@link FailurePolicy#COMPENSATE} and the applied reversible steps were undone. */
  COMPENSATED,
  /** A phase failed under {@link FailurePolicy#COMPENSATE} and an undo failed; the report lists what remains. */
  COMPENSATION_FAILED,
  /** An approval was denied or expired; nothing changed. */
  NOT_APPROVED,
  /** The readiness checklist did not pass; nothing changed. */
  NOT_READY,
  /** The run stopped after preparation, as asked; nothing changed. */
  PREPARED,
  /** No severity calls for a rollback (none holds, or the one that holds says fix forward); nothing changed. */
  NO_ROLLBACK,
  /**
   * The decision matrix could not decide: a severity level's condition depended on a signal (or a baseline) that is
   * unknown, so the situation may be more severe than the levels known to hold, or than no rollback at all. Nothing
   * changed; the summary names the signal and why it is unknown ({@code undecided because signal coverage is
   * unknown: ...}). Measure it again once the cause is fixed, or choose the severity by hand
   * ({@link RunOptions#withSeverity}). Never a success: the launcher exits 3.
   */
  UNDECIDED,
  /**
   * The run could not go on safely: an adapter could not start, a resumed step's outcome is unknown, a step did
   * not stop after its timeout. The report says why and what ran.
   */
  STOPPED
}
