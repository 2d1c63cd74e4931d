package dev.rollback;

import dev.rollback.decide.DecisionMatrix;
import dev.rollback.decide.Truth;
import dev.rollback.internal.PlanPath;
import dev.rollback.internal.PlanWalker;
import dev.rollback.spi.Measurement;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The measured state at one instant: each signal's {@link Measurement}, measured once however many conditions use
 * it. Conditions, the {@link DecisionMatrix} and checks over conditions are evaluated against a snapshot.
 *
 * <pre>{@code
 * Set<Signal> needed = Snapshot.signalsOf(plan);              // everything the assessment must measure
 * Map<Signal, Measurement> measured = new LinkedHashMap<>();
 * for (Signal s : needed) measured.put(s, measureSomehow(s));  // each signal once
 * Snapshot snapshot = Snapshot.of(measured, clock.instant());
 * Decision decision = DecisionMatrix.decide(plan, snapshot, Set.of(), detectedAt, Baselines.forWorkspace(repo));
 * }</pre>
 *
 * <p>A signal absent from the snapshot was not measured; conditions over it are {@link Truth#UNKNOWN} and say so.
 */
public final class Snapshot {

  private final Map<Signal, Measurement> measurements;
  private final Instant takenAt;

  private Snapshot(Map<Signal, Measurement> measurements, Instant takenAt) {
    this.measurements = measurements;
    this.takenAt = takenAt;
  }

  /**
   * A snapshot of the given measurements.
   *
   * @param measurements each signal's measurement
   * @param takenAt when they were taken
   * @return the snapshot
   * @throws NullPointerException if an argument, a signal or a measurement is null
   */
  public static Snapshot of(Map<Signal, Measurement> measurements, Instant takenAt) {
    Objects.requireNonNull(measurements, "measurements");
    Objects.requireNonNull(takenAt, "takenAt");
    Map<Signal, Measurement> copy = new LinkedHashMap<>(measurements.size() * 2);
    measurements.forEach((s, m) -> copy.put(Objects.requireNonNull(s, "signal"),
        Objects.requireNonNull(m, () -> "measurement of " + s.displayName())));
    return new Snapshot(Collections.unmodifiableMap(copy), takenAt);
  }

  /**
   * An empty snapshot: every condition over a signal is unknown against it.
   *
   * @param takenAt when it was taken
   * @return the snapshot
   */
  public static Snapshot empty(Instant takenAt) {
    return new Snapshot(Map.of(), Objects.requireNonNull(takenAt, "takenAt"));
  }

  /**
   * Every measurement, in the order given.
   *
   * @return measurements by signal
   */
  public Map<Signal, Measurement> measurements() {
    return measurements;
  }

  /**
   * A signal's measurement.
   *
   * @param signal the signal
   * @return the measurement, when the signal was measured
   */
  public Optional<Measurement> measurement(Signal signal) {
    return Optional.ofNullable(measurements.get(signal));
  }

  /**
   * When the measurements were taken.
   *
   * @return the instant
   */
  public Instant takenAt() {
    return takenAt;
  }

  /**
   * The same snapshot with one more measurement, or one replaced.
   *
   * @param signal the signal
   * @param measurement its measurement
   * @return the new snapshot
   */
  public Snapshot with(Signal signal, Measurement measurement) {
    Map<Signal, Measurement> copy = new LinkedHashMap<>(measurements);
    copy.put(Objects.requireNonNull(signal, "signal"), Objects.requireNonNull(measurement, "measurement"));
    return new Snapshot(Collections.unmodifiableMap(copy), takenAt);
  }

  /**
   * Every distinct signal the assessment of a plan must measure, each once, in a stable order: the plan's
   * {@link RollbackPlan#assessment() assessment}, then the signals of its triggers, its severity levels and the
   * {@link Checks#that(Condition) conditions} of its readiness checklist, median baselines' signals included.
   *
   * <p>Verification, health checks and phase validations are not in this set on purpose: they must be measured
   * after the rollback, not before it. Use {@link #signalsOf(RollbackPlan, Collection)} when they run.
   *
   * @param plan the plan
   * @return the signals to measure before deciding
   * @throws NullPointerException if the plan is null
   */
  public static Set<Signal> signalsOf(RollbackPlan plan) {
    Objects.requireNonNull(plan, "plan");
    Set<Signal> assessed = new LinkedHashSet<>();
    Set<Signal> conditions = new LinkedHashSet<>();
    // One walk of the plan (PlanWalker lists its parts); the assessment's own signals come first in the set.
    PlanWalker.walk(plan, false, new PlanWalker.Visitor() {
      @Override
      public void trigger(PlanPath path, Trigger t) {
        collect(plan, t.condition(), conditions);
      }

      @Override
      public void severity(PlanPath path, SeverityLevel level) {
        collect(plan, level.condition(), conditions);
      }

      @Override
      public void signal(PlanPath path, PlanWalker.SignalRole role, Signal s) {
        if (role == PlanWalker.SignalRole.ASSESSMENT) {
          assessed.add(s);
        }
      }

      @Override
      public void check(PlanPath path, PlanWalker.CheckRole role, Check c) {
        if (role == PlanWalker.CheckRole.READINESS) {
          c.condition().ifPresent(cond -> collect(plan, cond, conditions));
        }
      }
    });
    assessed.addAll(conditions);
    return Collections.unmodifiableSet(assessed);
  }

  /**
   * Every distinct signal that the {@link Checks#that(Condition) conditions} of some checks measure, the signals of
   * triggers they refer to included: measure these when the checks run (verification, health checks, a phase's
   * validations).
   *
   * @param plan the plan, to follow trigger references
   * @param checks the checks
   * @return the signals, each once, in order of first use
   * @throws NullPointerException if an argument is null
   */
  public static Set<Signal> signalsOf(RollbackPlan plan, Collection<Check> checks) {
    Objects.requireNonNull(plan, "plan");
    Set<Signal> out = new LinkedHashSet<>();
    for (Check c : checks) {
      c.condition().ifPresent(cond -> collect(plan, cond, out));
    }
    return Collections.unmodifiableSet(out);
  }

  /**
   * Every distinct signal a condition measures, following references to the plan's triggers.
   *
   * @param plan the plan, to follow trigger references
   * @param condition the condition
   * @return the signals, each once, in order of first use
   * @throws NullPointerException if an argument is null
   */
  public static Set<Signal> signalsOf(RollbackPlan plan, Condition condition) {
    Objects.requireNonNull(plan, "plan");
    Set<Signal> out = new LinkedHashSet<>();
    collect(plan, Objects.requireNonNull(condition, "condition"), out);
    return Collections.unmodifiableSet(out);
  }

  private static void collect(RollbackPlan plan, Condition condition, Set<Signal> out) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<Condition> pending = new ArrayDeque<>();
    pending.add(condition);
    while (!pending.isEmpty()) {
      Condition c = pending.removeFirst();
      out.addAll(c.signals());
      for (String name : c.triggers()) {
        if (seen.add(name)) {
          plan.trigger(name).ifPresent(t -> pending.add(t.condition()));
        }
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Snapshot && ((Snapshot) o).takenAt.equals(takenAt)
        && ((Snapshot) o).measurements.equals(measurements);
  }

  @Override
  public int hashCode() {
    return measurements.hashCode() * 31 + takenAt.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Snapshot[").append(takenAt);
    measurements.forEach((s, m) -> b.append(", ").append(s.displayName()).append(" = ").append(m.display()));
    return b.append(']').toString();
  }
}
