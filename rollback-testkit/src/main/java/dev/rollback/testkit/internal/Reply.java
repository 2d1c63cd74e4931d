package dev.rollback.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response the fake is about to send.
 *
 * @param status the status
 * @param headers extra headers
 * @param body the body, or null for none
 * @param generic whether it is one of GitHub's generic error responses (an unknown repository, a fault), which the
 *     description does not list on every operation
 */
public record Reply(int status, Map<String, String> headers, JsonNode body, boolean generic) {

  /**
   * A JSON response.
   *
   * @param status the status
   * @param body the body
   * @return the reply
   */
  public static Reply json(int status, JsonNode body) {
    return new Reply(status, new LinkedHashMap<>(), body, false);
  }

  /**
   * A response without a body.
   *
   * @param status the status
   * @return the reply
   */
  public static Reply empty(int status) {
    return new Reply(status, new LinkedHashMap<>(), null, false);
  }

  /**
   * One of the error responses the operation documents.
   *
   * @param status the status
   * @param message GitHub's message
   * @return the reply
   */
  public static Reply error(int status, String message) {
    return new Reply(status, new LinkedHashMap<>(), Payloads.error(message, status), false);
  }

  /**
   * GitHub's 422 for a request it understood but refuses.
   *
   * @param resource what was refused
   * @param detail why
   * @return the reply
   */
  public static Reply validationFailed(String resource, String detail) {
    return new Reply(422, new LinkedHashMap<>(), Payloads.validationFailed(resource, detail), false);
  }

  /**
   * A generic error GitHub answers on any operation (404 for an unknown repository, 5xx, limits).
   *
   * @param status the status
   * @param message GitHub's message
   * @return the reply
   */
  public static Reply generic(int status, String message) {
    return new Reply(status, new LinkedHashMap<>(), Payloads.error(message, status), true);
  }

  /**
   * The same reply with one more header.
   *
   * @param name the header
   * @param value its value
   * @return this reply
   */
  public Reply with(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
