package dev.rollback.temporal;

/** Where a fleet stands. */
public enum FleetState {
  /** Waiting for the approval signal. */
  WAITING_APPROVAL,
  /** Running targets. */
  RUNNING,
  /** Paused by a signal: running targets finish, no new one starts until resumed. */
  PAUSED,
  /** Every target succeeded. */
  SUCCEEDED,
  /** Every target ran; some failed, within the failure share allowed. */
  DONE_WITH_FAILURES,
  /** More than the allowed share of targets failed: the rest were not started. */
  STOPPED_TOO_MANY_FAILURES,
  /** The canary wave did not all succeed: the rest were not started. */
  STOPPED_AFTER_CANARY,
  /** Aborted by a signal: the targets not started were left untouched. */
  ABORTED,
  /** The deadline passed: before the approval (nothing changed), or before every target started. */
  DEADLINE_MISSED;

  /**
   * Whether the fleet has ended.
   *
   * @return true unless it waits, runs or is paused
   */
  public boolean finished() {
    return this != WAITING_APPROVAL && this != RUNNING && this != PAUSED;
  }
}
