package dev.rollback;

import dev.rollback.internal.Params;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * A measurement to take, as a value: what to measure ({@link #kind()} and {@link #params()}), in which
 * {@link #unit()}. A {@code SignalSource} registered for the kind measures it; conditions compare it with
 * thresholds and baselines.
 *
 * <pre>{@code
 * Signal successRate = GitHubSignals.successRate(workflow("ci.yml"), lastRuns(10)).named("ci_success_rate");
 * Condition unreliable = successRate.below(0.95);
 * }</pre>
 *
 * <p>Two equal signals are measured once per assessment, however many conditions use them.
 */
@Value.Immutable(lazyhash = true) // signals are keys of sets and maps (assessment, snapshots): hash the params once
public abstract class Signal {

  Signal() {}

  /**
   * What kind of measurement, namespaced by the adapter that measures it: {@code github.successRate},
   * {@code core.commandNumber}.
   *
   * @return the kind
   */
  public abstract String kind();

  /**
   * The measurement's parameters: plain data, {@link Arg}s included.
   *
   * @return the parameters in their declared order
   */
  public abstract Map<String, Object> params();

  /**
   * The unit of the measured value.
   *
   * @return the unit; {@link Unit#NUMBER} unless set
   */
  @Value.Default
  public Unit unit() {
    return Unit.NUMBER;
  }

  /**
   * The short name people use for this signal in rules and reports, such as {@code ci_success_rate}.
   *
   * @return the name, when one was given
   */
  public abstract Optional<String> name();

  /**
   * How the signal reads in explanations, such as {@code ci.successRate(ci.yml, last 10)}.
   *
   * @return the label; the kind and parameter values unless set
   */
  @Value.Default
  public String label() {
    return kind() + "(" + params().values().stream().map(Params::show).collect(Collectors.joining(", ")) + ")";
  }

  /**
   * The name when there is one, else the label.
   *
   * @return what to call this signal
   */
  public String displayName() {
    return name().orElse(label());
  }

  /**
   * Creates a signal.
   *
   * @param kind what kind of measurement
   * @param unit the unit of its value
   * @param label how it reads in explanations
   * @param params its parameters
   * @return the signal
   * @throws IllegalArgumentException if a parameter is not plain data
   */
  public static Signal of(String kind, Unit unit, String label, Map<String, ?> params) {
    return ImmutableSignal.builder().kind(kind).unit(unit).label(label)
        .putAllParams(Params.plainCopy("signal " + kind, params)).build();
  }

  /**
   * The same signal with a short name.
   *
   * @param name the name, such as {@code ci_success_rate}
   * @return the named signal
   */
  public Signal named(String name) {
    return self().withName(name);
  }

  /**
   * The condition "this signal is below the value".
   *
   * @param value the threshold, in this signal's unit
   * @return the condition
   */
  public Condition below(double value) {
    return compare(Condition.Operator.LT, Threshold.of(value));
  }

  /**
   * The condition "this signal is at most the value".
   *
   * @param value the threshold, in this signal's unit
   * @return the condition
   */
  public Condition atMost(double value) {
    return compare(Condition.Operator.LE, Threshold.of(value));
  }

  /**
   * The condition "this signal is above the value".
   *
   * @param value the threshold, in this signal's unit
   * @return the condition
   */
  public Condition above(double value) {
    return compare(Condition.Operator.GT, Threshold.of(value));
  }

  /**
   * The condition "this signal is at least the value".
   *
   * @param value the threshold, in this signal's unit
   * @return the condition
   */
  public Condition atLeast(double value) {
    return compare(Condition.Operator.GE, Threshold.of(value));
  }

  /**
   * The condition "this signal equals the value".
   *
   * @param value the value, in this signal's unit
   * @return the condition
   */
  public Condition equalTo(double value) {
    return compare(Condition.Operator.EQ, Threshold.of(value));
  }

  /**
   * The condition "this signal is below the threshold", for a threshold relative to a baseline.
   *
   * @param threshold the threshold
   * @return the condition
   */
  public Condition below(Threshold threshold) {
    return compare(Condition.Operator.LT, threshold);
  }

  /**
   * The condition "this signal is at most the threshold".
   *
   * @param threshold the threshold
   * @return the condition
   */
  public Condition atMost(Threshold threshold) {
    return compare(Condition.Operator.LE, threshold);
  }

  /**
   * The condition "this signal is above the threshold", for example
   * {@code testTime.above(baseline.plusPercent(50))}: more than 50% worse than the baseline.
   *
   * @param threshold the threshold
   * @return the condition
   */
  public Condition above(Threshold threshold) {
    return compare(Condition.Operator.GT, threshold);
  }

  /**
   * The condition "this signal is at least the threshold".
   *
   * @param threshold the threshold
   * @return the condition
   */
  public Condition atLeast(Threshold threshold) {
    return compare(Condition.Operator.GE, threshold);
  }

  /**
   * The condition comparing this signal with a threshold.
   *
   * @param operator how to compare
   * @param threshold the threshold
   * @return the condition
   */
  public Condition compare(Condition.Operator operator, Threshold threshold) {
    return new Condition.Comparison(this, operator, threshold);
  }

  /** This value as its implementation, whose {@code with...} methods copy without copying the collections. */
  private ImmutableSignal self() {
    return (ImmutableSignal) ImmutableSignal.copyOf(this);
  }

  @Override
  public String toString() {
    return displayName();
  }

}
