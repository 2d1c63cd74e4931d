package dev.rollback;

import static dev.rollback.Rollback.anyOf;
import static dev.rollback.Rollback.branch;
import static dev.rollback.Rollback.consensus;
import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.discretion;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.message;
import static dev.rollback.Rollback.minutes;
import static dev.rollback.Rollback.monitoring;
import static dev.rollback.Rollback.path;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.recovery;
import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.role;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static dev.rollback.Rollback.trigger;
import static dev.rollback.Rollback.weeks;

import java.util.Map;

/**
 * Plans for tests, built with the core alone. {@link #seed()} follows the P3-007 runbook closely enough to carry
 * its decision matrix; it is valid, and its hash is pinned by {@code PlanValueTest}: change it deliberately.
 */
final class TestPlans {

  static final Signal TEST_TIME = Signals.commandNumber(Command.of("scripts/benchmark_performance.sh"),
      "Total Time: (\\d+)s", Unit.SECONDS).named("test_execution_time");
  static final Baseline BASELINE = Baseline.file(path("perf/baseline.json"), "test_execution_time");

  private TestPlans() {}

  /** A step standing for an adapter's read: it binds {@code name}. */
  static Step find(String name) {
    return Step.of("test.find", "find " + name, Effect.READ_ONLY, Map.of("what", name)).as(name);
  }

  /** A reversible step with a path and a ref name. */
  static Step restore(String file) {
    return Step.of("test.restore", "restore " + file, Effect.REVERSIBLE,
        Map.of("file", path(file), "from", ref("culprit"))).timeout(minutes(2));
  }

  /** The seed-like plan: four severities, two procedures, verification, monitoring, recovery, messages. */
  static RollbackPlan seed() {
    return Rollback.plan("P3-007 Docker CI test execution")
        .summary("Rollback of the Docker CI test execution — déjà vu for İstanbul.")
        .trigger("performance-degradation", "Performance degradation > 50% from baseline",
            TEST_TIME.above(BASELINE.plusPercent(50)))
        .trigger("test-reliability", "Test reliability drops below 95% success rate", declared("unreliable"))
        .trigger("ci-broken", "Critical CI failures preventing deployments", declared("ci-broken"))
        .severity(severity("critical")
            .description("CI completely broken, blocking all deployments")
            .when(trigger("ci-broken"))
            .rollbackWithin(hours(1))
            .approval(single("maintainer"))
            .procedure("emergency"))
        .severity(severity("high")
            .description("Performance degradation > 50%, test failures > 5%")
            .when(anyOf(trigger("performance-degradation"), trigger("test-reliability")))
            .rollbackWithin(hours(24))
            .approval(role("team-lead")))
        .severity(severity("medium")
            .description("Performance degradation 20-50%, minor test instability")
            .when(TEST_TIME.above(BASELINE.plusPercent(20)))
            .rollbackWithin(weeks(1))
            .approval(consensus(2, "maintainer", "team-lead", "developer")))
        .severity(severity("low")
            .description("Minor performance issues, cosmetic problems")
            .when(declared("cosmetic"))
            .fixForwardOrRollbackWithin(weeks(2), "next sprint")
            .approval(discretion()))
        .assess(Signals.fileNumber(path("perf/current.txt"), "(\\d+)", Unit.SECONDS).named("current_time"))
        .impact("Deployment Impact: Assess effect on ongoing deployments")
        .checklist(
            Checks.confirm("Backup current configuration files").timeout(minutes(3)),
            Checks.confirm("Prepare rollback communication plan").timeout(minutes(3)))
        .procedure(procedure("gradual")
            .phase(phase("Disable Docker test execution")
                .action("Revert to direct pytest execution")
                .step(find("culprit"), restore(".github/workflows/ci.yml"))
                .validate(Checks.command("make", "quick-check")))
            .phase(phase("Remove Docker test infrastructure")
                .step(Step.of("test.branch", "create branch", Effect.REVERSIBLE,
                    Map.of("name", branch("rollback-p3-007-{{run.date}}"))))
                .validate(Checks.that(TEST_TIME.atMost(300)).named("performance within 300 s"))))
        .emergency(procedure("emergency")
            .phase(phase("Stop CI and revert")
                .step(find("culprit"), Steps.command("scripts/cancel_ci.sh").timeout(minutes(2)))
                .validate(Checks.confirm("No CI run is in progress").timeout(minutes(2)))))
        .verify(Checks.command("make", "pre-push"))
        .healthCheck(Checks.confirm("Developer workflow unaffected"))
        .monitoring(monitoring()
            .metric(TEST_TIME)
            .alert(TEST_TIME.above(BASELINE.plusPercent(50)), "Performance analysis"))
        .recovery(recovery("forward", RecoveryStrategy.Kind.FORWARD)
            .approval(role("team-lead"))
            .phase(phase("Apply targeted fixes")
                .step(Steps.command("scripts/apply_fixes.sh"))
                .validate(Checks.command("make", "quick-check")))
            .validate(Checks.that(TEST_TIME.atMost(300)).named("performance within 300 s")))
        .communicate(message("rollback-notification")
            .on(NotificationEvent.ROLLBACK_COMPLETED)
            .title("P3-007 Rollback Notification")
            .body("## Summary\nRolled back due to {{reason}}.\n")
            .via("github-issue"))
        .successCriterion("No data loss or corruption during rollback")
        .build();
  }
}
