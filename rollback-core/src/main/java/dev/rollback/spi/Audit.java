package dev.rollback.spi;

import java.util.Map;
import java.util.Objects;

/**
 * What an adapter proved after a run, for the report's safety audit.
 *
 * @param adapter the adapter's name
 * @param passed whether the promise holds
 * @param summary what was checked and found, in a sentence
 * @param evidence the observations: counts, ids, backup refs
 */
public record Audit(String adapter, boolean passed, String summary, Map<String, Object> evidence) {

  /**
   * Creates an audit.
   *
   * @param adapter the adapter's name
   * @param passed whether the promise holds
   * @param summary what was checked and found
   * @param evidence the observations, plain data
   * @throws NullPointerException if an argument is null
   */
  public Audit {
    Objects.requireNonNull(adapter, "adapter");
    Objects.requireNonNull(summary, "summary");
    evidence = Results.plain("evidence", evidence);
  }
}
