package dev.rollback;

/** When a message of the plan's communication is sent. */
public enum NotificationEvent {
  /** The rollback was approved and starts changing things. */
  ROLLBACK_STARTED,
  /** The rollback finished and was verified. */
  ROLLBACK_COMPLETED,
  /** The rollback failed or was stopped. */
  ROLLBACK_FAILED,
  /** A recovery strategy finished and was validated. */
  RECOVERY_COMPLETED,
  /** A recovery strategy failed, or its validation did not pass. */
  RECOVERY_FAILED,
  /** A monitoring rule raised an alert. */
  ALERT
}
