package dev.rollback;

import java.util.Objects;

/**
 * A rule watched after a rollback: when the condition holds, an alert with the action text goes to the
 * notifiers, such as {@code ci_success_rate < 95%} → "Immediate investigation".
 *
 * @param name the rule's name, unique in the monitoring
 * @param condition when to alert
 * @param action what people should do, in words
 */
public record MonitoringRule(String name, Condition condition, String action) {

  /**
   * Creates a rule.
   *
   * @param name the rule's name
   * @param condition when to alert
   * @param action what people should do
   * @throws NullPointerException if an argument is null
   */
  public MonitoringRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(action, "action");
  }
}
