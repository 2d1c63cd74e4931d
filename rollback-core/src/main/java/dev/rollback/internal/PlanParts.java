package dev.rollback.internal;

import dev.rollback.Check;
import dev.rollback.Phase;
import dev.rollback.RecoveryStrategy;
import dev.rollback.RollbackPlan;
import dev.rollback.Signal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The parts of a plan a run may use, gathered from wherever they stand: phases, checks, signals, adapters. */
public final class PlanParts {

  private PlanParts() {}

  /**
   * Every phase of every procedure, and of every recovery strategy when asked.
   *
   * @param plan the plan
   * @param recoveries whether to include the recovery strategies
   * @return the phases, in plan order
   */
  public static List<Phase> phases(RollbackPlan plan, boolean recoveries) {
    List<Phase> out = new ArrayList<>();
    plan.procedures().forEach(p -> out.addAll(p.phases()));
    if (recoveries) {
      plan.recoveries().forEach(r -> out.addAll(r.phases()));
    }
    return out;
  }

  /**
   * Every check: the readiness checklist, the verification, the health checks, each phase's validations and its
   * steps' idempotency probes ({@link dev.rollback.Step#appliedWhen()}), and the recovery validations when asked.
   *
   * @param plan the plan
   * @param recoveries whether to include the recovery strategies
   * @return the checks, in plan order
   */
  public static List<Check> checks(RollbackPlan plan, boolean recoveries) {
    List<Check> out = new ArrayList<>(plan.readinessChecks());
    out.addAll(plan.verifications());
    out.addAll(plan.healthChecks());
    for (Phase ph : phases(plan, recoveries)) {
      out.addAll(ph.validations());
      ph.steps().forEach(st -> st.appliedWhen().ifPresent(out::add));
    }
    if (recoveries) {
      for (RecoveryStrategy r : plan.recoveries()) {
        out.addAll(r.validations());
      }
    }
    return out;
  }

  /**
   * Every signal the triggers, severities, assessment, check conditions and monitoring measure.
   *
   * @param plan the plan
   * @param recoveries whether to include the recovery strategies' checks
   * @return the signals, in plan order
   */
  public static Set<Signal> signals(RollbackPlan plan, boolean recoveries) {
    Set<Signal> out = new LinkedHashSet<>(plan.assessment());
    plan.triggers().forEach(t -> out.addAll(t.condition().signals()));
    plan.severities().forEach(s -> out.addAll(s.condition().signals()));
    checks(plan, recoveries).forEach(c -> c.condition().ifPresent(cond -> out.addAll(cond.signals())));
    plan.monitoring().ifPresent(m -> {
      out.addAll(m.metrics());
      m.rules().forEach(r -> out.addAll(r.condition().signals()));
    });
    return out;
  }

  /**
   * The facts a person may declare that the plan reads: every {@code declared(...)} of its triggers, severities,
   * check conditions and monitoring rules.
   *
   * @param plan the plan
   * @param recoveries whether to include the recovery strategies' checks
   * @return the facts' names, sorted
   */
  public static Set<String> declaredFacts(RollbackPlan plan, boolean recoveries) {
    Set<String> out = new TreeSet<>();
    plan.triggers().forEach(t -> declaredFacts(t.condition(), out));
    plan.severities().forEach(s -> declaredFacts(s.condition(), out));
    checks(plan, recoveries).forEach(c -> c.condition().ifPresent(cond -> declaredFacts(cond, out)));
    plan.monitoring().ifPresent(m -> m.rules().forEach(r -> declaredFacts(r.condition(), out)));
    return out;
  }

  private static void declaredFacts(dev.rollback.Condition c, Set<String> out) {
    if (c instanceof dev.rollback.Condition.Declared) {
      out.add(((dev.rollback.Condition.Declared) c).name());
    } else if (c instanceof dev.rollback.Condition.AllOf) {
      ((dev.rollback.Condition.AllOf) c).conditions().forEach(x -> declaredFacts(x, out));
    } else if (c instanceof dev.rollback.Condition.AnyOf) {
      ((dev.rollback.Condition.AnyOf) c).conditions().forEach(x -> declaredFacts(x, out));
    } else if (c instanceof dev.rollback.Condition.Not) {
      declaredFacts(((dev.rollback.Condition.Not) c).condition(), out);
    } else if (c instanceof dev.rollback.Condition.Consecutive) {
      declaredFacts(((dev.rollback.Condition.Consecutive) c).condition(), out);
    } else if (c instanceof dev.rollback.Condition.Sustained) {
      declaredFacts(((dev.rollback.Condition.Sustained) c).condition(), out);
    }
  }

  /**
   * The adapters the plan's kinds belong to: the part of each step, check and signal kind before its first dot.
   *
   * @param plan the plan
   * @param recoveries whether to include the recovery strategies
   * @return the adapters' names, sorted
   */
  public static Set<String> adapters(RollbackPlan plan, boolean recoveries) {
    Set<String> out = new TreeSet<>();
    phases(plan, recoveries).forEach(ph -> ph.steps().forEach(s -> out.add(namespace(s.kind()))));
    checks(plan, recoveries).forEach(c -> out.add(namespace(c.kind())));
    signals(plan, recoveries).forEach(s -> out.add(namespace(s.kind())));
    return out;
  }

  /**
   * The adapter a kind belongs to: the part of its name before the first dot.
   *
   * @param kind the kind, such as {@code git.revert}
   * @return the adapter's name, such as {@code git}
   */
  public static String namespace(String kind) {
    int dot = kind.indexOf('.');
    return dot > 0 ? kind.substring(0, dot) : kind;
  }
}
