package dev.rollback.github.internal;

import dev.rollback.github.GitHubRateLimitException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Supplier;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.connector.GitHubConnectorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded handling of GitHub's rate limits, as github-api's {@link GitHubRateLimitHandler} and
 * {@link GitHubAbuseLimitHandler}: wait exactly as long as GitHub says ({@code Retry-After}, or until
 * {@code X-RateLimit-Reset}; for a secondary limit that says neither, a minute, as GitHub's documentation asks),
 * through the operation's sleeper, but only when the wait ends before the operation's deadline and within the
 * longest wait configured; otherwise fail at once with {@link GitHubRateLimitException}. github-api's own
 * {@code WAIT} handlers sleep until the reset, which can be an hour.
 */
public final class Limits {

  private static final Logger LOG = LoggerFactory.getLogger(Limits.class);
  /** GitHub's guidance when a secondary limit gives no Retry-After: wait at least a minute. */
  static final Duration SECONDARY_DEFAULT = Duration.ofSeconds(61);

  private final ThreadLocal<Budget> current = new ThreadLocal<>();
  private final Supplier<Budget> fallback;
  private final RateLimitHandler rate = new RateLimitHandler();
  private final AbuseLimitHandler abuse = new AbuseLimitHandler();

  /**
   * Creates the handlers.
   *
   * @param fallback the budget of calls made outside an operation (through the github-api client escape hatch)
   */
  public Limits(Supplier<Budget> fallback) {
    this.fallback = fallback;
  }

  /**
   * The primary rate-limit handler, installed in the adapter's github-api client and used by its own requests.
   *
   * @return the handler
   */
  public GitHubRateLimitHandler rateLimitHandler() {
    return rate;
  }

  /**
   * The secondary ("abuse") limit handler.
   *
   * @return the handler
   */
  public GitHubAbuseLimitHandler abuseLimitHandler() {
    return abuse;
  }

  /**
   * Runs a call with a budget the handlers wait within.
   *
   * @param budget the budget
   * @return a scope to close after the call
   */
  public AutoCloseable within(Budget budget) {
    Budget before = current.get();
    current.set(budget);
    return () -> {
      if (before == null) {
        current.remove();
      } else {
        current.set(before);
      }
    };
  }

  /**
   * Whether a response is GitHub's primary rate limit: 403 with {@code X-RateLimit-Remaining: 0}.
   *
   * @param r the response
   * @return {@code true} when it is
   */
  public static boolean isRateLimited(GitHubConnectorResponse r) {
    return r.statusCode() == 403 && "0".equals(r.header("X-RateLimit-Remaining"));
  }

  /**
   * Whether a response is a secondary limit: 429, or 403 with {@code Retry-After} or {@code gh-limited-by}.
   *
   * @param r the response
   * @return {@code true} when it is
   */
  public static boolean isSecondaryLimited(GitHubConnectorResponse r) {
    return r.statusCode() == 429
        || (r.statusCode() == 403 && (r.header("Retry-After") != null || r.header("gh-limited-by") != null));
  }

  /**
   * Whether an answer's message says it is a secondary limit, for a 403 or 429 that carries none of the limit's
   * headers: GitHub's documentation says such an answer comes with a message that says so.
   *
   * @param status the status
   * @param message GitHub's message
   * @return {@code true} when it is
   */
  public static boolean isSecondaryLimitMessage(int status, String message) {
    if (status != 403 && status != 429 || message == null) {
      return false;
    }
    String m = message.toLowerCase(java.util.Locale.ROOT);
    return m.contains("secondary rate limit") || m.contains("abuse detection");
  }

  private Budget budget() {
    Budget b = current.get();
    return b != null ? b : fallback.get();
  }

  private void waitOrFail(GitHubConnectorResponse r, Duration wait, String what) throws IOException {
    Budget b = budget();
    Instant now = b.now();
    Instant retryAt = now.plus(wait);
    String request = r.request().method() + " " + r.request().url().getPath();
    if (!b.allows(wait)) {
      throw new GitHubRateLimitException(r.statusCode(), what + " on " + request + ": GitHub allows calls again at "
          + retryAt + ", in " + seconds(wait) + ", after the deadline " + b.deadline().get() + "; not waiting",
          retryAt);
    }
    if (wait.compareTo(b.maxWait()) > 0) {
      throw new GitHubRateLimitException(r.statusCode(), what + " on " + request + ": GitHub allows calls again at "
          + retryAt + ", in " + seconds(wait) + ", longer than the longest wait configured (" + seconds(b.maxWait())
          + "); not waiting", retryAt);
    }
    LOG.info("{} on {}: waiting {} as GitHub asks", what, request, seconds(wait));
    try {
      b.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw (IOException) new InterruptedIOException("interrupted while waiting for GitHub's rate limit").initCause(e);
    }
  }

  private static String seconds(Duration d) {
    return d.getSeconds() + "s";
  }

  /** GitHub's idea of now: its {@code Date} header when plausible, else the operation's clock. */
  private Instant serverNow(GitHubConnectorResponse r) {
    Instant local = budget().now();
    return serverDate(r, local).orElse(local);
  }

  /** The most a {@code Date} header may differ from the local clock and still be trusted. */
  static final Duration PLAUSIBLE_SKEW = Duration.ofMinutes(10);

  /**
   * GitHub's clock from a response's {@code Date} header, when it is readable and within ten minutes of the local
   * clock: a stale copy from a proxy, or a clock that is far off, is not trusted.
   *
   * @param r the response
   * @param local the local clock's now
   * @return GitHub's now, to the second
   */
  static Optional<Instant> serverDate(GitHubConnectorResponse r, Instant local) {
    String date = r.header("Date");
    if (date == null) {
      return Optional.empty();
    }
    try {
      Instant server = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      if (Duration.between(local, server).abs().compareTo(PLAUSIBLE_SKEW) > 0) {
        LOG.debug("ignoring the Date header '{}': more than {} off the local clock", date, PLAUSIBLE_SKEW);
        return Optional.empty();
      }
      return Optional.of(server);
    } catch (RuntimeException e) {
      LOG.debug("unreadable Date header '{}'", date);
      return Optional.empty();
    }
  }

  Duration untilReset(GitHubConnectorResponse r) {
    Optional<Long> reset = number(r.header("X-RateLimit-Reset"));
    if (reset.isEmpty()) {
      return Duration.ofMinutes(1);
    }
    Duration d = Duration.between(serverNow(r), Instant.ofEpochSecond(reset.get()));
    return d.isNegative() || d.isZero() ? Duration.ofSeconds(1) : d;
  }

  Duration retryAfter(GitHubConnectorResponse r) {
    Optional<Long> s = number(r.header("Retry-After"));
    if (s.isPresent()) {
      return Duration.ofSeconds(Math.max(0, s.get()));
    }
    if ("0".equals(r.header("X-RateLimit-Remaining"))) {
      return untilReset(r);
    }
    return SECONDARY_DEFAULT;
  }

  private static Optional<Long> number(String s) {
    if (s == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(s.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private final class RateLimitHandler extends GitHubRateLimitHandler {
    @Override
    public void onError(GitHubConnectorResponse r) throws IOException {
      waitOrFail(r, untilReset(r), "GitHub's rate limit is exhausted");
    }
  }

  private final class AbuseLimitHandler extends GitHubAbuseLimitHandler {
    @Override
    public void onError(GitHubConnectorResponse r) throws IOException {
      waitOrFail(r, retryAfter(r), "GitHub's secondary rate limit (" + r.statusCode() + ") applies");
    }
  }
}
