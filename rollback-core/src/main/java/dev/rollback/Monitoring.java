package dev.rollback;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.immutables.value.Value;

/**
 * What to watch after a rollback, how often and for how long.
 *
 * <pre>{@code
 * monitoring()
 *     .every(Duration.ofMinutes(5))
 *     .forPeriod(Duration.ofHours(24))
 *     .metric(successRate, testTime)
 *     .alert(successRate.below(0.95), "Immediate investigation")
 * }</pre>
 */
@Value.Immutable
public abstract class Monitoring {

  Monitoring() {}

  /**
   * The signals recorded at each interval.
   *
   * @return the metrics
   */
  public abstract List<Signal> metrics();

  /**
   * The alert rules.
   *
   * @return the rules
   */
  public abstract List<MonitoringRule> rules();

  /**
   * How often the rules are evaluated.
   *
   * @return the interval; 5 minutes unless set
   */
  @Value.Default
  public Duration interval() {
    return Duration.ofMinutes(5);
  }

  /**
   * How long monitoring lasts after the rollback.
   *
   * @return the period; 24 hours unless set
   */
  @Value.Default
  public Duration period() {
    return Duration.ofHours(24);
  }

  /**
   * A builder; for copy-and-tweak use {@code Monitoring.builder().from(monitoring)}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "Monitoring[" + rules().size() + " rules every " + interval() + " for " + period() + "]";
  }

  /** Builds a {@link Monitoring}. */
  public static final class Builder extends ImmutableMonitoring.Builder {
    Builder() {}

    /**
     * Sets how often the rules are evaluated.
     *
     * @param interval the interval
     * @return this builder
     */
    public Builder every(Duration interval) {
      return interval(interval);
    }

    /**
     * Sets how long monitoring lasts.
     *
     * @param period the period
     * @return this builder
     */
    public Builder forPeriod(Duration period) {
      return period(period);
    }

    /**
     * Adds signals recorded at each interval.
     *
     * @param metrics the signals
     * @return this builder
     */
    public Builder metric(Signal... metrics) {
      return addAllMetrics(Arrays.asList(metrics));
    }

    /**
     * Adds an alert rule named after its action.
     *
     * @param condition when to alert
     * @param action what people should do
     * @return this builder
     */
    public Builder alert(Condition condition, String action) {
      return addRule(new MonitoringRule(action, condition, action));
    }

    /**
     * Adds a named alert rule.
     *
     * @param name the rule's name
     * @param condition when to alert
     * @param action what people should do
     * @return this builder
     */
    public Builder alert(String name, Condition condition, String action) {
      return addRule(new MonitoringRule(name, condition, action));
    }
  }
}
