package dev.rollback.decide;

import dev.rollback.Baseline;
import dev.rollback.Condition;
import dev.rollback.Threshold;
import dev.rollback.Unit;
import dev.rollback.internal.Texts;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of evaluating a {@link Condition}: its {@link Truth}, an explanation for the people who approve
 * ({@code ci_success_rate = 80% < 95%}), the values involved, and for an unknown outcome, which signal or baseline
 * was missing and why. Compound conditions keep the evaluations of their parts in {@link #details()}.
 *
 * <p>Explanations by outcome:
 * <ul>
 *   <li>a comparison that holds: {@code ci_success_rate = 80% < 95%}; one that does not:
 *       {@code ci_success_rate = 97%, not < 95%}; against a baseline:
 *       {@code test_time = 190s > 180s (baseline perf/baseline.json#total 120s + 50%)};</li>
 *   <li>missing data: {@code ci_success_rate is unknown: no CI runs at all};</li>
 *   <li>and / or: the parts that decided, joined by {@code ; };</li>
 *   <li>a trigger: {@code trigger ci-broken: ci_success_rate = 0% <= 0%};</li>
 *   <li>consecutive samples: {@code ci_success_rate = 90%, 85%, 80% < 95% in each of the last 3 samples}.</li>
 * </ul>
 *
 * <p>An immutable value; the explanation is built when first asked for.
 */
public final class Evaluation {

  enum Kind { COMPARISON, MISSING, ALL, ANY, NOT, CONSECUTIVE, SUSTAINED, TRIGGER, DECLARED }

  private final Kind kind;
  private final Condition condition;
  private final Truth truth;
  private final List<Evaluation> details;
  // A comparison: the value compared, the threshold it was compared with, the baseline (NaN when none), whether
  // the value is the current one or a past sample.
  private final double value;
  private final double threshold;
  private final double baseline;
  private final boolean current;
  // Missing data: why, naming the signal, baseline or trigger.
  private final String reason;
  private volatile String explanation;

  private Evaluation(Kind kind, Condition condition, Truth truth, List<Evaluation> details, double value,
      double threshold, double baseline, boolean current, String reason) {
    this.kind = kind;
    this.condition = condition;
    this.truth = truth;
    this.details = details;
    this.value = value;
    this.threshold = threshold;
    this.baseline = baseline;
    this.current = current;
    this.reason = reason;
  }

  static Evaluation comparison(Condition.Comparison c, double value, double threshold, double baseline,
      boolean current) {
    return new Evaluation(Kind.COMPARISON, c, Truth.of(c.operator().test(value, threshold)), List.of(), value,
        threshold, baseline, current, null);
  }

  static Evaluation missing(Condition c, String reason) {
    return new Evaluation(Kind.MISSING, c, Truth.UNKNOWN, List.of(), Double.NaN, Double.NaN, Double.NaN, false,
        reason);
  }

  static Evaluation compound(Kind kind, Condition c, Truth truth, List<Evaluation> details) {
    return new Evaluation(kind, c, truth, details, Double.NaN, Double.NaN, Double.NaN, false, null);
  }

  static Evaluation declared(Condition.Declared c, boolean declared) {
    return new Evaluation(Kind.DECLARED, c, Truth.of(declared), List.of(), Double.NaN, Double.NaN, Double.NaN,
        false, null);
  }

  /**
   * The condition evaluated.
   *
   * @return the condition
   */
  public Condition condition() {
    return condition;
  }

  /**
   * Whether the condition holds.
   *
   * @return true, false or unknown
   */
  public Truth truth() {
    return truth;
  }

  /**
   * Whether the condition holds for sure.
   *
   * @return {@code true} when {@link #truth()} is {@link Truth#TRUE}
   */
  public boolean isTrue() {
    return truth == Truth.TRUE;
  }

  /**
   * Whether data to decide was missing.
   *
   * @return {@code true} when {@link #truth()} is {@link Truth#UNKNOWN}
   */
  public boolean isUnknown() {
    return truth == Truth.UNKNOWN;
  }

  /**
   * The evaluations of the condition's parts, for compound conditions: the parts evaluated, in order (and / or stop
   * at the first part that decides); for consecutive samples or a window, one per sample, oldest first.
   *
   * @return the parts' evaluations; empty for a comparison, a declared fact or missing data
   */
  public List<Evaluation> details() {
    return details;
  }

  /**
   * The current values this evaluation used, for reports: each signal's value by its display name, each baseline's
   * value by its description. Past samples are in the {@link #explanation()}, not here.
   *
   * @return values by name, in order of use
   */
  public Map<String, Double> values() {
    Map<String, Double> out = new LinkedHashMap<>();
    collectValues(this, out);
    return Collections.unmodifiableMap(out);
  }

  /**
   * Why parts of the condition could not be evaluated, each reason naming the signal, baseline or trigger, such as
   * {@code ci_success_rate is unknown: no CI runs at all}. Empty when nothing was missing.
   *
   * @return the reasons, each once, in order
   */
  public List<String> unknowns() {
    Set<String> out = new LinkedHashSet<>();
    collectUnknowns(this, out);
    return List.copyOf(out);
  }

  /**
   * The outcome in words, with the values, such as {@code ci_success_rate = 80% < 95%}.
   *
   * @return the explanation
   */
  public String explanation() {
    String e = explanation;
    if (e == null) {
      e = explain();
      explanation = e;
    }
    return e;
  }

  private String explain() {
    switch (kind) {
      case COMPARISON:
        return explainComparison();
      case MISSING:
        return reason;
      case DECLARED:
        String fact = ((Condition.Declared) condition).name();
        return truth == Truth.TRUE ? "declared " + fact : fact + " not declared";
      case TRIGGER:
        return "trigger " + ((Condition.TriggerRef) condition).name() + ": " + details.get(0).explanation();
      case NOT:
        return "not (" + details.get(0).explanation() + ")";
      case ALL:
      case ANY:
        return joinDeciding("; ");
      case CONSECUTIVE:
        int n = ((Condition.Consecutive) condition).times();
        return explainSamples("in each of the last " + n + " samples", "for the last " + n + " samples");
      default:
        String w = Texts.duration(((Condition.Sustained) condition).window());
        return explainSamples("throughout the last " + w, "over the last " + w);
    }
  }

  private String explainComparison() {
    Condition.Comparison c = (Condition.Comparison) condition;
    Unit unit = c.signal().unit();
    String op = truth == Truth.TRUE ? " " + c.operator().symbol() + " " : ", not " + c.operator().symbol() + " ";
    return c.signal().displayName() + " = " + unit.format(value) + op + thresholdText();
  }

  private String thresholdText() {
    Condition.Comparison c = (Condition.Comparison) condition;
    Unit unit = c.signal().unit();
    if (!(c.threshold() instanceof Threshold.Relative)) {
      return unit.format(threshold);
    }
    Threshold.Relative r = (Threshold.Relative) c.threshold();
    String base;
    if (r.baseline() instanceof Baseline.Fixed) {
      base = "baseline " + unit.format(baseline);
    } else {
      base = r.baseline().describe() + " " + unit.format(baseline);
    }
    String adjusted;
    switch (r.adjustment()) {
      case PLUS_PERCENT:
        adjusted = base + (r.amount() < 0 ? " - " : " + ") + Unit.NUMBER.format(Math.abs(r.amount())) + "%";
        break;
      case TIMES:
        adjusted = Unit.NUMBER.format(r.amount()) + " × " + base;
        break;
      default:
        adjusted = r.amount() == 0 ? base
            : base + (r.amount() < 0 ? " - " : " + ") + unit.format(Math.abs(r.amount()));
    }
    return unit.format(threshold) + " (" + adjusted + ")";
  }

  /** The parts whose truth is the outcome's: the ones that decided it. */
  private String joinDeciding(String separator) {
    StringBuilder b = new StringBuilder();
    for (Evaluation d : details) {
      if (d.truth == truth) {
        b.append(b.length() == 0 ? "" : separator).append(d.explanation());
      }
    }
    return b.toString();
  }

  private String explainSamples(String span, String unknownSpan) {
    if (truth == Truth.TRUE) {
      Evaluation newest = details.get(details.size() - 1);
      if (newest.kind == Kind.COMPARISON && sameThresholds()) {
        Condition.Comparison c = (Condition.Comparison) newest.condition;
        StringBuilder values = new StringBuilder();
        for (Evaluation d : details) {
          values.append(values.length() == 0 ? "" : ", ").append(c.signal().unit().format(d.value));
        }
        return c.signal().displayName() + " = " + values + " " + c.operator().symbol() + " " + newest.thresholdText()
            + " " + span;
      }
      return span + ": " + joinDeciding("; ");
    }
    for (int i = details.size() - 1; i >= 0; i--) {
      if (details.get(i).truth == truth) {
        if (truth == Truth.FALSE) {
          return "not " + span + ": " + details.get(i).explanation();
        }
        Set<String> reasons = new LinkedHashSet<>();
        collectUnknowns(this, reasons);
        return "unknown " + unknownSpan + ": " + String.join("; ", reasons);
      }
    }
    throw new IllegalStateException("no part decides " + truth);
  }

  private boolean sameThresholds() {
    for (Evaluation d : details) {
      if (d.kind != Kind.COMPARISON || d.condition != details.get(0).condition
          || Double.compare(d.threshold, details.get(0).threshold) != 0) {
        return false;
      }
    }
    return true;
  }

  private static void collectValues(Evaluation e, Map<String, Double> out) {
    if (e.kind == Kind.COMPARISON && e.current) {
      Condition.Comparison c = (Condition.Comparison) e.condition;
      out.putIfAbsent(c.signal().displayName(), e.value);
      if (c.threshold() instanceof Threshold.Relative) {
        out.putIfAbsent(((Threshold.Relative) c.threshold()).baseline().describe(), e.baseline);
      }
    }
    for (Evaluation d : e.details) {
      collectValues(d, out);
    }
  }

  private static void collectUnknowns(Evaluation e, Set<String> out) {
    if (e.kind == Kind.MISSING) {
      out.add(e.reason);
    }
    for (Evaluation d : e.details) {
      collectUnknowns(d, out);
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Evaluation)) {
      return false;
    }
    Evaluation e = (Evaluation) o;
    return kind == e.kind && truth == e.truth && condition.equals(e.condition) && details.equals(e.details)
        && Double.compare(value, e.value) == 0 && Double.compare(threshold, e.threshold) == 0
        && Double.compare(baseline, e.baseline) == 0 && current == e.current && Objects.equals(reason, e.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, truth, condition, details, value, threshold, baseline, reason);
  }

  @Override
  public String toString() {
    return truth + ": " + explanation();
  }

}
