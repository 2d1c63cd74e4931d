package dev.rollback.docker;

import dev.rollback.RollbackException;

/**
 * A Docker operation failed: the engine refused a request or answered with an error. The message names the
 * operation, the object (container, image, tag) and the engine's host.
 */
public class DockerEngineException extends RollbackException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, with the values involved
   */
  public DockerEngineException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what failed, with the values involved
   * @param cause the engine's or the transport's error
   */
  public DockerEngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
