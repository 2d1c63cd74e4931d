package dev.rollback.github.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which runs to read, from a call's resolved parameters {@code workflow}, {@code branch}, {@code event}: GitHub
 * filters them itself, so one request returns only matching runs.
 *
 * @param workflow the workflow's file name or id, or null for all
 * @param branch the branch, or null
 * @param event the event, or null
 */
public record RunQuery(String workflow, String branch, String event) {

  /**
   * The query of a call's parameters.
   *
   * @param params the resolved parameters
   * @return the query
   */
  public static RunQuery of(Map<String, Object> params) {
    return new RunQuery(text(params.get("workflow")), text(params.get("branch")), text(params.get("event")));
  }

  private static String text(Object o) {
    return o == null ? null : String.valueOf(o);
  }

  /**
   * GitHub's filters.
   *
   * @return {@code branch} and {@code event}, when set
   */
  public Map<String, String> filters() {
    Map<String, String> f = new LinkedHashMap<>();
    if (branch != null) {
      f.put("branch", branch);
    }
    if (event != null) {
      f.put("event", event);
    }
    return f;
  }

  String key() {
    return workflow + "|" + branch + "|" + event;
  }

  /**
   * The query in words.
   *
   * @return such as {@code ci.yml on main}
   */
  public String describe() {
    return (workflow == null ? "all workflows" : workflow) + (branch == null ? "" : " on " + branch)
        + (event == null ? "" : " (" + event + ")");
  }
}
