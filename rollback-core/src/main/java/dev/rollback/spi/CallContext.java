package dev.rollback.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler, evaluator or source is given: the element's parameters with references, templates and secrets
 * resolved, and the run.
 *
 * <p>In a preview, a parameter that refers to an output of a step that has not run yet resolves to an
 * {@link Unresolved} value; {@link #isResolved(String)} tells. Handlers read their parameters through their kind's
 * {@link Contract}: {@code COMMIT.read(ctx)}.
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
   * A required parameter as text; a kind's {@link Param}s read their parameters typed ({@link Param#read}).
   *
   * @param key the parameter's name
   * @return the text
   * @throws ParamException when the element lacks the parameter or its value is not known yet
   */
  default String string(String key) {
    return Param.string(key).read(this);
  }

  /**
   * A parameter as a list of text; a single value is a list of one.
   *
   * @param key the parameter's name
   * @return the texts; empty when the element lacks the parameter
   * @throws ParamException when its value is not known yet
   */
  default List<String> strings(String key) {
    return Param.strings(key).optional(this).orElse(List.of());
  }
}
