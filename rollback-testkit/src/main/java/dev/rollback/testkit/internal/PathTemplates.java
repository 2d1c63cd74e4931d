package dev.rollback.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations of an OpenAPI description, found by method and concrete path: {@code GET /repos/o/r/actions/runs/5}
 * is {@code actions/get-workflow-run} with {@code run_id=5}. A template with more literal segments wins over one
 * with fewer, as in OpenAPI's own matching rules.
 */
public final class PathTemplates {

  /**
   * A matched operation.
   *
   * @param operationId the operation's id
   * @param template the path template, such as {@code /repos/{owner}/{repo}}
   * @param variables the path variables' values, decoded
   */
  public record Match(String operationId, String template, Map<String, String> variables) {}

  private record Template(String method, String path, String operationId, Pattern pattern, List<String> names,
      int literals) {}

  private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

  private final List<Template> templates;

  private PathTemplates(List<Template> templates) {
    this.templates = templates;
  }

  /**
   * Reads the operations of a description.
   *
   * @param description the OpenAPI description
   * @return the templates
   */
  public static PathTemplates of(JsonNode description) {
    List<Template> out = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = description.path("paths").properties().iterator();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> p = paths.next();
      Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().properties().iterator();
      while (ops.hasNext()) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (!op.getValue().has("operationId")) {
          continue;
        }
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder("^");
        Matcher m = VARIABLE.matcher(p.getKey());
        int last = 0;
        while (m.find()) {
          regex.append(Pattern.quote(p.getKey().substring(last, m.start()))).append("([^/]+)");
          names.add(m.group(1));
          last = m.end();
        }
        regex.append(Pattern.quote(p.getKey().substring(last))).append('$');
        int literals = (int) java.util.Arrays.stream(p.getKey().split("/"))
            .filter(s -> !s.isEmpty() && !s.startsWith("{")).count();
        out.add(new Template(op.getKey().toUpperCase(Locale.ROOT), p.getKey(),
            op.getValue().get("operationId").asText(), Pattern.compile(regex.toString()), names, literals));
      }
    }
    out.sort(Comparator.comparingInt(Template::literals).reversed());
    return new PathTemplates(List.copyOf(out));
  }

  /**
   * The ids of every operation.
   *
   * @return the ids, sorted
   */
  public java.util.Set<String> operationIds() {
    java.util.Set<String> ids = new java.util.TreeSet<>();
    templates.forEach(t -> ids.add(t.operationId()));
    return java.util.Collections.unmodifiableSet(ids);
  }

  /**
   * Finds the operation a request addresses.
   *
   * @param method the HTTP method
   * @param path the path, without the query
   * @return the operation and the path variables, or empty when the description has none
   */
  public Optional<Match> match(String method, String path) {
    String upper = method.toUpperCase(Locale.ROOT);
    for (Template t : templates) {
      if (!t.method().equals(upper)) {
        continue;
      }
      Matcher m = t.pattern().matcher(path);
      if (m.matches()) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < t.names().size(); i++) {
          vars.put(t.names().get(i), java.net.URLDecoder.decode(m.group(i + 1).replace("+", "%2B"),
              java.nio.charset.StandardCharsets.UTF_8));
        }
        return Optional.of(new Match(t.operationId(), t.path(), vars));
      }
    }
    return Optional.empty();
  }
}
