package dev.rollback.run;

import dev.rollback.RollbackException;


/**
 * Another run of the same plan holds the lock on the same target: two executors never run one plan on one
 * target at once. The message names the plan, the target and the run holding the lock.
 */
public class RunLockedException extends RollbackException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which plan, target and run
   */
  public RunLockedException(String message) {
    super(message);
  }
}
