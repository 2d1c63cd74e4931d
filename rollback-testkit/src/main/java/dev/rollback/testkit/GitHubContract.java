package dev.rollback.testkit;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.testkit.internal.PathTemplates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * GitHub's own contract for the REST calls Rollback makes: the official OpenAPI description of api.github.com
 * (from {@code @octokit/openapi} 23.0.2, MIT), cut down to the 22 paths the library calls, bundled in this jar.
 *
 * <p>{@link FakeGitHub} checks every request it receives and every response it sends against it; tests and tools
 * can check their own exchanges too:
 *
 * <pre>{@code
 * List<String> problems = GitHubContract.github().checkRequest("POST",
 *     "/repos/o/r/actions/workflows/ci.yml/dispatches", "", Map.of(), "{}");
 * // ["POST /repos/o/r/actions/workflows/ci.yml/dispatches: Object has missing required properties ([\"ref\"])"]
 * }</pre>
 *
 * <p>Where the description is narrower than GitHub's documented behaviour for every operation, the check follows
 * the documentation, and only there:
 * <ul>
 *   <li>{@code Accept: application/vnd.github+json} (what GitHub recommends, and what github-api sends) is JSON;</li>
 *   <li>a {@code 304 Not Modified} without a body answers a conditional {@code GET} ({@code If-None-Match}) on any
 *       operation, since GitHub supports conditional requests everywhere but lists 304 on only some operations.</li>
 * </ul>
 * Two constructs of the description are beyond the validator, and are simplified when it is loaded: the
 * {@code workflow_id} path parameter, "an id or a workflow file name" ({@code oneOf} integer or string), is checked as
 * text, which both are in a path; and the {@code GET /user} response's {@code discriminator} on a property the schemas
 * do not require is dropped, leaving the {@code oneOf} of the private and the public user to decide. Everything else is
 * checked as described, including query parameters the description does not name.
 *
 * <p>The description takes a second or two to load; it is loaded once per JVM, on first use, and shared. Instances
 * are thread-safe.
 */
public final class GitHubContract {

  private static final String RESOURCE = "/dev/rollback/testkit/github/github-rest-subset.openapi.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpenApiInteractionValidator validator;
  private final PathTemplates paths;

  private GitHubContract(JsonNode description) {
    LevelResolver levels = LevelResolver.create()
        .withLoader(null)
        .withDefaultLevel(ValidationReport.Level.ERROR)
        // GitHub rejects parameters it does not know on some operations and ignores them on others: either way a
        // parameter the description does not name is a bug in the caller.
        .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
        .build();
    this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(description.toString())
        .withLevelResolver(levels)
        .build();
    this.paths = PathTemplates.of(description);
  }

  /**
   * The contract of the bundled GitHub REST description, loaded once per JVM.
   *
   * @return the shared contract
   */
  public static GitHubContract github() {
    return Holder.INSTANCE;
  }

  /**
   * The GitHub operation a request addresses, by its OpenAPI {@code operationId}, such as
   * {@code actions/cancel-workflow-run}.
   *
   * @param method the HTTP method
   * @param path the request path, without the query
   * @return the operation, or empty when the description has no such operation
   * @throws NullPointerException if an argument is null
   */
  public Optional<String> operationId(String method, String path) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    return paths.match(method, path).map(PathTemplates.Match::operationId);
  }

  /**
   * The ids of the operations the description has, such as {@code actions/cancel-workflow-run}.
   *
   * @return the operation ids
   */
  public java.util.Set<String> operationIds() {
    return paths.operationIds();
  }

  /**
   * Whether the description lists a response status for an operation.
   *
   * @param method the HTTP method
   * @param template the path template, such as {@code /repos/{owner}/{repo}/actions/runs/{run_id}}
   * @param status the status
   * @return {@code true} when the operation lists the status (or a {@code default} response)
   * @throws NullPointerException if an argument is null
   */
  public boolean documents(String method, String template, int status) {
    JsonNode responses = Holder.DESCRIPTION.path("paths").path(Objects.requireNonNull(template, "template"))
        .path(method.toLowerCase(Locale.ROOT)).path("responses");
    return responses.has(Integer.toString(status)) || responses.has("default");
  }

  /**
   * Checks a request against the description.
   *
   * @param method the HTTP method
   * @param path the path, without the query
   * @param query the raw query string, empty when none
   * @param headers the request headers
   * @param body the body, or null when the request has none
   * @return the violations, each a sentence naming the operation; empty when the request conforms
   * @throws NullPointerException if the method, path, query or headers are null
   */
  public List<String> checkRequest(String method, String path, String query, Map<String, List<String>> headers,
      String body) {
    Request request = request(method, path, query, headers, body);
    return messages(method + " " + path, validator.validateRequest(request));
  }

  /**
   * Checks a response against the description of the operation the request addressed.
   *
   * @param method the request's HTTP method
   * @param path the request's path
   * @param requestHeaders the request's headers (a conditional request may be answered with 304)
   * @param status the response status
   * @param headers the response headers
   * @param body the response body, or null when it has none
   * @return the violations; empty when the response conforms
   * @throws NullPointerException if the method, path or header maps are null
   */
  public List<String> checkResponse(String method, String path, Map<String, List<String>> requestHeaders, int status,
      Map<String, List<String>> headers, String body) {
    Objects.requireNonNull(requestHeaders, "requestHeaders");
    if (status == 304 && "GET".equalsIgnoreCase(method) && header(requestHeaders, "If-None-Match") != null) {
      return body == null || body.isEmpty() ? List.of()
          : List.of(method + " " + path + " -> 304: a Not Modified response must not have a body");
    }
    SimpleResponse.Builder response = new SimpleResponse.Builder(status);
    headers.forEach((k, v) -> response.withHeader(k, v));
    if (body != null && !body.isEmpty()) {
      response.withBody(body);
    }
    ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)),
        response.build());
    return messages(method + " " + path + " -> " + status, report);
  }

  private static Request request(String method, String path, String query, Map<String, List<String>> headers,
      String body) {
    Objects.requireNonNull(query, "query");
    SimpleRequest.Builder b = new SimpleRequest.Builder(Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), path);
    headers.forEach((name, values) -> {
      if (name.equalsIgnoreCase("Accept")) {
        b.withHeader(name, values.stream().map(GitHubContract::mediaType).collect(Collectors.toList()));
      } else {
        b.withHeader(name, values);
      }
    });
    if (!query.isEmpty()) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        b.withQueryParam(name, value);
      }
    }
    if (body != null && !body.isEmpty()) {
      b.withBody(body);
    }
    return b.build();
  }

  /** GitHub's own JSON media types, {@code application/vnd.github+json} and friends, are JSON. */
  private static String mediaType(String accept) {
    return accept.replaceAll("application/vnd\\.github(\\.[a-z0-9-]+)*(\\+json)?", "application/json");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  private static List<String> messages(String where, ValidationReport report) {
    List<String> out = new ArrayList<>();
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() == ValidationReport.Level.ERROR) {
        out.add(where + ": " + text(m) + " [" + m.getKey() + "]");
      }
    }
    return out;
  }

  private static String text(ValidationReport.Message m) {
    StringBuilder b = new StringBuilder(m.getMessage().replace('\n', ' '));
    m.getContext().flatMap(ValidationReport.MessageContext::getPointers)
        .ifPresent(p -> b.append(" (at ").append(p.getInstance().isEmpty() ? "/" : p.getInstance()).append(')'));
    for (ValidationReport.Message nested : m.getNestedMessages()) {
      b.append("; ").append(text(nested));
    }
    return b.toString();
  }

  /** The description as JSON, for the fake's example-based responses. */
  static JsonNode description() {
    return Holder.DESCRIPTION;
  }

  /** Simplifies the two constructs the validator cannot evaluate; see the class comment. */
  private static JsonNode simplified(JsonNode description) {
    ObjectNode workflowId = (ObjectNode) description.path("components").path("parameters").path("workflow-id");
    if (workflowId.has("schema")) {
      workflowId.set("schema", JSON.createObjectNode().put("type", "string"));
    }
    JsonNode user = description.path("paths").path("/user").path("get").path("responses").path("200").path("content")
        .path("application/json").path("schema");
    if (user instanceof ObjectNode) {
      ((ObjectNode) user).remove("discriminator");
    }
    return description;
  }

  private static final class Holder {
    static final JsonNode DESCRIPTION;
    static final GitHubContract INSTANCE;

    static {
      try (InputStream in = GitHubContract.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the GitHub OpenAPI description is missing from the classpath: " + RESOURCE);
        }
        DESCRIPTION = JSON.readTree(in);
        INSTANCE = new GitHubContract(simplified(DESCRIPTION.deepCopy()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the bundled GitHub OpenAPI description " + RESOURCE, e);
      }
    }
  }
}
