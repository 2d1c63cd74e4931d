package dev.rollback.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A failure {@link FakeGitHub} answers with instead of the normal response, once, for the next request to an
 * operation: {@code fake.inject("actions/list-workflow-runs", Fault.status(500))} makes the next listing fail with 500
 * and the one after succeed.
 *
 * <p>Faults are GitHub's documented behaviour on any operation (server errors, the primary rate limit, secondary
 * limits), so their responses are not checked against each operation's listed statuses. The request that triggers a
 * fault is still checked against the contract.
 */
public final class Fault {

  /** What kind of failure. */
  public enum Kind {
    /** An error status with GitHub's error body; the request is not processed. */
    STATUS,
    /** The primary rate limit: 403 with {@code X-RateLimit-Remaining: 0} and the reset time. */
    RATE_LIMITED,
    /** A secondary limit: 403 with GitHub's message, and {@code Retry-After} unless it is one without. */
    SECONDARY_LIMIT,
    /** Too many requests: 429 with {@code Retry-After}. */
    TOO_MANY_REQUESTS,
    /** The request is processed, then the connection closes without an answer. */
    LOST_RESPONSE,
    /** The request is processed, then the answer comes only after a delay, in real time. */
    DELAYED_RESPONSE,
    /**
     * The request is processed, then the status, the headers and the first half of the body are sent, and the rest
     * only after a stall, in real time.
     */
    STALLED_BODY,
    /** An error status whose message quotes the request's headers, as a misconfigured proxy answers. */
    ECHOED_HEADERS
  }

  private final Kind kind;
  private final int status;
  private final Instant reset;
  private final Duration retryAfter;

  private Fault(Kind kind, int status, Instant reset, Duration retryAfter) {
    this.kind = kind;
    this.status = status;
    this.reset = reset;
    this.retryAfter = retryAfter;
  }

  /**
   * An error status, such as 500 or 502, with GitHub's error body; nothing is processed.
   *
   * @param status the status, 400 to 599
   * @return the fault
   * @throws IllegalArgumentException if the status is not an error
   */
  public static Fault status(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a fault's status must be an error status (400 to 599), was " + status);
    }
    return new Fault(Kind.STATUS, status, null, null);
  }

  /**
   * GitHub's primary rate limit: 403 with {@code X-RateLimit-Remaining: 0} and {@code X-RateLimit-Reset} at the
   * given time.
   *
   * @param reset when the limit resets
   * @return the fault
   * @throws NullPointerException if {@code reset} is null
   */
  public static Fault rateLimited(Instant reset) {
    return new Fault(Kind.RATE_LIMITED, 403, Objects.requireNonNull(reset, "reset"), null);
  }

  /**
   * A secondary rate limit: 403 with {@code Retry-After}.
   *
   * @param retryAfter the wait GitHub asks for, in whole seconds
   * @return the fault
   * @throws IllegalArgumentException if the wait is negative
   */
  public static Fault secondaryLimit(Duration retryAfter) {
    return new Fault(Kind.SECONDARY_LIMIT, 403, null, wait(retryAfter));
  }

  /**
   * A secondary rate limit without {@code Retry-After}: 403 with GitHub's message only, which GitHub's documentation
   * says to answer by waiting at least a minute.
   *
   * @return the fault
   */
  public static Fault secondaryLimit() {
    return new Fault(Kind.SECONDARY_LIMIT, 403, null, null);
  }

  /**
   * Too many requests: 429 with {@code Retry-After}.
   *
   * @param retryAfter the wait GitHub asks for, in whole seconds
   * @return the fault
   * @throws IllegalArgumentException if the wait is negative
   */
  public static Fault tooManyRequests(Duration retryAfter) {
    return new Fault(Kind.TOO_MANY_REQUESTS, 429, null, wait(retryAfter));
  }

  /**
   * The request is processed (a dispatch creates its run, a cancel cancels), then the connection closes without an
   * answer: what a client sees when the response is lost in the network or a proxy gives up. The client learns at
   * once that it has no answer, so tests need no short timeouts.
   *
   * @return the fault
   */
  public static Fault lostResponse() {
    return new Fault(Kind.LOST_RESPONSE, 0, null, null);
  }

  /**
   * The request is processed, then the answer waits this long, in real time, before it is sent: for testing a
   * client's own timeout, which fires first when it is shorter. The fake's clock does not move.
   *
   * @param delay how long to hold the answer back
   * @return the fault
   * @throws IllegalArgumentException if the delay is negative
   */
  public static Fault delayedResponse(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a delay cannot be negative, was " + delay);
    }
    return new Fault(Kind.DELAYED_RESPONSE, 0, null, delay);
  }

  /**
   * The request is processed (a dispatch creates its run), then the status, the headers (with the whole body's
   * {@code Content-Length}) and the first half of the body are sent at once, and the rest only after a stall, in real
   * time: what a client sees from a stalled proxy or network, for testing that its timeout covers the whole
   * exchange and not only the wait for the headers. An answer without a body is held back whole. The fake's clock
   * does not move; closing the fake ends the stall.
   *
   * @param stall how long the body stalls
   * @return the fault
   * @throws IllegalArgumentException if the stall is negative
   */
  public static Fault stalledBody(Duration stall) {
    Objects.requireNonNull(stall, "stall");
    if (stall.isNegative()) {
      throw new IllegalArgumentException("a stall cannot be negative, was " + stall);
    }
    return new Fault(Kind.STALLED_BODY, 0, null, stall);
  }

  /**
   * An error status whose message quotes every header of the request, {@code Authorization} included, as a
   * misconfigured proxy or server answers: for testing that a client never copies a credential into its errors or
   * logs.
   *
   * @param status the status, 400 to 599
   * @return the fault
   * @throws IllegalArgumentException if the status is not an error
   */
  public static Fault echoedHeaders(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a fault's status must be an error status (400 to 599), was " + status);
    }
    return new Fault(Kind.ECHOED_HEADERS, status, null, null);
  }

  private static Duration wait(Duration d) {
    Objects.requireNonNull(d, "retryAfter");
    if (d.isNegative()) {
      throw new IllegalArgumentException("Retry-After cannot be negative, was " + d);
    }
    return d;
  }

  /**
   * The kind of failure.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The status answered; 0 when the normal answer is lost, delayed or stalled.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * When the rate limit resets, for {@link Kind#RATE_LIMITED}.
   *
   * @return the reset time, or null
   */
  public Instant reset() {
    return reset;
  }

  /**
   * The wait asked for, for {@link Kind#SECONDARY_LIMIT} (null when it asks none) and {@link Kind#TOO_MANY_REQUESTS};
   * the delay, for {@link Kind#DELAYED_RESPONSE}; the stall, for {@link Kind#STALLED_BODY}.
   *
   * @return the wait, or null
   */
  public Duration retryAfter() {
    return retryAfter;
  }

  @Override
  public String toString() {
    switch (kind) {
      case STATUS:
        return "Fault[" + status + "]";
      case RATE_LIMITED:
        return "Fault[403 rate limited until " + reset + "]";
      case SECONDARY_LIMIT:
      case TOO_MANY_REQUESTS:
        return "Fault[" + status + (retryAfter == null ? " secondary limit without Retry-After]"
            : " retry after " + retryAfter.getSeconds() + "s]");
      case DELAYED_RESPONSE:
        return "Fault[answer delayed " + retryAfter.toMillis() + " ms]";
      case STALLED_BODY:
        return "Fault[body stalled " + retryAfter.toMillis() + " ms]";
      case ECHOED_HEADERS:
        return "Fault[" + status + " echoing the request's headers]";
      default:
        return "Fault[lost response]";
    }
  }
}
