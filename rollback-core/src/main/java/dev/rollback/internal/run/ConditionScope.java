package dev.rollback.internal.run;

import dev.rollback.Condition;
import dev.rollback.RollbackPlan;
import dev.rollback.Snapshot;
import dev.rollback.decide.Baselines;
import dev.rollback.decide.Conditions;
import dev.rollback.decide.Evaluation;
import dev.rollback.decide.EvaluationContext;
import java.util.Set;

/**
 * What a condition is evaluated against during a run: the plan's signals measured by the run's {@link Measurer}
 * (the assessment's values while nothing has changed yet), the facts the run declares, and the workspace's
 * baselines.
 *
 * @param plan the plan
 * @param measurer measures signals
 * @param declaredFacts the facts declared for the run
 * @param baselines the workspace's baselines
 */
record ConditionScope(RollbackPlan plan, Measurer measurer, Set<String> declaredFacts, Baselines baselines) {

  /**
   * Measures the condition's signals and evaluates it.
   *
   * @param condition the condition
   * @return the evaluation
   */
  Evaluation evaluate(Condition condition) {
    Snapshot snapshot = measurer.snapshot(Snapshot.signalsOf(plan, condition));
    return Conditions.evaluate(condition, EvaluationContext.of(plan, snapshot, declaredFacts, baselines));
  }
}
