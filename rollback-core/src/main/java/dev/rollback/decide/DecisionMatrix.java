package dev.rollback.decide;

import dev.rollback.Condition;
import dev.rollback.RollbackPlan;
import dev.rollback.SeverityLevel;
import dev.rollback.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides the severity of a situation from a plan's decision matrix: walks {@link RollbackPlan#severities()} from
 * the highest down, evaluating each level's condition against one snapshot ({@link Conditions} gives the rules),
 * and picks the first whose condition is {@link Truth#TRUE}.
 *
 * <pre>{@code
 * Snapshot snapshot = Snapshot.of(measure(Snapshot.signalsOf(plan)), clock.instant());
 * Decision decision = DecisionMatrix.decide(plan, snapshot, Set.of("security-vulnerability"),
 *     detectedAt, Baselines.forWorkspace(repoDir));
 * }</pre>
 *
 * <p>A level whose condition is unknown is not chosen, and is not skipped silently either: the {@link Decision}
 * lists it and says why. Deciding reads each baseline file once and evaluates each trigger once, and is
 * deterministic: equal inputs give equal decisions.
 */
public final class DecisionMatrix {

  private DecisionMatrix() {}

  /**
   * Decides the severity.
   *
   * @param plan the plan whose severity levels and triggers are used
   * @param snapshot the measured signals
   * @param declaredFacts facts people declared when starting the run, for {@link Condition#declared(String)}
   * @param detectedAt when the problem was detected; the deadline counts from here
   * @param baselines how to resolve baselines
   * @return the decision
   * @throws NullPointerException if an argument is null
   */
  public static Decision decide(RollbackPlan plan, Snapshot snapshot, Set<String> declaredFacts, Instant detectedAt,
      Baselines baselines) {
    return decide(EvaluationContext.of(plan, snapshot, declaredFacts, baselines), detectedAt);
  }

  /**
   * Decides the severity in a prepared context.
   *
   * @param context the plan, snapshot, declared facts and baselines; it must have a plan
   * @param detectedAt when the problem was detected; the deadline counts from here
   * @return the decision
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the context has no plan
   */
  public static Decision decide(EvaluationContext context, Instant detectedAt) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(detectedAt, "detectedAt");
    RollbackPlan plan = context.plan().orElseThrow(() -> new IllegalArgumentException(
        "deciding needs a plan: create the context with EvaluationContext.of(plan, ...)"));
    ConditionEvaluator evaluator = new ConditionEvaluator(context);
    List<SeverityLevel> levels = plan.severities();
    List<Decision.LevelEvaluation> evaluations = new ArrayList<>(levels.size());
    for (SeverityLevel level : levels) {
      Evaluation e = evaluator.evaluate(level.condition());
      evaluations.add(new Decision.LevelEvaluation(level, e));
      if (e.isTrue()) {
        return new Decision(level, detectedAt, evaluations);
      }
    }
    return new Decision(null, detectedAt, evaluations);
  }
}
