package dev.rollback.internal;

import dev.rollback.Check;
import dev.rollback.Condition;
import dev.rollback.Phase;
import dev.rollback.RollbackPlan;
import dev.rollback.Signal;
import dev.rollback.Step;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parts of a plan a run may use, gathered by one {@link PlanWalker walk}: phases, checks, signals, the
 * secrets the parameters name, adapters.
 */
public final class PlanParts {

  private final List<Phase> phases = new ArrayList<>();
  /** The checks in the order {@link #checks} gives them: readiness, verification, health, then the phases'. */
  private final List<Check> topChecks = new ArrayList<>();
  private final List<Check> phaseChecks = new ArrayList<>();
  private final List<Check> recoveryChecks = new ArrayList<>();
  private final List<Signal> standalone = new ArrayList<>();
  private final List<Signal> decisionSignals = new ArrayList<>();
  private final List<Signal> monitoringSignals = new ArrayList<>();
  /** The parameters of the phases' parts, as they come: each step, its probe, the validations; recoveries last. */
  private final List<Object> phaseParams = new ArrayList<>();

  private PlanParts() {}

  /** Gathers the parts in one walk. */
  private static PlanParts of(RollbackPlan plan, boolean recoveries) {
    PlanParts out = new PlanParts();
    PlanWalker.walk(plan, recoveries, out.new Gatherer());
    return out;
  }

  /** What the walk calls; sorts each part into the lists above. */
  private final class Gatherer implements PlanWalker.Visitor {
    private List<Check> checksOfPhase = new ArrayList<>();
    /** Where the signals of the next condition go: the part it belongs to came just before it. */
    private List<Signal> current;

    @Override
    public void condition(PlanPath path, Condition condition) {
      if (current != null) {
        current.addAll(condition.signals());
      }
    }

    @Override
    public void trigger(PlanPath path, dev.rollback.Trigger trigger) {
      current = decisionSignals;
    }

    @Override
    public void severity(PlanPath path, dev.rollback.SeverityLevel severity) {
      current = decisionSignals;
    }

    @Override
    public void signal(PlanPath path, PlanWalker.SignalRole role, Signal signal) {
      (role == PlanWalker.SignalRole.ASSESSMENT ? standalone : monitoringSignals).add(signal);
    }

    @Override
    public void rule(PlanPath path, dev.rollback.MonitoringRule rule) {
      current = monitoringSignals;
    }

    @Override
    public void phase(PlanPath path, Phase phase) {
      phases.add(phase);
      checksOfPhase = new ArrayList<>();
    }

    @Override
    public void step(PlanPath path, Step step) {
      phaseParams.add(step.params());
    }

    @Override
    public void check(PlanPath path, PlanWalker.CheckRole role, Check check) {
      current = null; // a check's signals are gathered in the order of checks()
      if (role != PlanWalker.CheckRole.READINESS && role != PlanWalker.CheckRole.VERIFICATION
          && role != PlanWalker.CheckRole.HEALTH) {
        phaseParams.add(check.params());
      }
      switch (role) {
        case PROBE:
          checksOfPhase.add(check);
          break;
        case VALIDATION:
          phaseChecks.add(check);
          break;
        case RECOVERY_VALIDATION:
          recoveryChecks.add(check);
          break;
        default:
          topChecks.add(check);
      }
    }

    @Override
    public void endPhase(PlanPath path, Phase phase) {
      // A phase's validations come before its steps' probes.
      phaseChecks.addAll(checksOfPhase);
    }
  }

  /**
   * Every phase of every procedure, and of every recovery strategy when asked.
   *
   * @param plan the plan
   * @param recoveries whether to include the recovery strategies
   * @return the phases, in plan order
   */
  public static List<Phase> phases(RollbackPlan plan, boolean recoveries) {
    return of(plan, recoveries).phases;
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
    return of(plan, recoveries).checks();
  }

  private List<Check> checks() {
    List<Check> out = new ArrayList<>(topChecks.size() + phaseChecks.size() + recoveryChecks.size());
    out.addAll(topChecks);
    out.addAll(phaseChecks);
    out.addAll(recoveryChecks);
    return out;
  }

  /**
   * Every signal the assessment, triggers, severities, check conditions and monitoring measure.
   *
   * @param plan the plan
   * @param recoveries whether to include the recovery strategies' checks
   * @return the signals, in plan order
   */
  public static Set<Signal> signals(RollbackPlan plan, boolean recoveries) {
    return of(plan, recoveries).signals();
  }

  private Set<Signal> signals() {
    Set<Signal> out = new LinkedHashSet<>(standalone);
    out.addAll(decisionSignals);
    checks().forEach(c -> c.condition().ifPresent(cond -> out.addAll(cond.signals())));
    out.addAll(monitoringSignals);
    return out;
  }

  /**
   * The names of every secret the plan's parameters name, recovery strategies included: in the phases' steps,
   * probes and validations, then the readiness, verification and health checks, then the signals.
   *
   * @param plan the plan
   * @return the names, each once
   */
  public static Set<String> secretNames(RollbackPlan plan) {
    PlanParts parts = of(plan, true);
    List<dev.rollback.Arg> args = new ArrayList<>();
    for (Object params : parts.phaseParams) {
      Params.collectArgs(params, args);
    }
    for (Check c : parts.topChecks) {
      Params.collectArgs(c.params(), args);
    }
    for (Signal s : parts.signals()) {
      Params.collectArgs(s.params(), args);
    }
    Set<String> names = new LinkedHashSet<>();
    for (dev.rollback.Arg a : args) {
      if (a instanceof dev.rollback.Secret) {
        names.add(((dev.rollback.Secret) a).name());
      }
    }
    return names;
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
    PlanWalker.walk(plan, recoveries, new PlanWalker.Visitor() {
      @Override
      public void condition(PlanPath path, Condition condition) {
        declaredFacts(condition, out);
      }
    });
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
    PlanParts parts = of(plan, recoveries);
    Set<String> out = new TreeSet<>();
    parts.phases.forEach(ph -> ph.steps().forEach(s -> out.add(namespace(s.kind()))));
    parts.checks().forEach(c -> out.add(namespace(c.kind())));
    parts.signals().forEach(s -> out.add(namespace(s.kind())));
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
