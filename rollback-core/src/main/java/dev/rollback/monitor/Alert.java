package dev.rollback.monitor;

import dev.rollback.MonitoringRule;
import dev.rollback.decide.Evaluation;
import java.time.Instant;
import java.util.Objects;

/**
 * An alert raised by post-rollback {@link Monitor monitoring}: a rule started to hold, such as
 * {@code ci_success_rate < 95%} → "Immediate investigation", with the evaluation that showed it.
 *
 * @param rule the rule that holds
 * @param evaluation the evaluation of its condition, with the values
 * @param at when it was evaluated (the monitoring clock's time)
 */
public record Alert(MonitoringRule rule, Evaluation evaluation, Instant at) {

  /**
   * Creates an alert.
   *
   * @param rule the rule that holds
   * @param evaluation the evaluation of its condition
   * @param at when it was evaluated
   * @throws NullPointerException if an argument is null
   */
  public Alert {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(evaluation, "evaluation");
    Objects.requireNonNull(at, "at");
  }

  /**
   * What people should do, in the rule's words.
   *
   * @return the action, such as {@code Immediate investigation}
   */
  public String action() {
    return rule.action();
  }

  /**
   * The alert in a line for notifications: the action, then why.
   *
   * @return such as {@code Immediate investigation: ci_success_rate = 80% < 95%}
   */
  public String message() {
    return rule.action() + ": " + evaluation.explanation();
  }

  @Override
  public String toString() {
    return "Alert[" + rule.name() + " at " + at + ": " + evaluation.explanation() + "]";
  }
}
