package dev.rollback;

/** When a message of the plan's communication is sent. */
public enum NotificationEvent {
  /** The rollback was approved and starts changing things. */
  ROLLBACK_STARTED,
  /** The rollback finished and was verified. */
  ROLLBACK_COMPLETED,
  /** The rollback failed (a stopped run, which can still be resumed, sends nothing until it ends). */
  ROLLBACK_FAILED,
  /** A recovery strategy finished and was validated. */
  RECOVERY_COMPLETED,
  /** A recovery strategy failed, or its validation did not pass (not while it is only stopped). */
  RECOVERY_FAILED,
  /** A monitoring rule raised an alert. */
  ALERT
}
