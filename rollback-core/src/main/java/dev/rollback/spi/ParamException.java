package dev.rollback.spi;

import dev.rollback.RollbackException;

/**
 * A parameter a handler read is missing, not known yet, or not of its type; the message names the step, check or
 * signal, the parameter and the value (never a secret's: secrets are masked before they reach a message).
 */
public class ParamException extends RollbackException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the element and the parameter
   */
  public ParamException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what is wrong, naming the element and the parameter
   * @param cause why the value could not be read
   */
  public ParamException(String message, Throwable cause) {
    super(message, cause);
  }
}
