package dev.rollback.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a step would do: a one-line description with resolved arguments, details (the resulting tree, the
 * conflicting paths, a diffstat), warnings, and, when the handler can tell, why the step would fail.
 *
 * @param summary what the step would do, in a line
 * @param details what the handler computed without side effects
 * @param warnings things a person should know before running it
 * @param failure why the step would fail, when the handler can tell
 */
public record StepPreview(String summary, Map<String, Object> details, List<String> warnings,
    Optional<String> failure) {

  /**
   * Creates a preview.
   *
   * @param summary what the step would do
   * @param details plain data
   * @param warnings warnings
   * @param failure why it would fail
   * @throws NullPointerException if an argument is null
   */
  public StepPreview {
    Objects.requireNonNull(summary, "summary");
    details = Results.plain("details", details);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(failure, "failure");
  }

  /**
   * A preview with a summary only.
   *
   * @param summary what the step would do
   * @return the preview
   */
  public static StepPreview of(String summary) {
    return new StepPreview(summary, Map.of(), List.of(), Optional.empty());
  }

  /**
   * The same preview with one more detail.
   *
   * @param key the detail's name
   * @param value its value
   * @return the new preview
   */
  public StepPreview withDetail(String key, Object value) {
    return new StepPreview(summary, Results.with(details, "details", key, value), warnings, failure);
  }

  /**
   * The same preview with one more warning.
   *
   * @param warning the warning
   * @return the new preview
   */
  public StepPreview withWarning(String warning) {
    List<String> w = new java.util.ArrayList<>(warnings);
    w.add(warning);
    return new StepPreview(summary, details, w, failure);
  }

  /**
   * The same preview saying the step would fail.
   *
   * @param reason why
   * @return the new preview
   */
  public StepPreview wouldFail(String reason) {
    return new StepPreview(summary, details, warnings, Optional.of(reason));
  }
}
