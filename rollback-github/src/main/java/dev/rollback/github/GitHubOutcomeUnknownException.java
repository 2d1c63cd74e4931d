package dev.rollback.github;

/**
 * A request that changes something (a dispatch, a cancel, a comment) may or may not have taken effect: the
 * connection broke or timed out after it was sent, or GitHub answered a server error. The adapter never sends such a
 * request again on its own; the steps look at GitHub to find out what happened instead (a dispatch looks for the run
 * it may have created).
 */
public final class GitHubOutcomeUnknownException extends GitHubException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param status the status GitHub answered, or 0 when there was no answer
   * @param message what was sent and what happened
   * @param cause the underlying failure, may be null
   */
  public GitHubOutcomeUnknownException(int status, String message, Throwable cause) {
    super(status, message, cause);
  }
}
