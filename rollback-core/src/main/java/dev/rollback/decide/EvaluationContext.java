package dev.rollback.decide;

import dev.rollback.Condition;
import dev.rollback.RollbackPlan;
import dev.rollback.Snapshot;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a condition is evaluated against: the {@link Snapshot} of measured signals, the plan (to resolve
 * {@link Condition#trigger(String) trigger references}), the facts people declared when starting the run
 * ({@link Condition#declared(String)}), and the {@link Baselines} that resolve relative thresholds.
 *
 * <pre>{@code
 * EvaluationContext ctx = EvaluationContext.of(plan, snapshot, Set.of("security-vulnerability"),
 *     Baselines.forWorkspace(repoDir));
 * Evaluation e = Conditions.evaluate(plan.trigger("ci-broken").get().condition(), ctx);
 * }</pre>
 *
 * <p>An immutable value, safe to share.
 */
public final class EvaluationContext {

  private final RollbackPlan plan;
  private final Snapshot snapshot;
  private final Set<String> declaredFacts;
  private final Baselines baselines;

  private EvaluationContext(RollbackPlan plan, Snapshot snapshot, Set<String> declaredFacts, Baselines baselines) {
    this.plan = plan;
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    this.declaredFacts = Set.copyOf(Objects.requireNonNull(declaredFacts, "declaredFacts"));
    this.baselines = Objects.requireNonNull(baselines, "baselines");
  }

  /**
   * A context with everything.
   *
   * @param plan the plan whose triggers conditions may refer to
   * @param snapshot the measurements
   * @param declaredFacts the facts people declared, such as {@code security-vulnerability}
   * @param baselines how to resolve baselines
   * @return the context
   * @throws NullPointerException if an argument or a fact is null
   */
  public static EvaluationContext of(RollbackPlan plan, Snapshot snapshot, Set<String> declaredFacts,
      Baselines baselines) {
    return new EvaluationContext(Objects.requireNonNull(plan, "plan"), snapshot, declaredFacts, baselines);
  }

  /**
   * A context without a plan, facts or workspace: trigger references and file baselines are unknown against it.
   * Enough for conditions over signals compared with fixed values, fixed baselines or medians.
   *
   * @param snapshot the measurements
   * @return the context
   * @throws NullPointerException if the snapshot is null
   */
  public static EvaluationContext of(Snapshot snapshot) {
    return new EvaluationContext(null, snapshot, Set.of(), Baselines.withoutWorkspace());
  }

  /**
   * A context whose plan may be absent, as post-rollback monitoring without a plan uses: trigger references are
   * unknown against it when the plan is empty.
   *
   * @param plan the plan whose triggers conditions may refer to, if any
   * @param snapshot the measurements
   * @param declaredFacts the facts people declared, such as {@code security-vulnerability}
   * @param baselines how to resolve baselines
   * @return the context
   * @throws NullPointerException if an argument or a fact is null
   */
  public static EvaluationContext withOptionalPlan(Optional<RollbackPlan> plan, Snapshot snapshot,
      Set<String> declaredFacts, Baselines baselines) {
    return new EvaluationContext(plan.orElse(null), snapshot, declaredFacts, baselines);
  }

  /**
   * The same context against another snapshot, as monitoring does at each interval.
   *
   * @param other the new snapshot
   * @return the new context
   * @throws NullPointerException if the snapshot is null
   */
  public EvaluationContext withSnapshot(Snapshot other) {
    return new EvaluationContext(plan, other, declaredFacts, baselines);
  }

  /**
   * The plan, to resolve trigger references.
   *
   * @return the plan, when there is one
   */
  public Optional<RollbackPlan> plan() {
    return Optional.ofNullable(plan);
  }

  /**
   * The measurements.
   *
   * @return the snapshot
   */
  public Snapshot snapshot() {
    return snapshot;
  }

  /**
   * The facts people declared.
   *
   * @return the facts' names
   */
  public Set<String> declaredFacts() {
    return declaredFacts;
  }

  /**
   * How baselines are resolved.
   *
   * @return the baselines
   */
  public Baselines baselines() {
    return baselines;
  }

  @Override
  public String toString() {
    return "EvaluationContext[" + (plan == null ? "no plan" : plan.name()) + ", " + snapshot.measurements().size()
        + " measurements at " + snapshot.takenAt() + ", declared " + declaredFacts + ", " + baselines + "]";
  }
}
