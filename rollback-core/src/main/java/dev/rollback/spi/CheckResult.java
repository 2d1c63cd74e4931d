package dev.rollback.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a check: passed, failed or unknown, a one-line summary, the value it identified (bound by the
 * check's {@code .as(name)}), and evidence.
 *
 * @param status the outcome
 * @param summary what was found, in a line
 * @param value what the check identified, when it identifies something
 * @param evidence observations for the report
 */
public record CheckResult(Status status, String summary, Optional<Object> value, Map<String, Object> evidence) {

  /** Outcomes of a check. */
  public enum Status {
    /** The check holds. */
    PASSED,
    /** The check does not hold. */
    FAILED,
    /** There is not enough data to tell; never silently a pass or a fail. */
    UNKNOWN,
    /**
     * Not evaluated, because its adapter is unavailable and the run was asked to skip it
     * ({@link dev.rollback.run.RunOptions#withSkipUnavailable(String...)}); the summary says why. It neither passes nor
     * fails: the report shows it apart.
     */
    SKIPPED
  }

  /**
   * Creates a result.
   *
   * @param status the outcome
   * @param summary what was found
   * @param value the identified value
   * @param evidence observations, plain data
   * @throws NullPointerException if an argument is null
   */
  public CheckResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(value, "value");
    value = value.map(v -> Results.plainValue("value", v));
    evidence = Results.plain("evidence", evidence);
  }

  /**
   * A passing result.
   *
   * @param summary what was found
   * @return the result
   */
  public static CheckResult passed(String summary) {
    return new CheckResult(Status.PASSED, summary, Optional.empty(), Map.of());
  }

  /**
   * A failing result.
   *
   * @param summary what was found
   * @return the result
   */
  public static CheckResult failed(String summary) {
    return new CheckResult(Status.FAILED, summary, Optional.empty(), Map.of());
  }

  /**
   * A result for missing data.
   *
   * @param summary what is missing
   * @return the result
   */
  public static CheckResult unknown(String summary) {
    return new CheckResult(Status.UNKNOWN, summary, Optional.empty(), Map.of());
  }

  /**
   * Whether the check passed.
   *
   * @return {@code true} for {@link Status#PASSED}
   */
  public boolean passed() {
    return status == Status.PASSED;
  }

  /**
   * The same result with an identified value.
   *
   * @param v the value
   * @return the new result
   */
  public CheckResult withValue(Object v) {
    return new CheckResult(status, summary, Optional.of(v), evidence);
  }

  /**
   * The same result with one more piece of evidence.
   *
   * @param key what was observed
   * @param v the observation
   * @return the new result
   */
  public CheckResult withEvidence(String key, Object v) {
    return new CheckResult(status, summary, value, Results.with(evidence, "evidence", key, v));
  }
}
