package dev.rollback.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What applying (or compensating) a step did: a one-line summary, the main value (bound by the step's
 * {@code .as(name)}), further named outputs (bound as {@code name.key}), and evidence of what was observed.
 *
 * <pre>{@code
 * return StepResult.of("reverted 1a2b3c4 as 5d6e7f8").withValue(newCommit).withEvidence("tree", treeId);
 * }</pre>
 *
 * @param summary what happened, in a line
 * @param value the main output, when the step has one
 * @param outputs further named outputs
 * @param evidence observations for the report
 */
public record StepResult(String summary, Optional<Object> value, Map<String, Object> outputs,
    Map<String, Object> evidence) {

  /**
   * Creates a result; values must be plain data (text, numbers, booleans, durations, instants, lists, maps).
   *
   * @param summary what happened
   * @param value the main output
   * @param outputs further outputs
   * @param evidence observations
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a value is not plain data
   */
  public StepResult {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(value, "value");
    value = value.map(v -> Results.plainValue("value", v));
    outputs = Results.plain("outputs", outputs);
    evidence = Results.plain("evidence", evidence);
  }

  /**
   * A result with a summary only.
   *
   * @param summary what happened
   * @return the result
   */
  public static StepResult of(String summary) {
    return new StepResult(summary, Optional.empty(), Map.of(), Map.of());
  }

  /**
   * The same result with a main output.
   *
   * @param value the value
   * @return the new result
   */
  public StepResult withValue(Object value) {
    return new StepResult(summary, Optional.of(value), outputs, evidence);
  }

  /**
   * The same result with one of the outputs its kind's {@link Contract} declares.
   *
   * @param output the output
   * @param v its value
   * @param <T> the output's type
   * @return the new result
   * @throws IllegalArgumentException if the value is not plain data
   */
  public <T> StepResult withOutput(Output<T> output, T v) {
    return withOutput(output.name(), v);
  }

  /**
   * The same result with one more named output.
   *
   * @param key the output's key
   * @param v its value
   * @return the new result
   */
  public StepResult withOutput(String key, Object v) {
    return new StepResult(summary, value, Results.with(outputs, "outputs", key, v), evidence);
  }

  /**
   * The same result with one more piece of evidence.
   *
   * @param key what was observed
   * @param v the observation
   * @return the new result
   */
  public StepResult withEvidence(String key, Object v) {
    return new StepResult(summary, value, outputs, Results.with(evidence, "evidence", key, v));
  }
}
