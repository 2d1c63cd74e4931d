package dev.rollback.temporal;

/** Where one target of a fleet stands. */
public enum TargetOutcome {
  /** Not started: waiting for its turn, or left untouched because the fleet stopped. */
  NOT_STARTED,
  /** Waiting for an approval. */
  WAITING_APPROVAL,
  /** Running. */
  RUNNING,
  /** The rollback succeeded. */
  SUCCEEDED,
  /** A step or check failed; what was applied stays (the phase asked to halt or go on). */
  FAILED,
  /** A step or check failed and the applied steps were compensated. */
  COMPENSATED,
  /** Aborted by a signal before it finished; the steps applied before stay. */
  ABORTED,
  /** The deadline passed before it was approved; nothing changed. */
  DEADLINE_MISSED;

  /**
   * Whether the target is done, one way or another.
   *
   * @return true unless it is waiting or running
   */
  public boolean finished() {
    return this != NOT_STARTED && this != WAITING_APPROVAL && this != RUNNING;
  }

  /**
   * Whether it counts as a failure for the fleet's failure share.
   *
   * @return true for failed and compensated
   */
  public boolean failed() {
    return this == FAILED || this == COMPENSATED;
  }
}
