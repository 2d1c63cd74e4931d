// The P3-007 runbook as a plan, in JShell. The same plan as dev.rollback.examples.P3007Plan (a test keeps
// them equal). Try it:
//   ./rollback render examples/jshell/p3-007.jsh     the runbook, in Markdown
//   ./rollback check examples/jshell/p3-007.jsh      no problems
// or open it in jshell with the launcher's class path and explore `plan`.
//
// The Docker parts use the Docker adapter. Git and GitHub steps, checks and signals come with their adapters;
// until then the parts that need them are a person's confirmation or left out, and a comment marks where each
// adapter's factory goes.

import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.docker.*;

// The time the benchmark script reports, in seconds: "Total Time: 123s".
Signal testTime = Signals.commandNumber(Command.of("scripts/benchmark_performance.sh"), "Total Time: (\\d+)s",
    Unit.SECONDS).named("test_execution_time");

// The test execution time recorded before P3-007.
Baseline baseline = Baseline.file(path("perf/baseline.json"), "test_execution_time");

// The seed's recovery validation: core functionality, the Docker implementation
// (docker compose -f docker-compose.test.yml run --rm test), then performance within 300 s.
Check[] recoveryValidation = {
    Checks.command("make", "quick-check").named("Validate core functionality"),
    DockerChecks.composeServicePasses(path("docker-compose.test.yml"), "test")
        .named("Validate Docker implementation"),
    Checks.that(testTime.atMost(300)).named("Validate performance")
};

String rollbackBody = String.join("\n",
    "## Summary",
    "Docker CI test execution has been rolled back due to {{reason}}.",
    "",
    "## Impact",
    "- CI pipeline reverted to previous stable state",
    "- Test execution time: {{metrics.test_execution_time}}",
    "- No impact on development workflow",
    "",
    "## Timeline",
    "- Issue detected: {{timeline.detected}}",
    "- Rollback initiated: {{timeline.started}}",
    "- Rollback completed: {{timeline.completed}}",
    "",
    "## Next Steps",
    "- Root cause analysis in progress",
    "- Fix timeline: {{decision.deadline}}",
    "- Monitoring enhanced during recovery");

String recoveryBody = String.join("\n",
    "## Summary",
    "Docker CI test execution has been restored with fixes applied.",
    "",
    "## Changes",
    "{{#fixes}}",
    "- {{.}}",
    "{{/fixes}}",
    "- Enhanced monitoring implemented",
    "- Performance optimizations included",
    "",
    "## Validation",
    "- All acceptance criteria verified",
    "- Performance within targets",
    "- Extended monitoring period active",
    "",
    "## Support",
    "Contact {{team}} for any issues or questions.");

// The parentheses keep JShell reading to the end of the plan: a line that is a complete statement on its own,
// such as `RollbackPlan plan = plan("...")`, would otherwise end it there.
RollbackPlan plan = (plan("P3-007 Docker CI test execution")
    .summary("Rollback validation and recovery procedures for the Docker CI test execution introduced by"
        + " P3-007.")

    // Rollback scenarios. The GitHub adapter will measure test reliability and CI status
    // (GitHubSignals.successRate(workflow("ci.yml"), lastRuns(10))) and the Docker adapter resource
    // exhaustion (DockerSignals.diskUsage()); until then a person declares them when starting the run.
    .trigger("performance-degradation", "Performance degradation > 50% from baseline",
        testTime.above(baseline.plusPercent(50)))
    .trigger("test-reliability", "Test reliability drops below 95% success rate",
        declared("test-reliability-below-95-percent"))
    .trigger("ci-broken", "Critical CI failures preventing deployments", declared("ci-broken"))
    .trigger("resource-exhaustion", "Resource exhaustion in GitHub Actions runners",
        declared("resource-exhaustion"))
    .trigger("security-vulnerability", "Security vulnerabilities in Docker implementation",
        declared("security-vulnerability"))

    // Decision matrix: the highest severity whose condition holds wins.
    .severity(severity("critical")
        .description("CI completely broken, blocking all deployments")
        .when(trigger("ci-broken"))
        .rollbackWithin(hours(1))
        .approval(single("maintainer"))
        .procedure("emergency"))
    .severity(severity("high")
        .description("Performance degradation > 50%, test failures > 5%")
        .when(anyOf(trigger("performance-degradation"), trigger("test-reliability"),
            trigger("security-vulnerability"), trigger("resource-exhaustion")))
        .rollbackWithin(hours(24))
        .approval(role("team-lead")))
    .severity(severity("medium")
        .description("Performance degradation 20-50%, minor test instability")
        .when(anyOf(testTime.above(baseline.plusPercent(20)), declared("minor-test-instability")))
        .rollbackWithin(weeks(1))
        .approval(consensus(2, "maintainer", "team-lead", "developer")))
    .severity(severity("low")
        .description("Minor performance issues, cosmetic problems")
        .when(anyOf(testTime.above(baseline.plusPercent(10)), declared("cosmetic-problems")))
        .fixForwardOrRollbackWithin(weeks(2), "next sprint")
        .approval(discretion()))

    // System state assessment: performance, and Docker's `system df` and `system events --since 1h --until
    // now`. GitHub (CI status of the last 10 runs) joins here with its adapter.
    .assess(Signals.commandNumber(Command.of("scripts/benchmark_current_performance.sh"),
            "Total Time: (\\d+)s", Unit.SECONDS).named("current_performance"),
        DockerSignals.diskUsage().named("docker_disk_usage"),
        DockerSignals.reclaimable().named("docker_reclaimable"),
        DockerSignals.events(hours(1)).named("docker_events_last_hour"),
        DockerSignals.nonZeroExits(hours(1)).named("docker_failed_containers_last_hour"))
    .impact("Deployment Impact: Assess effect on ongoing deployments",
        "Developer Experience: Evaluate impact on development workflow",
        "Test Coverage: Ensure test coverage maintained during rollback",
        "Data Loss Risk: Identify any data that might be lost")

    // Rollback readiness checklist. "Identify rollback commit hash" becomes
    // GitChecks.lastCommitMatching("P3-007").as("culprit") with the Git adapter, binding the commit for the
    // procedures' GitSteps.
    .checklist(
        Checks.confirm("Backup current configuration files").timeout(minutes(3)),
        Checks.confirm("Document current state and performance metrics").timeout(minutes(3)),
        Checks.confirm("Identify rollback commit hash").timeout(minutes(3)),
        Checks.confirm("Verify rollback environment compatibility").timeout(minutes(3)),
        Checks.confirm("Prepare rollback communication plan").timeout(minutes(3)))

    // Gradual rollback. Each confirmation becomes GitSteps.restore(ref("culprit"), path(...)) of the phase's
    // files with the Git adapter.
    .procedure(procedure("gradual")
        .description("Roll back in three phases, validating each before the next.")
        .phase(phase("Disable Docker test execution")
            .action("Revert to direct pytest execution")
            .step(Steps.confirm("Restore .github/workflows/ci.yml as it was before P3-007"))
            // GitHubChecks.workflowPasses("ci.yml") with the GitHub adapter.
            .validate(Checks.confirm("Verify CI passes with direct execution"))
            .onFailure(FailurePolicy.COMPENSATE))
        .phase(phase("Remove Docker test infrastructure")
            .action("Remove Docker-specific configurations")
            .step(Steps.confirm("Remove docker-compose.test.yml and Dockerfile.test as introduced by P3-007"))
            .validate(
                Checks.command("test", "!", "-e", "docker-compose.test.yml")
                    .named("docker-compose.test.yml is gone"),
                Checks.command("test", "!", "-e", "Dockerfile.test").named("Dockerfile.test is gone"),
                Checks.command("sh", "-c", "! grep -qi docker .github/workflows/ci.yml")
                    .named("Verify no Docker dependencies remain"))
            .onFailure(FailurePolicy.COMPENSATE))
        .phase(phase("Restore original test scripts")
            .action("Revert test execution scripts")
            .step(Steps.confirm("Restore scripts/run_docker_tests.sh as it was before P3-007"))
            .validate(Checks.command("make", "quick-check").named("Verify original test workflow restored"))
            .onFailure(FailurePolicy.COMPENSATE)))

    // Emergency rollback. With the adapters: GitHubSteps.cancelRuns(workflow("ci.yml")),
    // GitSteps.revert(ref("culprit")), GitSteps.push(branch("main")).withLease() and
    // GitHubChecks.latestRunConcludes("success").
    .emergency(procedure("emergency")
        .description("The fast path: stop CI, revert, push, verify.")
        .phase(phase("Stop all current CI jobs")
            .step(Steps.confirm("Cancel the CI runs in progress").effect(Effect.IRREVERSIBLE)
                .timeout(minutes(5)))
            .validate(Checks.confirm("No CI run is in progress").timeout(minutes(2))))
        .phase(phase("Revert to last known good state")
            .step(Steps.confirm("Revert the P3-007 commit on main").timeout(minutes(5)))
            .validate(Checks.command("make", "quick-check").named("core functionality").timeout(minutes(5))))
        .phase(phase("Force push (emergency only)")
            .step(Steps.confirm("Push main to origin with --force-with-lease").effect(Effect.IRREVERSIBLE)
                .timeout(minutes(2)))
            .validate(Checks.confirm("Verify rollback: the latest CI run on main passes").timeout(minutes(5)))))

    // Post-rollback validation. "Verify CI pipeline works" becomes GitHubSteps.dispatch("ci.yml") followed
    // by GitHubChecks.latestRunConcludes("success") with the GitHub adapter.
    .verify(
        Checks.command("make", "quick-check"),
        Checks.command("make", "pre-push"),
        Checks.command("pytest", "--cov=.", "--cov-report=term-missing").named("Verify test coverage"),
        Checks.that(testTime.atMost(baseline.plusPercent(50))).named("Check performance baseline"))
    // System health checks. "No resource leaks or orphaned processes": no container Rollback started remains.
    .healthCheck(
        Checks.confirm("CI pipeline executes successfully"),
        Checks.confirm("All tests pass consistently"),
        Checks.that(testTime.atMost(baseline.plusPercent(10)))
            .named("Performance metrics within acceptable range"),
        DockerChecks.noOrphanedContainers().named("No resource leaks or orphaned processes"),
        Checks.confirm("Developer workflow unaffected"))

    // Monitoring and alerting. ci_success_rate < 95% -> "Immediate investigation" (GitHub),
    // resource_utilization (Docker) and error_rate > 1% -> "Root cause analysis" join with the adapters.
    .monitoring(monitoring()
        .every(minutes(15))
        .forPeriod(hours(72))
        .metric(testTime)
        .alert("test_execution_time", testTime.above(baseline.plusPercent(50)), "Performance analysis"))

    // Recovery. The Git adapter turns the confirmations into GitSteps.createBranch(branch("fix-p3-007-issues"))
    // and GitSteps.cherryPick(ref("fix"), noCommit()). Each strategy ends with the recovery validation.
    .recovery(recovery("forward", RecoveryStrategy.Kind.FORWARD)
        .description("Fix forward on a branch, applying targeted fixes without a full rollback.")
        .approval(role("team-lead"))
        .phase(phase("Identify root cause")
            .step(Steps.confirm("Analyze the P3-007 commits for the root cause of the issues"))
            .validate(Checks.confirm("Root cause identified")))
        .phase(phase("Create fix branch")
            .step(Steps.confirm("Create the branch fix-p3-007-issues"))
            .validate(Checks.confirm("Branch fix-p3-007-issues exists")))
        .phase(phase("Apply targeted fixes")
            .step(Steps.confirm("Cherry-pick the fixes without a full rollback"))
            .validate(Checks.command("make", "quick-check")))
        .phase(phase("Incremental deployment")
            .step(Steps.confirm("Deploy the fixes incrementally"))
            .validate(Checks.confirm("Each deployed fix validated")))
        .validate(recoveryValidation))
    .recovery(recovery("hybrid", RecoveryStrategy.Kind.HYBRID)
        .description("Revert the problematic components only, keep the rest, then restore incrementally.")
        .approval(role("team-lead"))
        .addKeep("Docker infrastructure", "Service configurations")
        .addRevert("Test execution logic", "Performance optimizations")
        .phase(phase("Partial rollback")
            .action("Rollback problematic components only")
            .step(Steps.confirm("Revert the test execution logic and the performance optimizations"))
            .validate(Checks.command("make", "quick-check")))
        .phase(phase("Incremental fixes")
            .action("Apply fixes to rolled-back components")
            .step(Steps.confirm("Apply the fixes to the rolled-back components"),
                Steps.confirm("Gradual rollout with monitoring"))
            .validate(Checks.confirm("Each fix independently tested")))
        .phase(phase("Full recovery")
            .action("Restore all P3-007 functionality")
            .step(Steps.confirm("Restore all P3-007 functionality"),
                Steps.confirm("Start the extended monitoring period"))
            .validate(Checks.command("make", "pre-push").named("Comprehensive testing")))
        .validate(recoveryValidation))

    // Communication plan.
    .communicate(message("rollback-notification")
        .on(NotificationEvent.ROLLBACK_COMPLETED)
        .title("P3-007 Rollback Notification")
        .body(rollbackBody)
        .via("github-issue"))
    .communicate(message("recovery-notification")
        .on(NotificationEvent.RECOVERY_COMPLETED)
        .title("P3-007 Recovery Notification")
        .body(recoveryBody)
        .via("github-issue"))

    .successCriterion(
        "Rollback can be executed within defined timeframes",
        "System functionality fully restored after rollback",
        "No data loss or corruption during rollback",
        "Recovery procedures validated and documented",
        "Communication plan effectively executed")
    .build());
