package dev.rollback;

import dev.rollback.decide.Truth;


/**
 * A signal could not be measured: a report file that is missing, empty or not well-formed, a pattern that matches
 * nothing, a command that failed. The message names the file, pattern or command. Conditions over the signal become
 * {@link Truth#UNKNOWN} with this message as the reason.
 */
public class SignalException extends RollbackException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong, naming the file, pattern or command
   */
  public SignalException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message what went wrong, naming the file, pattern or command
   * @param cause the underlying failure
   */
  public SignalException(String message, Throwable cause) {
    super(message, cause);
  }
}
