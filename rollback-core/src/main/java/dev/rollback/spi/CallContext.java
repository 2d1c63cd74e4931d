package dev.rollback.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler, evaluator or source is given: the element's parameters with references, templates and secrets
 * resolved, and the run.
 *
 * <p>In a preview, a parameter that refers to an output of a step that has not run yet resolves to an
 * {@link Unresolved} value; {@link #isResolved(String)} tells.
 */
public interface CallContext {

  /**
   * The run this call belongs to.
   *
   * @return the run
   */
  RunContext run();

  /**
   * The resolved parameters: {@code Ref}s replaced by output values, {@code Template}s filled, {@code Secret}s by
   * their values (registered for redaction), {@code RepoPath} and {@code RefName} by their text.
   *
   * @return the parameters
   */
  Map<String, Object> params();

  /**
   * Whether a parameter is known now: false in a preview for a reference to a step that has not run.
   *
   * @param key the parameter's name
   * @return whether its value is resolved
   */
  boolean isResolved(String key);

  /**
   * A resolved parameter.
   *
   * @param key the parameter's name
   * @return the value, when the element has it
   */
  default Optional<Object> param(String key) {
    return Optional.ofNullable(params().get(key));
  }

  /**
   * A required parameter as text.
   *
   * @param key the parameter's name
   * @return the text
   * @throws IllegalArgumentException when the element lacks the parameter
   */
  default String string(String key) {
    return String.valueOf(param(key).orElseThrow(() -> new IllegalArgumentException("missing parameter '" + key + "'")));
  }

  /**
   * A parameter as a list of text.
   *
   * @param key the parameter's name
   * @return the texts; empty when the element lacks the parameter
   */
  default List<String> strings(String key) {
    Object v = params().get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List) {
      return ((List<?>) v).stream().map(String::valueOf).collect(java.util.stream.Collectors.toList());
    }
    return List.of(String.valueOf(v));
  }
}
