package dev.rollback.github;

import java.time.Instant;
import java.util.Optional;

/**
 * GitHub's rate limit (primary or secondary) is exhausted, and waiting for it would pass the run's deadline or the
 * adapter's longest wait, so the call failed at once instead of sleeping.
 */
public final class GitHubRateLimitException extends GitHubException {

  private static final long serialVersionUID = 1L;

  private final transient Instant retryAt;

  /**
   * Creates the exception.
   *
   * @param status the status GitHub answered (403 or 429)
   * @param message what was refused and why waiting is not possible
   * @param retryAt when GitHub allows calls again
   */
  public GitHubRateLimitException(int status, String message, Instant retryAt) {
    super(status, message);
    this.retryAt = retryAt;
  }

  /**
   * When GitHub allows calls again.
   *
   * @return the time, when GitHub said
   */
  public Optional<Instant> retryAt() {
    return Optional.ofNullable(retryAt);
  }
}
