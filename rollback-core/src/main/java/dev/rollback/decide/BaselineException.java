package dev.rollback.decide;

import dev.rollback.RollbackException;


/**
 * A baseline could not be read or recorded: its file does not exist, is not valid JSON, lacks the key or holds
 * something other than a number there, or a median has too few samples. The message names the file and key. A
 * condition compared with such a baseline is {@link Truth#UNKNOWN} with this message as the reason.
 */
public class BaselineException extends RollbackException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong, naming the file and key
   */
  public BaselineException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message what went wrong, naming the file and key
   * @param cause the underlying failure
   */
  public BaselineException(String message, Throwable cause) {
    super(message, cause);
  }
}
