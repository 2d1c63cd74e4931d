package dev.rollback;

import java.util.Objects;

/**
 * A named reason to consider a rollback, such as "Performance degradation &gt; 50% from baseline", with the
 * condition over signals that detects it. Severity levels refer to triggers with {@link Condition#trigger}.
 *
 * @param name the trigger's name, unique in the plan
 * @param description the trigger in the runbook's words
 * @param condition what detects it
 */
public record Trigger(String name, String description, Condition condition) {

  /**
   * Creates a trigger.
   *
   * @param name the trigger's name
   * @param description the trigger in words
   * @param condition what detects it
   * @throws NullPointerException if an argument is null
   */
  public Trigger {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(condition, "condition");
  }
}
