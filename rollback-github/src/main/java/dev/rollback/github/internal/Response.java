package dev.rollback.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.github.GitHubException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub's answer to one of the adapter's requests.
 *
 * @param request the request, as {@code METHOD /path}
 * @param status the status; 200 for a 304 answered from the adapter's copy
 * @param headers the headers
 * @param body the JSON body, or null when there is none
 * @param notModified whether GitHub answered 304 and the body is the adapter's copy
 */
public record Response(String request, int status, Map<String, List<String>> headers, JsonNode body,
    boolean notModified) {

  /**
   * Whether GitHub answered 2xx.
   *
   * @return {@code true} for success
   */
  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /**
   * A header.
   *
   * @param name the name, any case
   * @return its first value
   */
  public Optional<String> header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return Optional.of(e.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  /**
   * GitHub's error message.
   *
   * @return the message, or empty
   */
  public String message() {
    if (body == null) {
      return "";
    }
    StringBuilder m = new StringBuilder(body.path("message").asText(""));
    body.path("errors").forEach(e -> {
      String detail = e.isTextual() ? e.asText() : e.path("message").asText(e.path("code").asText(""));
      if (!detail.isEmpty()) {
        m.append(m.length() == 0 ? "" : "; ").append(detail);
      }
    });
    return m.toString();
  }

  /**
   * This response, when it is a success.
   *
   * @param what what the request was for, in words, such as {@code list the runs of ci.yml}
   * @return this response
   * @throws GitHubException naming the request, the status and GitHub's message otherwise
   */
  public Response require(String what) {
    if (!ok()) {
      throw new GitHubException(status, "cannot " + what + ": GitHub answered " + status + " to " + request
          + (message().isEmpty() ? "" : ": " + message()) + (status == 401 ? "; GitHub refused the token (wrong,"
          + " expired or revoked): give a valid one (the launcher reads GITHUB_TOKEN)" : ""));
    }
    return this;
  }
}
