package dev.rollback.testkit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One request {@link FakeGitHub} received, as its request log keeps it: never a token.
 *
 * @param at when it arrived, on the fake's clock
 * @param method the HTTP method
 * @param path the path, without the query
 * @param query the raw query string, empty when none
 * @param operationId GitHub's OpenAPI operation id, such as {@code actions/cancel-workflow-run}; empty when the
 *     description has no such operation
 * @param status the status answered; 0 when no answer was sent ({@link Fault#lostResponse()}), or not yet
 *     ({@link Fault#delayedResponse})
 * @param conditional whether the request carried {@code If-None-Match}
 * @param authenticated whether the request carried credentials (and the right token, when the fake requires one)
 * @param body the request body, empty when none
 */
public record RecordedRequest(Instant at, String method, String path, String query, Optional<String> operationId,
    int status, boolean conditional, boolean authenticated, String body) {

  /**
   * Creates a record.
   *
   * @param at when
   * @param method the method
   * @param path the path
   * @param query the query
   * @param operationId the operation
   * @param status the status
   * @param conditional whether conditional
   * @param authenticated whether authenticated
   * @param body the body
   * @throws NullPointerException if an argument is null
   */
  public RecordedRequest {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(body, "body");
  }

  /**
   * Whether this request addressed the operation.
   *
   * @param id an operation id, such as {@code actions/get-workflow-run}
   * @return {@code true} when it did
   */
  public boolean is(String id) {
    return operationId.map(id::equals).orElse(false);
  }

  /**
   * The request as a line: {@code GET /repos/o/r/actions/runs?per_page=10 -> 200}.
   *
   * @return the line
   */
  @Override
  public String toString() {
    return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " -> " + (status == 0 ? "no response" : status);
  }
}
