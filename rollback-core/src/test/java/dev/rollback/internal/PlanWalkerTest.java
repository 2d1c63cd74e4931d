package dev.rollback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Check;
import dev.rollback.Checks;
import dev.rollback.NotificationEvent;
import dev.rollback.PlanProblem;
import dev.rollback.RecoveryStrategy;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Signal;
import dev.rollback.Step;
import dev.rollback.Effect;
import dev.rollback.Unit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A plan using every kind of part, each carrying its own secret, kind and a parameter the checker refuses, and
 * every consumer of the plan's walk (the checker, the canonical form, the runbook, the collectors of secrets,
 * signals, checks and adapters) seeing every one of them.
 */
class PlanWalkerTest {

  /** A part that has parameters: its kind's namespace, its secret and its name all say which part it is. */
  private static Map<String, Object> params(String part) {
    return Map.of("token", Rollback.secret("S_" + part), "wait", Duration.ZERO);
  }

  private static Signal signal(String part) {
    return Signal.of(part + ".measure", Unit.COUNT, part + " label", params(part)).named(part + "-signal");
  }

  private static Check check(String part) {
    return Check.of(part + ".check", part + "-check", params(part));
  }

  private static Step step(String part) {
    return Step.of(part + ".step", part + "-step", Effect.REVERSIBLE, params(part));
  }

  /** Every part with parameters, by the name its kind, secret and name are made of. */
  private static final List<String> PARTS = List.of("trigger", "severity", "assessment", "readiness", "procstep",
      "probe", "validation", "verification", "verifycondition", "health", "metric", "rule", "recoverystep",
      "recoveryphasevalidation", "recoveryvalidation");

  static RollbackPlan everyPart() {
    return Rollback.plan("every part")
        .trigger("t1", "the trigger", signal("trigger").above(1))
        .severity(Rollback.severity("sev1").when(Rollback.anyOf(Rollback.trigger("t1"),
            signal("severity").above(1))).rollbackWithin(Rollback.hours(24)).approval(Rollback.single("maintainer")))
        .assess(signal("assessment"))
        .checklist(check("readiness"))
        .procedure(Rollback.procedure("proc")
            .phase(Rollback.phase("proc-phase")
                .step(step("procstep").appliedWhen(check("probe")).as("out"))
                .validate(check("validation"))))
        .verify(check("verification"), Checks.that(signal("verifycondition").atMost(5)).named("verify-condition"))
        .healthCheck(check("health"))
        .monitoring(Rollback.monitoring().metric(signal("metric"))
            .alert("the-rule", signal("rule").above(1), "page someone"))
        .recovery(Rollback.recovery("rec", RecoveryStrategy.Kind.FORWARD).approval(Rollback.single("maintainer"))
            .phase(Rollback.phase("rec-phase").step(step("recoverystep")).validate(check("recoveryphasevalidation")))
            .validate(check("recoveryvalidation")))
        .communicate(Rollback.message("the-message").on(NotificationEvent.ROLLBACK_COMPLETED).title("done")
            .body("body"))
        .messageValue("out", "a value that clashes with the step's output")
        .build();
  }

  @Test
  void theWalkVisitsEveryPartWithItsPathInTheCanonicalOrder() {
    List<String> seen = new ArrayList<>();
    PlanWalker.walk(everyPart(), new PlanWalker.Visitor() {
      @Override
      public void trigger(PlanPath path, dev.rollback.Trigger t) {
        seen.add(path.toString());
      }

      @Override
      public void severity(PlanPath path, dev.rollback.SeverityLevel s) {
        seen.add(path.toString());
      }

      @Override
      public void condition(PlanPath path, dev.rollback.Condition c) {
        seen.add(path.toString());
      }

      @Override
      public void signal(PlanPath path, PlanWalker.SignalRole role, Signal s) {
        seen.add(path + " " + role);
      }

      @Override
      public void check(PlanPath path, PlanWalker.CheckRole role, Check c) {
        seen.add(path + " " + role);
      }

      @Override
      public void procedure(PlanPath path, dev.rollback.Procedure p) {
        seen.add(path.toString());
      }

      @Override
      public void phase(PlanPath path, dev.rollback.Phase p) {
        seen.add(path.toString());
      }

      @Override
      public void step(PlanPath path, Step s) {
        seen.add(path.toString());
      }

      @Override
      public void monitoring(PlanPath path, dev.rollback.Monitoring m) {
        seen.add(path.toString());
      }

      @Override
      public void rule(PlanPath path, dev.rollback.MonitoringRule r) {
        seen.add(path.toString());
      }

      @Override
      public void recovery(PlanPath path, RecoveryStrategy r) {
        seen.add(path.toString());
      }

      @Override
      public void message(PlanPath path, dev.rollback.MessageTemplate m) {
        seen.add(path.toString());
      }

      @Override
      public void messageValue(PlanPath path, String name, Object value) {
        seen.add(path.toString());
      }
    });

    assertThat(seen).containsExactly(
        "triggers[t1]", "triggers[t1].condition",
        "severities[sev1]", "severities[sev1].condition",
        "assessment[assessment-signal] ASSESSMENT",
        "readinessChecks[readiness-check] READINESS",
        "procedures[proc]", "procedures[proc].phases[proc-phase]",
        "procedures[proc].phases[proc-phase].steps[procstep-step]",
        "procedures[proc].phases[proc-phase].steps[procstep-step].appliedWhen PROBE",
        "procedures[proc].phases[proc-phase].validations[validation-check] VALIDATION",
        "verifications[verification-check] VERIFICATION",
        "verifications[verify-condition] VERIFICATION", "verifications[verify-condition].condition",
        "healthChecks[health-check] HEALTH",
        "monitoring", "monitoring.metrics[metric-signal] METRIC",
        "monitoring.rules[the-rule]", "monitoring.rules[the-rule].condition",
        "recoveries[rec]", "recoveries[rec].phases[rec-phase]", "recoveries[rec].phases[rec-phase].steps[recoverystep-step]",
        "recoveries[rec].phases[rec-phase].validations[recoveryphasevalidation-check] VALIDATION",
        "recoveries[rec].validations[recoveryvalidation-check] RECOVERY_VALIDATION",
        "messages[the-message]",
        "messageValues[out]");
  }

  @Test
  void theSecretCollectorSeesEveryPartRecoveriesIncluded() {
    assertThat(PlanParts.secretNames(everyPart()))
        .containsExactlyInAnyOrderElementsOf(PARTS.stream().map(p -> "S_" + p).collect(Collectors.toList()));
  }

  @Test
  void theSignalCheckPhaseAndAdapterCollectorsSeeEveryPart() {
    RollbackPlan plan = everyPart();

    assertThat(PlanParts.signals(plan, true)).extracting(Signal::displayName).containsExactlyInAnyOrder(
        "trigger-signal", "severity-signal", "assessment-signal", "verifycondition-signal", "metric-signal",
        "rule-signal");
    assertThat(PlanParts.checks(plan, true)).extracting(Check::name).containsExactlyInAnyOrder("readiness-check",
        "probe-check", "validation-check", "verification-check", "verify-condition", "health-check",
        "recoveryphasevalidation-check", "recoveryvalidation-check");
    assertThat(PlanParts.phases(plan, true)).extracting(p -> p.name()).containsExactly("proc-phase", "rec-phase");
    assertThat(PlanParts.adapters(plan, true)).containsAll(PARTS.stream()
        .filter(p -> !p.equals("verifycondition")).collect(Collectors.toList()));
  }

  @Test
  void theCheckerSeesEveryPart() {
    List<String> durations = everyPart().check().problems().stream()
        .filter(p -> p.rule() == PlanProblem.Rule.NON_POSITIVE_DURATION).map(PlanProblem::path)
        .collect(Collectors.toList());

    assertThat(durations).containsExactlyInAnyOrder(
        "triggers[t1].condition.signal.wait",
        "severities[sev1].condition.signal.wait",
        "assessment[assessment-signal].signal.wait",
        "readinessChecks[readiness-check].params.wait",
        "procedures[proc].phases[proc-phase].steps[procstep-step].params.wait",
        "procedures[proc].phases[proc-phase].steps[procstep-step].appliedWhen.params.wait",
        "procedures[proc].phases[proc-phase].validations[validation-check].params.wait",
        "verifications[verification-check].params.wait",
        "verifications[verify-condition].condition.signal.wait",
        "healthChecks[health-check].params.wait",
        "monitoring.metrics[metric-signal].signal.wait",
        "monitoring.rules[the-rule].condition.signal.wait",
        "recoveries[rec].phases[rec-phase].steps[recoverystep-step].params.wait",
        "recoveries[rec].phases[rec-phase].validations[recoveryphasevalidation-check].params.wait",
        "recoveries[rec].validations[recoveryvalidation-check].params.wait");
    assertThat(everyPart().check().problems()).extracting(PlanProblem::path)
        .contains("messages[the-message].channels", "messageValues[out]");
  }

  @Test
  void theCanonicalFormHoldsEveryPart() {
    String json = everyPart().canonicalJson();

    for (String part : PARTS) {
      assertThat(json).contains("\"" + part + ".").contains("\"secret:S_" + part + "\"");
    }
    assertThat(json).contains("\"t1\"", "\"sev1\"", "\"proc\"", "\"proc-phase\"", "\"rec\"", "\"rec-phase\"",
        "\"the-rule\"", "\"the-message\"", "\"messageValues\":{\"out\":");
  }

  @Test
  void theRunbookShowsEveryPart() {
    String md = everyPart().toMarkdown();

    assertThat(md).contains("**t1**", "| sev1 |", "`assessment-signal`", "readiness-check", "Procedure: proc",
        "Phase 1: proc-phase", "procstep-step", "done when probe-check passes", "validation-check",
        "verification-check", "verify-condition", "health-check", "`metric-signal`", "| the-rule |", "rec (forward",
        "rec-phase", "recoverystep-step", "recoveryphasevalidation-check", "recoveryvalidation-check",
        "### the-message", "- out: a value that clashes");
  }
}
