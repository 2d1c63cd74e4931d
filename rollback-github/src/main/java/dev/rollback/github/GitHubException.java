package dev.rollback.github;

import dev.rollback.RollbackException;

/**
 * A GitHub call failed: GitHub answered an error, or could not be reached. The message names the request (method
 * and path) and GitHub's own message; it never carries a token.
 */
public class GitHubException extends RollbackException {

  private static final long serialVersionUID = 1L;

  /** The HTTP status GitHub answered, or 0. */
  private final int status;

  /**
   * Creates an exception.
   *
   * @param status the HTTP status GitHub answered, or 0 when there was no answer
   * @param message what failed
   */
  public GitHubException(int status, String message) {
    super(message);
    this.status = status;
  }

  /**
   * Creates an exception with a cause.
   *
   * @param status the HTTP status GitHub answered, or 0 when there was no answer
   * @param message what failed
   * @param cause the underlying failure
   */
  public GitHubException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /**
   * The HTTP status GitHub answered.
   *
   * @return the status, or 0 when there was no answer
   */
  public int status() {
    return status;
  }
}
