package dev.rollback;

/** What the executor does when a step or a validation of a phase fails. */
public enum FailurePolicy {
  /** Stop the run where it is; report what ran and what did not. */
  HALT,
  /**
   * Undo the reversible steps applied so far, the failing phase's then the earlier phases', in reverse order, and
   * stop.
   */
  COMPENSATE,
  /** Record the failure and go on with the next phase. */
  CONTINUE
}
