package dev.rollback.internal.run;

import dev.rollback.RollbackPlan;
import dev.rollback.internal.PlanParts;
import java.util.Set;

/** The elements of a plan a run may touch, for checks made before anything runs; gathered by {@link PlanParts}. */
final class PlanWalk {

  private PlanWalk() {}

  /** The names of every secret the run may need, recovery strategies included, in plan order. */
  static Set<String> secretNames(RollbackPlan plan) {
    return PlanParts.secretNames(plan);
  }
}
