package dev.rollback.run;

import dev.rollback.RollbackException;


/**
 * The journal could not be written or read, or does not belong to the plan given: a run without a journal it can
 * trust stops, and a resume refuses to start. The message names the journal and what was wrong with it.
 */
public class JournalException extends RollbackException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, naming the journal
   */
  public JournalException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what was wrong, naming the journal
   * @param cause the underlying failure
   */
  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }
}
