package dev.rollback.internal.run;

import dev.rollback.Arg;
import dev.rollback.Check;
import dev.rollback.Phase;
import dev.rollback.Procedure;
import dev.rollback.RollbackPlan;
import dev.rollback.Secret;
import dev.rollback.Signal;
import dev.rollback.Step;
import dev.rollback.internal.Params;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The elements of a plan a run may touch, for checks made before anything runs. */
final class PlanWalk {

  private PlanWalk() {}

  /** The names of every secret the run may need, in plan order. */
  static Set<String> secretNames(RollbackPlan plan) {
    List<Map<String, Object>> params = new ArrayList<>();
    for (Procedure p : plan.procedures()) {
      for (Phase ph : p.phases()) {
        for (Step s : ph.steps()) {
          params.add(s.params());
          s.appliedWhen().ifPresent(c -> params.add(c.params()));
        }
        for (Check c : ph.validations()) {
          params.add(c.params());
        }
      }
    }
    List<Check> checks = new ArrayList<>(plan.readinessChecks());
    checks.addAll(plan.verifications());
    checks.addAll(plan.healthChecks());
    for (Check c : checks) {
      params.add(c.params());
    }
    for (Signal s : signals(plan)) {
      params.add(s.params());
    }
    Set<String> names = new LinkedHashSet<>();
    for (Map<String, Object> m : params) {
      List<Arg> args = new ArrayList<>();
      m.values().forEach(v -> Params.collectArgs(v, args));
      for (Arg a : args) {
        if (a instanceof Secret) {
          names.add(((Secret) a).name());
        }
      }
    }
    return names;
  }

  /** Every signal the triggers, severities, assessment, check conditions and monitoring measure. */
  static Set<Signal> signals(RollbackPlan plan) {
    return dev.rollback.internal.PlanParts.signals(plan, false);
  }
}
