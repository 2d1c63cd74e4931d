package dev.rollback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A condition over signals, as a value: a comparison of a signal with a threshold, combined with
 * {@link #and and}, {@link #or or} and {@link #negate not}, required over {@link #consecutive N consecutive
 * samples} or {@link #sustainedFor a window}, a reference to a named {@link Trigger}, or a fact a person
 * {@link #declared declares} at run time (a security vulnerability was reported).
 *
 * <pre>{@code
 * Condition unreliable = successRate.below(0.95).consecutive(3);
 * Condition slow = testTime.above(Baseline.file(path("perf/baseline.json"), "total").plusPercent(50));
 * Condition high = unreliable.or(slow);
 * }</pre>
 *
 * <p>Evaluating a condition gives true, false or unknown (missing data), never a silent default.
 */
public sealed interface Condition
    permits Condition.Comparison, Condition.AllOf, Condition.AnyOf, Condition.Not, Condition.Consecutive,
        Condition.Sustained, Condition.TriggerRef, Condition.Declared {

  /**
   * How a comparison compares.
   */
  enum Operator {
    /** Less than. */
    LT("<"),
    /** Less than or equal. */
    LE("<="),
    /** Greater than. */
    GT(">"),
    /** Greater than or equal. */
    GE(">="),
    /** Equal. */
    EQ("=="),
    /** Not equal. */
    NE("!=");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    /**
     * The operator's symbol.
     *
     * @return {@code <}, {@code <=}, {@code >}, {@code >=}, {@code ==} or {@code !=}
     */
    public String symbol() {
      return symbol;
    }

    /**
     * Compares two values.
     *
     * @param value the measured value
     * @param threshold the threshold
     * @return whether {@code value operator threshold} holds
     */
    public boolean test(double value, double threshold) {
      switch (this) {
        case LT:
          return value < threshold;
        case LE:
          return value <= threshold;
        case GT:
          return value > threshold;
        case GE:
          return value >= threshold;
        case EQ:
          return Double.compare(value, threshold) == 0;
        default:
          return Double.compare(value, threshold) != 0;
      }
    }
  }

  /**
   * The condition in words, such as {@code ci_success_rate < 95%}.
   *
   * @return the description
   */
  String describe();

  /**
   * Both this and the other condition.
   *
   * @param other the other condition
   * @return the conjunction
   */
  default Condition and(Condition other) {
    return allOf(this, other);
  }

  /**
   * This or the other condition.
   *
   * @param other the other condition
   * @return the disjunction
   */
  default Condition or(Condition other) {
    return anyOf(this, other);
  }

  /**
   * The opposite of this condition; unknown stays unknown.
   *
   * @return the negation
   */
  default Condition negate() {
    return new Not(this);
  }

  /**
   * This condition holding in each of the last {@code times} samples, so that one noisy sample does not decide.
   *
   * @param times consecutive samples, at least 1
   * @return the condition
   */
  default Condition consecutive(int times) {
    return new Consecutive(this, times);
  }

  /**
   * This condition holding in every sample taken over the window.
   *
   * @param window the window
   * @return the condition
   */
  default Condition sustainedFor(Duration window) {
    return new Sustained(this, window);
  }

  /**
   * Every signal this condition measures, each once, in order of first use.
   *
   * @return the signals
   */
  default Set<Signal> signals() {
    Set<Signal> out = new LinkedHashSet<>();
    collect(this, out, null);
    return out;
  }

  /**
   * The names of the triggers this condition refers to.
   *
   * @return trigger names
   */
  default Set<String> triggers() {
    Set<String> out = new LinkedHashSet<>();
    collect(this, null, out);
    return out;
  }

  /**
   * All of the conditions.
   *
   * @param conditions the conditions
   * @return the conjunction
   */
  static Condition allOf(Condition... conditions) {
    return new AllOf(flatten(AllOf.class, Arrays.asList(conditions)));
  }

  /**
   * Any of the conditions.
   *
   * @param conditions the conditions
   * @return the disjunction
   */
  static Condition anyOf(Condition... conditions) {
    return new AnyOf(flatten(AnyOf.class, Arrays.asList(conditions)));
  }

  /**
   * The condition of the plan's trigger with this name.
   *
   * @param name the trigger's name
   * @return the reference
   */
  static Condition trigger(String name) {
    return new TriggerRef(name);
  }

  /**
   * A fact a person declares when starting the run (for example {@code security-vulnerability}); false unless
   * declared.
   *
   * @param name the fact's name
   * @return the condition
   */
  static Condition declared(String name) {
    return new Declared(name);
  }

  /**
   * A signal compared with a threshold.
   *
   * @param signal the signal
   * @param operator how to compare
   * @param threshold the threshold
   */
  record Comparison(Signal signal, Operator operator, Threshold threshold) implements Condition {
    /**
     * Creates a comparison.
     *
     * @param signal the signal
     * @param operator how to compare
     * @param threshold the threshold
     * @throws NullPointerException if an argument is null
     */
    public Comparison {
      Objects.requireNonNull(signal, "signal");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(threshold, "threshold");
    }

    @Override
    public String describe() {
      return signal.displayName() + " " + operator.symbol() + " " + threshold.describe(signal.unit());
    }
  }

  /**
   * All of the conditions hold.
   *
   * @param conditions the conditions
   */
  record AllOf(List<Condition> conditions) implements Condition {
    /**
     * Creates a conjunction.
     *
     * @param conditions the conditions
     * @throws NullPointerException if a condition is null
     */
    public AllOf {
      conditions = List.copyOf(conditions);
    }

    @Override
    public String describe() {
      return conditions.stream().map(c -> group(c, AnyOf.class)).collect(Collectors.joining(" and "));
    }
  }

  /**
   * Any of the conditions holds.
   *
   * @param conditions the conditions
   */
  record AnyOf(List<Condition> conditions) implements Condition {
    /**
     * Creates a disjunction.
     *
     * @param conditions the conditions
     * @throws NullPointerException if a condition is null
     */
    public AnyOf {
      conditions = List.copyOf(conditions);
    }

    @Override
    public String describe() {
      return conditions.stream().map(c -> group(c, AllOf.class)).collect(Collectors.joining(" or "));
    }
  }

  /**
   * The condition does not hold.
   *
   * @param condition the condition
   */
  record Not(Condition condition) implements Condition {
    /**
     * Creates a negation.
     *
     * @param condition the condition
     * @throws NullPointerException if the condition is null
     */
    public Not {
      Objects.requireNonNull(condition, "condition");
    }

    @Override
    public String describe() {
      return "not (" + condition.describe() + ")";
    }
  }

  /**
   * The condition holds in each of the last {@code times} samples.
   *
   * @param condition the condition
   * @param times consecutive samples
   */
  record Consecutive(Condition condition, int times) implements Condition {
    /**
     * Creates the condition; {@link RollbackPlan#check()} reports a count below 1.
     *
     * @param condition the condition
     * @param times consecutive samples
     * @throws NullPointerException if the condition is null
     */
    public Consecutive {
      Objects.requireNonNull(condition, "condition");
    }

    @Override
    public String describe() {
      return "(" + condition.describe() + ") in " + times + " consecutive samples";
    }
  }

  /**
   * The condition holds in every sample over the window.
   *
   * @param condition the condition
   * @param window the window
   */
  record Sustained(Condition condition, Duration window) implements Condition {
    /**
     * Creates the condition; {@link RollbackPlan#check()} reports a window that is not positive.
     *
     * @param condition the condition
     * @param window the window
     * @throws NullPointerException if an argument is null
     */
    public Sustained {
      Objects.requireNonNull(condition, "condition");
      Objects.requireNonNull(window, "window");
    }

    @Override
    public String describe() {
      return "(" + condition.describe() + ") for " + dev.rollback.internal.Texts.duration(window);
    }
  }

  /**
   * The condition of a trigger of the plan, by name.
   *
   * @param name the trigger's name
   */
  record TriggerRef(String name) implements Condition {
    /**
     * Creates the reference; {@link RollbackPlan#check()} reports a name that no trigger has.
     *
     * @param name the trigger's name
     * @throws NullPointerException if the name is null
     */
    public TriggerRef {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String describe() {
      return "trigger " + name;
    }
  }

  /**
   * A fact declared by a person when the run starts.
   *
   * @param name the fact's name
   */
  record Declared(String name) implements Condition {
    /**
     * Creates the condition.
     *
     * @param name the fact's name
     * @throws NullPointerException if the name is null
     */
    public Declared {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String describe() {
      return "declared " + name;
    }
  }

  private static String group(Condition c, Class<?> other) {
    return other.isInstance(c) ? "(" + c.describe() + ")" : c.describe();
  }

  private static List<Condition> flatten(Class<?> kind, List<Condition> conditions) {
    List<Condition> out = new ArrayList<>();
    for (Condition c : conditions) {
      Objects.requireNonNull(c, "condition");
      if (kind == AllOf.class && c instanceof AllOf) {
        out.addAll(((AllOf) c).conditions());
      } else if (kind == AnyOf.class && c instanceof AnyOf) {
        out.addAll(((AnyOf) c).conditions());
      } else {
        out.add(c);
      }
    }
    return out;
  }

  private static void collect(Condition c, Set<Signal> signals, Set<String> triggers) {
    if (c instanceof Comparison) {
      Comparison cmp = (Comparison) c;
      if (signals != null) {
        signals.add(cmp.signal());
        if (cmp.threshold() instanceof Threshold.Relative
            && ((Threshold.Relative) cmp.threshold()).baseline() instanceof Baseline.Median) {
          signals.add(((Baseline.Median) ((Threshold.Relative) cmp.threshold()).baseline()).signal());
        }
      }
    } else if (c instanceof AllOf) {
      ((AllOf) c).conditions().forEach(x -> collect(x, signals, triggers));
    } else if (c instanceof AnyOf) {
      ((AnyOf) c).conditions().forEach(x -> collect(x, signals, triggers));
    } else if (c instanceof Not) {
      collect(((Not) c).condition(), signals, triggers);
    } else if (c instanceof Consecutive) {
      collect(((Consecutive) c).condition(), signals, triggers);
    } else if (c instanceof Sustained) {
      collect(((Sustained) c).condition(), signals, triggers);
    } else if (c instanceof TriggerRef && triggers != null) {
      triggers.add(((TriggerRef) c).name());
    }
  }
}
