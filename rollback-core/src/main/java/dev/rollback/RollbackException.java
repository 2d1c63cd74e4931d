package dev.rollback;

/**
 * The root of the exceptions Rollback throws. Messages name what was wrong and never carry a secret's value.
 */
public class RollbackException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong
   */
  public RollbackException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public RollbackException(String message, Throwable cause) {
    super(message, cause);
  }
}
