package dev.rollback.monitor;

import dev.rollback.MonitoringRule;
import dev.rollback.decide.Evaluation;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Monitor} saw over its period: how many times it evaluated the rules, the alerts it raised, and per
 * rule how often it held, did not hold, or could not be evaluated (so missing data over the period shows).
 */
public final class MonitorReport {

  /**
   * One rule's record over the period.
   *
   * @param rule the rule
   * @param heldTicks intervals at which its condition was true
   * @param clearTicks intervals at which it was false
   * @param unknownTicks intervals at which it could not be evaluated
   * @param alerts alerts it raised
   * @param last its last evaluation, when it was evaluated at all
   */
  public record RuleRecord(MonitoringRule rule, int heldTicks, int clearTicks, int unknownTicks, int alerts,
      Optional<Evaluation> last) {
    /**
     * Creates a rule's record.
     *
     * @param rule the rule
     * @param heldTicks intervals at which it held
     * @param clearTicks intervals at which it did not hold
     * @param unknownTicks intervals at which it was unknown
     * @param alerts alerts it raised
     * @param last its last evaluation
     * @throws NullPointerException if the rule or {@code last} is null
     */
    public RuleRecord {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(last, "last");
    }
  }

  private final Instant startedAt;
  private final Instant endedAt;
  private final int ticks;
  private final boolean cancelled;
  private final List<Alert> alerts;
  private final Map<String, RuleRecord> rules;

  MonitorReport(Instant startedAt, Instant endedAt, int ticks, boolean cancelled, List<Alert> alerts,
      Map<String, RuleRecord> rules) {
    this.startedAt = startedAt;
    this.endedAt = endedAt;
    this.ticks = ticks;
    this.cancelled = cancelled;
    this.alerts = List.copyOf(alerts);
    this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
  }

  /**
   * When monitoring started.
   *
   * @return the instant
   */
  public Instant startedAt() {
    return startedAt;
  }

  /**
   * When monitoring ended: the end of the period, or when it was cancelled.
   *
   * @return the instant
   */
  public Instant endedAt() {
    return endedAt;
  }

  /**
   * How many times the rules were evaluated.
   *
   * @return the number of intervals
   */
  public int ticks() {
    return ticks;
  }

  /**
   * Whether monitoring was cancelled before the end of its period.
   *
   * @return {@code true} when cancelled
   */
  public boolean cancelled() {
    return cancelled;
  }

  /**
   * The alerts raised, in order.
   *
   * @return the alerts
   */
  public List<Alert> alerts() {
    return alerts;
  }

  /**
   * Each rule's record, by rule name, in the monitoring's order.
   *
   * @return the records
   */
  public Map<String, RuleRecord> rules() {
    return rules;
  }

  @Override
  public String toString() {
    return "MonitorReport[" + ticks + " intervals from " + startedAt + " to " + endedAt
        + (cancelled ? " (cancelled)" : "") + ", " + alerts.size() + " alerts]";
  }
}
