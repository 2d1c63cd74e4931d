package dev.rollback.git;

import dev.rollback.RollbackException;

/**
 * A Git step, check or signal could not do what it was asked: an unknown or ambiguous commit, a path outside the
 * repository, an invalid branch name, a directory that is not a repository, a rejected push. The message names
 * what was wrong and the value; the repository is left as it was.
 */
public class GitException extends RollbackException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong, naming the value
   */
  public GitException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message what went wrong, naming the value
   * @param cause the underlying failure
   */
  public GitException(String message, Throwable cause) {
    super(message, cause);
  }
}
