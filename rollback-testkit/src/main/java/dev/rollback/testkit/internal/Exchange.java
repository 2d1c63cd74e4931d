package dev.rollback.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request to the fake, parsed: method, path, query, headers, body, and the operation it addresses.
 *
 * @param method the HTTP method
 * @param path the raw path
 * @param query the raw query, empty when none
 * @param headers the headers
 * @param body the body text, empty when none
 * @param match the operation, when the description has one for the path
 */
public record Exchange(String method, String path, String query, Map<String, List<String>> headers, String body,
    Optional<PathTemplates.Match> match) {

  /**
   * The query parameters, decoded.
   *
   * @return the parameters in their order
   */
  public Map<String, List<String>> params() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (!query.isEmpty()) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
    }
    return out;
  }

  /**
   * One query parameter.
   *
   * @param name the name
   * @return its first value
   */
  public Optional<String> param(String name) {
    List<String> v = params().get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /**
   * One header, by case-insensitive name.
   *
   * @param name the name
   * @return its first value
   */
  public Optional<String> header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return Optional.of(e.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  /**
   * A path variable.
   *
   * @param name the variable, such as {@code run_id}
   * @return its value
   */
  public String var(String name) {
    return match.map(m -> m.variables().get(name)).orElseThrow();
  }

  /**
   * The body as JSON.
   *
   * @return the JSON, an empty object when there is no body
   */
  public JsonNode json() {
    try {
      return body.isEmpty() ? Payloads.JSON.createObjectNode() : Payloads.JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("the request body is not JSON", e);
    }
  }
}
