package dev.rollback.decide;

import dev.rollback.Baseline;
import dev.rollback.Condition;
import dev.rollback.Signal;
import dev.rollback.Snapshot;
import dev.rollback.Threshold;
import dev.rollback.Trigger;
import dev.rollback.Unit;
import dev.rollback.spi.Measurement;
import dev.rollback.spi.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates conditions against one context in three-valued logic. One instance serves one batch of evaluations
 * (a decision, a monitoring tick): it reads each baseline file once and evaluates each trigger once.
 *
 * <p>A condition is evaluated at a view of the signals' histories: the current values ({@code at == null},
 * {@code back == 0}), or the sample {@code back} places before the last one taken at or before {@code at} (the
 * snapshot's time when null). Consecutive samples shift {@code back}; a window moves {@code at}.
 */
final class ConditionEvaluator {

  private final EvaluationContext ctx;
  private final Snapshot snapshot;
  private final Map<String, Evaluation> currentTriggers = new HashMap<>();
  private final Set<String> activeTriggers = new HashSet<>();
  private Map<String, Trigger> triggers;
  private Map<Baseline.FromFile, Object> files;

  ConditionEvaluator(EvaluationContext ctx) {
    this.ctx = ctx;
    this.snapshot = ctx.snapshot();
  }

  Evaluation evaluate(Condition c) {
    return eval(c, null, 0);
  }

  private Evaluation eval(Condition c, Instant at, int back) {
    if (c instanceof Condition.Comparison) {
      return compare((Condition.Comparison) c, at, back);
    }
    if (c instanceof Condition.AllOf) {
      return combine(Evaluation.Kind.ALL, c, ((Condition.AllOf) c).conditions(), at, back);
    }
    if (c instanceof Condition.AnyOf) {
      return combine(Evaluation.Kind.ANY, c, ((Condition.AnyOf) c).conditions(), at, back);
    }
    if (c instanceof Condition.Not) {
      Evaluation inner = eval(((Condition.Not) c).condition(), at, back);
      return Evaluation.compound(Evaluation.Kind.NOT, c, inner.truth().not(), List.of(inner));
    }
    if (c instanceof Condition.Consecutive) {
      return consecutive((Condition.Consecutive) c, at, back);
    }
    if (c instanceof Condition.Sustained) {
      return sustained((Condition.Sustained) c, at, back);
    }
    if (c instanceof Condition.TriggerRef) {
      return trigger((Condition.TriggerRef) c, at, back);
    }
    Condition.Declared d = (Condition.Declared) c;
    return Evaluation.declared(d, ctx.declaredFacts().contains(d.name()));
  }

  private Evaluation combine(Evaluation.Kind kind, Condition c, List<Condition> parts, Instant at, int back) {
    boolean all = kind == Evaluation.Kind.ALL;
    Truth truth = all ? Truth.TRUE : Truth.FALSE;
    Truth decisive = all ? Truth.FALSE : Truth.TRUE;
    List<Evaluation> details = new ArrayList<>(parts.size());
    for (Condition part : parts) {
      Evaluation e = eval(part, at, back);
      details.add(e);
      truth = all ? truth.and(e.truth()) : truth.or(e.truth());
      if (truth == decisive) {
        break;
      }
    }
    return Evaluation.compound(kind, c, truth, Collections.unmodifiableList(details));
  }

  private Evaluation consecutive(Condition.Consecutive c, Instant at, int back) {
    if (c.times() < 1) {
      return Evaluation.missing(c, "consecutive samples must be at least 1, was " + c.times());
    }
    List<Evaluation> details = new ArrayList<>(c.times());
    Truth truth = Truth.TRUE;
    for (int j = c.times() - 1; j >= 0; j--) {
      Evaluation e = eval(c.condition(), at, back + j);
      details.add(e);
      truth = truth.and(e.truth());
    }
    return Evaluation.compound(Evaluation.Kind.CONSECUTIVE, c, truth, Collections.unmodifiableList(details));
  }

  /**
   * Every sample over the window must hold. A sample holds until the next one, so the last sample at or before the
   * window's start speaks for the start; without one, the samples do not cover the window and the outcome cannot
   * be true.
   */
  private Evaluation sustained(Condition.Sustained c, Instant at, int back) {
    if (c.window().isNegative() || c.window().isZero()) {
      return Evaluation.missing(c, "a window must be positive, was " + c.window());
    }
    Instant end = at != null ? at : snapshot.takenAt();
    Instant start = end.minus(c.window());
    TreeSet<Instant> times = new TreeSet<>();
    times.add(start);
    Set<Signal> signals = ctx.plan().isPresent() ? Snapshot.signalsOf(ctx.plan().get(), c.condition())
        : c.condition().signals();
    for (Signal s : signals) {
      Measurement m = snapshot.measurements().get(s);
      if (m != null) {
        for (Sample sample : History.of(m, snapshot.takenAt())) {
          if (sample.at().isAfter(start) && !sample.at().isAfter(end)) {
            times.add(sample.at());
          }
        }
      }
    }
    List<Evaluation> details = new ArrayList<>(times.size());
    Truth truth = Truth.TRUE;
    for (Instant t : times) {
      Evaluation e = eval(c.condition(), t, back);
      details.add(e);
      truth = truth.and(e.truth());
    }
    return Evaluation.compound(Evaluation.Kind.SUSTAINED, c, truth, Collections.unmodifiableList(details));
  }

  private Evaluation trigger(Condition.TriggerRef c, Instant at, int back) {
    String name = c.name();
    boolean current = at == null && back == 0;
    if (current) {
      Evaluation done = currentTriggers.get(name);
      if (done != null) {
        return done;
      }
    }
    if (ctx.plan().isEmpty()) {
      return Evaluation.missing(c, "trigger " + name + " is unknown: there is no plan to look it up in");
    }
    if (triggers == null) {
      triggers = new HashMap<>();
      for (Trigger t : ctx.plan().get().triggers()) {
        triggers.putIfAbsent(t.name(), t);
      }
    }
    Trigger t = triggers.get(name);
    if (t == null) {
      return Evaluation.missing(c, "trigger " + name + " is unknown: the plan has no trigger of that name");
    }
    if (!activeTriggers.add(name)) {
      return Evaluation.missing(c, "trigger " + name + " is unknown: it refers to itself");
    }
    Evaluation inner;
    try {
      inner = eval(t.condition(), at, back);
    } finally {
      activeTriggers.remove(name);
    }
    Evaluation e = Evaluation.compound(Evaluation.Kind.TRIGGER, c, inner.truth(), List.of(inner));
    if (current) {
      currentTriggers.put(name, e);
    }
    return e;
  }

  private Evaluation compare(Condition.Comparison c, Instant at, int back) {
    Signal signal = c.signal();
    String name = signal.displayName();
    Measurement m = snapshot.measurements().get(signal);
    if (m == null) {
      return Evaluation.missing(c, name + " is unknown: it was not measured");
    }
    if (!m.isKnown()) {
      // Unknown now: past samples cannot stand in for the current value.
      return Evaluation.missing(c, name + " is unknown: " + m.summary());
    }
    boolean current = at == null && back == 0;
    List<Sample> samples = null;
    int index = -1;
    double measured;
    if (current) {
      measured = m.value().getAsDouble();
    } else {
      samples = History.of(m, snapshot.takenAt());
      int count = at == null ? samples.size() : History.countUpTo(samples, at);
      index = count - 1 - back;
      if (index < 0) {
        return Evaluation.missing(c, at != null && back == 0 ? name + " has no sample at or before " + at
            : name + " has only " + count + (count == 1 ? " sample" : " samples")
                + (at == null ? "" : " up to " + at) + ", " + (back + 1) + " needed");
      }
      measured = samples.get(index).value();
    }
    Unit unit = signal.unit();
    double value = convert(measured, m.unit(), unit);
    if (Double.isNaN(value)) {
      return Evaluation.missing(c, name + " is unknown: it is measured in " + m.unit() + " but declared in " + unit);
    }
    if (c.threshold() instanceof Threshold.Absolute) {
      return Evaluation.comparison(c, value, ((Threshold.Absolute) c.threshold()).value(), Double.NaN, current);
    }
    Threshold.Relative r = (Threshold.Relative) c.threshold();
    Object base = baseline(r.baseline(), signal, m, samples, index, at);
    if (base instanceof String) {
      return Evaluation.missing(c, (String) base);
    }
    double b = (Double) base;
    return Evaluation.comparison(c, value, r.apply(b), b, current);
  }

  /** The baseline's value in the signal's unit (a Double), or why it is unknown (a String). */
  private Object baseline(Baseline baseline, Signal signal, Measurement m, List<Sample> samples, int index,
      Instant at) {
    String what = baseline.describe();
    if (baseline instanceof Baseline.Fixed) {
      Baseline.Fixed f = (Baseline.Fixed) baseline;
      double v = convert(f.value(), f.unit(), signal.unit());
      return Double.isNaN(v) ? what + " is in " + f.unit() + " but " + signal.displayName() + " in " + signal.unit()
          : (Object) v;
    }
    if (baseline instanceof Baseline.FromFile) {
      if (files == null) {
        files = new HashMap<>();
      }
      return files.computeIfAbsent((Baseline.FromFile) baseline, f -> {
        try {
          return ctx.baselines().resolve(f, snapshot);
        } catch (BaselineException e) {
          return what + " is unknown: " + e.getMessage();
        }
      });
    }
    Baseline.Median median = (Baseline.Median) baseline;
    boolean own = median.signal().equals(signal);
    Measurement of = own ? m : snapshot.measurements().get(median.signal());
    if (of == null) {
      return what + " is unknown: " + median.signal().displayName() + " was not measured";
    }
    List<Sample> history;
    int end;
    String before;
    if (own) {
      // The signal's own history: the median of the samples before the one compared, never including it.
      history = samples != null ? samples : History.of(m, snapshot.takenAt());
      end = samples != null ? index : history.size() - 1;
      before = " before the compared one";
    } else {
      history = History.of(of, snapshot.takenAt());
      end = at == null ? history.size() : History.countUpTo(history, at);
      before = "";
    }
    try {
      double v = convert(Baselines.median(median, history, Math.max(end, 0), before), of.unit(), signal.unit());
      return Double.isNaN(v) ? what + " is in " + of.unit() + " but " + signal.displayName() + " in " + signal.unit()
          : (Object) v;
    } catch (BaselineException e) {
      return what + " is unknown: " + e.getMessage();
    }
  }

  /** A value in another unit; NaN when the units do not convert. {@link Unit#NUMBER} stands for any unit. */
  static double convert(double value, Unit from, Unit to) {
    if (from == to || from == Unit.NUMBER || to == Unit.NUMBER) {
      return value;
    }
    if (from == Unit.RATIO && to == Unit.PERCENT) {
      return value * 100;
    }
    if (from == Unit.PERCENT && to == Unit.RATIO) {
      return value / 100;
    }
    return Double.NaN;
  }
}
