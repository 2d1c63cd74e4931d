package dev.rollback.internal;

import dev.rollback.Check;
import dev.rollback.Condition;
import dev.rollback.MessageTemplate;
import dev.rollback.Monitoring;
import dev.rollback.MonitoringRule;
import dev.rollback.Phase;
import dev.rollback.Procedure;
import dev.rollback.RecoveryStrategy;
import dev.rollback.RollbackPlan;
import dev.rollback.SeverityLevel;
import dev.rollback.Signal;
import dev.rollback.Step;
import dev.rollback.Trigger;
import java.util.List;

/**
 * The one walk over a plan's parts: every consumer that needs "each part of the plan" (the checker, the
 * canonical form, the runbook renderer and its flowchart, the collectors of secrets, signals and kinds)
 * implements {@link Visitor} and lets this class list the parts, so a part added to the plan is added here once
 * and every consumer sees it.
 *
 * <p>Parts come in the order of the plan's canonical form: triggers, severities, the assessment's signals, the
 * readiness checklist, the procedures (each phase's steps, with their idempotency probes, then its validations),
 * verification, health checks, monitoring (metrics, then rules), the recovery strategies (phases, then recovery
 * validations), the messages and the message values. Each part comes with its {@link PlanPath}, such as
 * {@code procedures[gradual].phases[stop].steps[revert]}, named as {@link dev.rollback.RollbackPlan#check()}
 * reports problems there.
 */
public final class PlanWalker {

  /** Where a check stands, which decides when it runs and what it may refer to. */
  public enum CheckRole {
    /** The readiness checklist, before any step. */
    READINESS,
    /** A phase's validation, gating the next phase. */
    VALIDATION,
    /** A step's idempotency probe ({@link Step#appliedWhen()}), run only when a run resumes. */
    PROBE,
    /** Functionality verification, after the procedure. */
    VERIFICATION,
    /** A system health check, after the procedure. */
    HEALTH,
    /** A recovery strategy's own validation, after its phases. */
    RECOVERY_VALIDATION
  }

  /** Where a signal given on its own (not inside a condition) stands. */
  public enum SignalRole {
    /** Measured by the pre-rollback assessment. */
    ASSESSMENT,
    /** A metric watched by the monitoring after the rollback. */
    METRIC
  }

  /**
   * What a walk calls for each part of a plan; every method does nothing unless overridden. Parts that hold
   * others come as a pair ({@code procedure} then {@code endProcedure}) around the parts they hold.
   */
  public interface Visitor {

    /**
     * The plan, before any of its parts.
     *
     * @param plan the plan
     */
    default void plan(RollbackPlan plan) {}

    /**
     * The plan, after all of its parts.
     *
     * @param plan the plan
     */
    default void endPlan(RollbackPlan plan) {}

    /**
     * The start of a list of parts, before its first element; called for empty lists too.
     *
     * @param path where the list stands, such as {@code triggers} or {@code procedures[name].phases}
     * @param field the list's name: {@code triggers}, {@code severities}, {@code assessment},
     *     {@code readinessChecks}, {@code procedures}, {@code phases}, {@code steps}, {@code validations},
     *     {@code verifications}, {@code healthChecks}, {@code metrics}, {@code rules}, {@code recoveries},
     *     {@code messages}
     * @param items its elements
     */
    default void list(PlanPath path, String field, List<?> items) {}

    /**
     * The end of a list of parts, after its last element.
     *
     * @param path where the list stands
     * @param field the list's name
     * @param items its elements
     */
    default void endList(PlanPath path, String field, List<?> items) {}

    /**
     * A trigger.
     *
     * @param path where it stands, {@code triggers[name]}
     * @param trigger the trigger
     */
    default void trigger(PlanPath path, Trigger trigger) {}

    /**
     * A severity level.
     *
     * @param path where it stands, {@code severities[name]}
     * @param severity the severity level
     */
    default void severity(PlanPath path, SeverityLevel severity) {}

    /**
     * The condition of a trigger, a severity, a check or a monitoring rule, after the part it belongs to; the
     * signals it measures are {@link Condition#signals()}.
     *
     * @param path where it stands, such as {@code triggers[name].condition}
     * @param condition the condition
     */
    default void condition(PlanPath path, Condition condition) {}

    /**
     * A signal given on its own: one the assessment measures, or a monitoring metric.
     *
     * @param path where it stands, {@code assessment[name]} or {@code monitoring.metrics[name]}
     * @param role where it is used
     * @param signal the signal
     */
    default void signal(PlanPath path, SignalRole role, Signal signal) {}

    /**
     * A check, wherever it stands; its condition, if any, follows through {@link #condition}.
     *
     * @param path where it stands, such as {@code readinessChecks[name]} or {@code ...steps[name].appliedWhen}
     * @param role where it stands
     * @param check the check
     */
    default void check(PlanPath path, CheckRole role, Check check) {}

    /**
     * A procedure, before its phases.
     *
     * @param path where it stands, {@code procedures[name]}
     * @param procedure the procedure
     */
    default void procedure(PlanPath path, Procedure procedure) {}

    /**
     * The end of a procedure, after its phases.
     *
     * @param path where it stands
     * @param procedure the procedure
     */
    default void endProcedure(PlanPath path, Procedure procedure) {}

    /**
     * A recovery strategy, before its phases.
     *
     * @param path where it stands, {@code recoveries[name]}
     * @param recovery the recovery strategy
     */
    default void recovery(PlanPath path, RecoveryStrategy recovery) {}

    /**
     * The end of a recovery strategy, after its phases and its recovery validations.
     *
     * @param path where it stands
     * @param recovery the recovery strategy
     */
    default void endRecovery(PlanPath path, RecoveryStrategy recovery) {}

    /**
     * A phase of a procedure or of a recovery strategy, before its steps.
     *
     * @param path where it stands, such as {@code procedures[name].phases[name]}
     * @param phase the phase
     */
    default void phase(PlanPath path, Phase phase) {}

    /**
     * The end of a phase, after its steps and its validations.
     *
     * @param path where it stands
     * @param phase the phase
     */
    default void endPhase(PlanPath path, Phase phase) {}

    /**
     * A step; its idempotency probe, if any, follows through {@link #check} as {@link CheckRole#PROBE}.
     *
     * @param path where it stands, such as {@code procedures[name].phases[name].steps[name]}
     * @param step the step
     */
    default void step(PlanPath path, Step step) {}

    /**
     * The end of a step, after its idempotency probe.
     *
     * @param path where it stands
     * @param step the step
     */
    default void endStep(PlanPath path, Step step) {}

    /**
     * The monitoring after the rollback, before its metrics and rules.
     *
     * @param path where it stands, {@code monitoring}
     * @param monitoring the monitoring
     */
    default void monitoring(PlanPath path, Monitoring monitoring) {}

    /**
     * The end of the monitoring, after its rules.
     *
     * @param path where it stands, {@code monitoring}
     * @param monitoring the monitoring
     */
    default void endMonitoring(PlanPath path, Monitoring monitoring) {}

    /**
     * A monitoring rule; its condition follows through {@link #condition}.
     *
     * @param path where it stands, {@code monitoring.rules[name]}
     * @param rule the rule
     */
    default void rule(PlanPath path, MonitoringRule rule) {}

    /**
     * A message template.
     *
     * @param path where it stands, {@code messages[name]}
     * @param message the message
     */
    default void message(PlanPath path, MessageTemplate message) {}

    /**
     * A value the messages use unless a run gives another.
     *
     * @param path where it stands, {@code messageValues[name]}
     * @param name the value's name
     * @param value the value
     */
    default void messageValue(PlanPath path, String name, Object value) {}
  }

  private static final PlanPath TRIGGERS = PlanPath.of("triggers");
  private static final PlanPath SEVERITIES = PlanPath.of("severities");
  private static final PlanPath ASSESSMENT = PlanPath.of("assessment");
  private static final PlanPath READINESS = PlanPath.of("readinessChecks");
  private static final PlanPath PROCEDURES = PlanPath.of("procedures");
  private static final PlanPath VERIFICATIONS = PlanPath.of("verifications");
  private static final PlanPath HEALTH = PlanPath.of("healthChecks");
  private static final PlanPath MONITORING = PlanPath.of("monitoring");
  private static final PlanPath METRICS = PlanPath.of("monitoring.metrics");
  private static final PlanPath RULES = PlanPath.of("monitoring.rules");
  private static final PlanPath RECOVERIES = PlanPath.of("recoveries");
  private static final PlanPath MESSAGES = PlanPath.of("messages");
  private static final PlanPath MESSAGE_VALUES = PlanPath.of("messageValues");

  private PlanWalker() {}

  /**
   * Walks every part of a plan, recovery strategies included.
   *
   * @param plan the plan
   * @param v what to call for each part
   */
  public static void walk(RollbackPlan plan, Visitor v) {
    walk(plan, true, v);
  }

  /**
   * Walks the parts of a plan, the recovery strategies only when asked.
   *
   * @param plan the plan
   * @param recoveries whether to walk the recovery strategies
   * @param v what to call for each part
   */
  public static void walk(RollbackPlan plan, boolean recoveries, Visitor v) {
    v.plan(plan);
    v.list(TRIGGERS, "triggers", plan.triggers());
    for (Trigger t : plan.triggers()) {
      PlanPath path = TRIGGERS.named(t.name());
      v.trigger(path, t);
      v.condition(path.field("condition"), t.condition());
    }
    v.endList(TRIGGERS, "triggers", plan.triggers());
    v.list(SEVERITIES, "severities", plan.severities());
    for (SeverityLevel s : plan.severities()) {
      PlanPath path = SEVERITIES.named(s.name());
      v.severity(path, s);
      v.condition(path.field("condition"), s.condition());
    }
    v.endList(SEVERITIES, "severities", plan.severities());
    v.list(ASSESSMENT, "assessment", plan.assessment());
    for (Signal s : plan.assessment()) {
      v.signal(ASSESSMENT.named(s.displayName()), SignalRole.ASSESSMENT, s);
    }
    v.endList(ASSESSMENT, "assessment", plan.assessment());
    checks(READINESS, "readinessChecks", CheckRole.READINESS, plan.readinessChecks(), v);
    v.list(PROCEDURES, "procedures", plan.procedures());
    for (Procedure p : plan.procedures()) {
      PlanPath path = PROCEDURES.named(p.name());
      v.procedure(path, p);
      phases(path, p.phases(), v);
      v.endProcedure(path, p);
    }
    v.endList(PROCEDURES, "procedures", plan.procedures());
    checks(VERIFICATIONS, "verifications", CheckRole.VERIFICATION, plan.verifications(), v);
    checks(HEALTH, "healthChecks", CheckRole.HEALTH, plan.healthChecks(), v);
    if (plan.monitoring().isPresent()) {
      Monitoring m = plan.monitoring().get();
      v.monitoring(MONITORING, m);
      v.list(METRICS, "metrics", m.metrics());
      for (Signal s : m.metrics()) {
        v.signal(METRICS.named(s.displayName()), SignalRole.METRIC, s);
      }
      v.endList(METRICS, "metrics", m.metrics());
      v.list(RULES, "rules", m.rules());
      for (MonitoringRule r : m.rules()) {
        // The rule's name as written: unlike the other names of paths, not escaped.
        PlanPath path = PlanPath.of("monitoring.rules[" + r.name() + "]");
        v.rule(path, r);
        v.condition(path.field("condition"), r.condition());
      }
      v.endList(RULES, "rules", m.rules());
      v.endMonitoring(MONITORING, m);
    }
    if (recoveries) {
      v.list(RECOVERIES, "recoveries", plan.recoveries());
      for (RecoveryStrategy r : plan.recoveries()) {
        PlanPath path = RECOVERIES.named(r.name());
        v.recovery(path, r);
        phases(path, r.phases(), v);
        checks(path.field("validations"), "validations", CheckRole.RECOVERY_VALIDATION, r.validations(), v);
        v.endRecovery(path, r);
      }
      v.endList(RECOVERIES, "recoveries", plan.recoveries());
    }
    v.list(MESSAGES, "messages", plan.messages());
    for (MessageTemplate m : plan.messages()) {
      v.message(MESSAGES.named(m.name()), m);
    }
    v.endList(MESSAGES, "messages", plan.messages());
    plan.messageValues().forEach((name, value) -> v.messageValue(MESSAGE_VALUES.named(name), name, value));
    v.endPlan(plan);
  }

  private static void phases(PlanPath path, List<Phase> phases, Visitor v) {
    PlanPath phasesPath = path.field("phases");
    v.list(phasesPath, "phases", phases);
    for (Phase ph : phases) {
      PlanPath phPath = phasesPath.named(ph.name());
      v.phase(phPath, ph);
      PlanPath steps = phPath.field("steps");
      v.list(steps, "steps", ph.steps());
      for (Step s : ph.steps()) {
        PlanPath sPath = steps.named(s.name());
        v.step(sPath, s);
        if (s.appliedWhen().isPresent()) {
          check(sPath.field("appliedWhen"), CheckRole.PROBE, s.appliedWhen().get(), v);
        }
        v.endStep(sPath, s);
      }
      v.endList(steps, "steps", ph.steps());
      checks(phPath.field("validations"), "validations", CheckRole.VALIDATION, ph.validations(), v);
      v.endPhase(phPath, ph);
    }
    v.endList(phasesPath, "phases", phases);
  }

  private static void checks(PlanPath path, String field, CheckRole role, List<Check> checks, Visitor v) {
    v.list(path, field, checks);
    for (Check c : checks) {
      check(path.named(c.name()), role, c, v);
    }
    v.endList(path, field, checks);
  }

  private static void check(PlanPath path, CheckRole role, Check c, Visitor v) {
    v.check(path, role, c);
    if (c.condition().isPresent()) {
      v.condition(path.field("condition"), c.condition().get());
    }
  }
}
