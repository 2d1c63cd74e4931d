// The P3-007 runbook as a plan, in JShell. The same plan as dev.rollback.examples.P3007Plan (a test keeps
// them equal). Try it:
//   ./rollback render examples/jshell/p3-007.jsh     the runbook, in Markdown
//   ./rollback check examples/jshell/p3-007.jsh      no problems
// or open it in jshell with the launcher's class path and explore `plan`.
//
// GitHub: CI reliability and status, cancelling CI, dispatching and awaiting CI (on the rollback branch for the
// gradual rollback's first phase, on main for the emergency), CI health and the ci_success_rate alert. Docker: disk
// usage and events in the assessment and monitoring, the orphan check among the health checks, the compose test
// service in the recovery validation. Git: the culprit found as the seed does, the rollback branch, reverts,
// restores, pushes under a lease, the forward recovery's cherry-pick. What no tool can tell is a person's
// confirmation. See P3007Plan's documentation for where it departs from the seed's commands, and why.

import static dev.rollback.Rollback.*;
import static dev.rollback.github.GitHubSignals.lastRuns;
import static dev.rollback.github.GitHubSignals.workflow;
import dev.rollback.*;
import dev.rollback.docker.*;
import dev.rollback.git.*;
import dev.rollback.github.*;
import java.util.List;

// The time the benchmark script reports, in seconds: "Total Time: 123s".
Signal testTime = Signals.commandNumber(Command.of("scripts/benchmark_performance.sh"), "Total Time: (\\d+)s",
    Unit.SECONDS).named("test_execution_time");

// The share of failed tests in the JUnit reports the test run writes under reports/.
Signal errorRate = Signals.testFailureRate(path("reports")).named("error_rate");

// The change's name, as its commit messages mention it.
String change = "P3-007";

// The branch the configuration and gradual rollbacks work on: rollback-p3-007-20260105.
String rollbackBranch = "rollback-p3-007-{{run.date}}";

// The files as they were before P3-007: the culprit's parent. (The seed checks the files out of the culprit
// itself, which puts back what its revert removed; and its emergency `git revert HEAD~1` reverts the commit
// before the last one. See P3007Plan's documentation.)
Template beforeP3007 = template("{{culprit}}^");

// The CI workflow on main: the runs the GitHub signals, checks and steps are about.
RunFilter ci = workflow("ci.yml").onBranch("main");

// The CI workflow on the rollback branch: the runs that validate the gradual rollback's phases.
RunFilter rollbackCi = workflow("ci.yml").onBranch(rollbackBranch);

// Test reliability: the share of the last 10 CI runs with a verdict that succeeded.
Signal ciSuccessRate = GitHubSignals.successRate(ci, lastRuns(10)).named("ci_success_rate");

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
    "- Fix timeline: {{fix_timeline}}",
    "- Monitoring enhanced during recovery");

String recoveryBody = String.join("\n",
    "## Summary",
    "Docker CI test execution has been restored with fixes applied.",
    "",
    "## Changes",
    "{{#fixes}}",
    "- {{.}}",
    "{{/fixes}}",
    "{{#fix.subject}}",
    "- {{fix.subject}} ({{fix.short}}, cherry-picked onto fix-p3-007-issues)",
    "{{/fix.subject}}",
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

    // Rollback scenarios. GitHub measures test reliability (the last 10 CI runs) and CI status (three failed
    // runs in a row, or a person says so); GitHub does not report its runners' resources, so a person declares
    // resource exhaustion, and security vulnerabilities, when starting the run (--declare).
    .trigger("performance-degradation", "Performance degradation > 50% from baseline",
        testTime.above(baseline.plusPercent(50)))
    .trigger("test-reliability", "Test reliability drops below 95% success rate", ciSuccessRate.below(0.95))
    .trigger("ci-broken", "Critical CI failures preventing deployments",
        anyOf(GitHubSignals.failureStreak(ci).named("ci_failure_streak").atLeast(3), declared("ci-broken")))
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

    // System state assessment: CI status of the last 10 runs (one request to GitHub for all four), the
    // performance metrics, and Docker's `system df` and `system events --since 1h --until now`.
    .assess(ciSuccessRate,
        GitHubSignals.lastRunSucceeded(ci).named("ci_last_run_succeeded"),
        GitHubSignals.runsInProgress(ci).named("ci_runs_in_progress"),
        GitHubSignals.medianDuration(ci, lastRuns(10)).named("ci_run_time"),
        Signals.commandNumber(Command.of("scripts/benchmark_current_performance.sh"),
            "Total Time: (\\d+)s", Unit.SECONDS).named("current_performance"),
        DockerSignals.diskUsage().named("docker_disk_usage"),
        DockerSignals.reclaimable().named("docker_reclaimable"),
        DockerSignals.events(hours(1)).named("docker_events_last_hour"),
        DockerSignals.nonZeroExits(hours(1)).named("docker_failed_containers_last_hour"))
    .impact("Deployment Impact: Assess effect on ongoing deployments",
        "Developer Experience: Evaluate impact on development workflow",
        "Test Coverage: Ensure test coverage maintained during rollback",
        "Data Loss Risk: Identify any data that might be lost")

    // Rollback readiness checklist. The Git adapter identifies the rollback commit as the seed does
    // (git log --grep=P3-007 | tail -1) and binds it for the procedures; before its first change it backs up
    // every ref under refs/rollback/<run>/.
    .checklist(
        Checks.confirm("Backup current configuration files").timeout(minutes(3)),
        Checks.confirm("Document current state and performance metrics").timeout(minutes(3)),
        GitChecks.commitMatching(change).oldest().as("culprit").named("Identify rollback commit hash")
            .timeout(minutes(1)),
        GitChecks.cleanWorkTree().named("The work tree has no uncommitted changes").timeout(minutes(1)),
        Checks.confirm("Verify rollback environment compatibility").timeout(minutes(3)),
        Checks.confirm("Prepare rollback communication plan").timeout(minutes(3)))

    // Gradual rollback, on a rollback branch: each phase restores its files as they were before P3-007,
    // commits them and pushes the branch (fast-forward only), so CI validates each phase on it.
    .procedure(procedure("gradual")
        .description("Roll back in three phases, validating each before the next.")
        .phase(phase("Disable Docker test execution")
            .action("Revert to direct pytest execution")
            .step(GitSteps.checkoutNewBranch(branch(rollbackBranch)),
                GitSteps.restoreExactly(beforeP3007, path(".github/workflows/ci.yml")),
                GitSteps.push("origin", branch(rollbackBranch)),
                GitHubSteps.dispatch("ci.yml", branch(rollbackBranch)).named("Run CI with direct execution")
                    .as("directCi"),
                GitHubSteps.awaitRun(ref("directCi"), minutes(30)).named("Await that CI run"))
            .validate(GitHubChecks.ciPassing(rollbackCi).named("Verify CI passes with direct execution"))
            .onFailure(FailurePolicy.COMPENSATE))
        .phase(phase("Remove Docker test infrastructure")
            .action("Remove Docker-specific configurations")
            .step(GitSteps.restoreExactly(beforeP3007, path("docker-compose.test.yml"), path("Dockerfile.test")),
                GitSteps.push("origin", branch(rollbackBranch)))
            .validate(
                Checks.command("test", "!", "-e", "docker-compose.test.yml")
                    .named("docker-compose.test.yml is gone"),
                Checks.command("test", "!", "-e", "Dockerfile.test").named("Dockerfile.test is gone"),
                Checks.command("sh", "-c", "! grep -qi docker .github/workflows/ci.yml")
                    .named("Verify no Docker dependencies remain"))
            .onFailure(FailurePolicy.COMPENSATE))
        .phase(phase("Restore original test scripts")
            .action("Revert test execution scripts")
            .step(GitSteps.restoreExactly(beforeP3007, path("scripts/run_docker_tests.sh")),
                GitSteps.push("origin", branch(rollbackBranch)))
            .validate(Checks.command("make", "quick-check").named("Verify original test workflow restored"))
            .onFailure(FailurePolicy.COMPENSATE)))

    // The seed's configuration rollback: a rollback branch, the P3-007 revert, the key files restored as they
    // were before P3-007 and committed, the branch pushed under a lease pinned at assessment.
    .procedure(procedure("configuration")
        .description("Roll the CI configuration back on a branch: revert P3-007, restore the key files, push.")
        .phase(phase("Roll back the CI configuration")
            .step(GitSteps.checkoutNewBranch(branch(rollbackBranch)),
                GitSteps.revert(ref("culprit")).as("revertCommit"),
                GitSteps.restoreExactly(beforeP3007, path(".github/workflows/ci.yml"),
                    path("docker-compose.test.yml"), path("Dockerfile.test"), path("scripts/run_docker_tests.sh")),
                GitSteps.pushWithLease("origin", branch(rollbackBranch)).requiresApproval(role("team-lead")))
            .validate(GitChecks.reverted(ref("culprit")).named("P3-007 is reverted on the rollback branch"))))

    // Emergency rollback. GitHub stops CI and verifies it afterwards; the Git adapter reverts the P3-007
    // commits on main and pushes main under a lease pinned at assessment.
    .emergency(procedure("emergency")
        .description("The fast path: stop CI, revert, push, verify.")
        .phase(phase("Stop all current CI jobs")
            .step(GitHubSteps.cancelRuns(ci, minutes(2)).named("Cancel the CI runs in progress")
                .timeout(minutes(3)))
            .validate(GitHubChecks.noRunsInProgress(ci).named("No CI run is in progress").timeout(minutes(1))))
        .phase(phase("Revert to last known good state")
            .step(GitSteps.checkout(branch("main")).timeout(minutes(1)),
                GitSteps.commitMatching(change).all().as("p3007").timeout(minutes(1)),
                GitSteps.revertAll(ref("p3007")).timeout(minutes(3)))
            .validate(Checks.command("make", "quick-check").named("core functionality").timeout(minutes(5))))
        .phase(phase("Force push (emergency only)")
            .step(GitSteps.pushWithLease("origin", branch("main")).timeout(minutes(2)))
            .validate(GitChecks.reverted(ref("culprit")).named("P3-007 is reverted on main").timeout(minutes(1))))
        .phase(phase("Verify rollback")
            .step(GitHubSteps.dispatch("ci.yml", "main").named("Run CI on main").as("ciRun").timeout(minutes(1)),
                GitHubSteps.awaitRun(ref("ciRun"), minutes(6)).named("Await the CI run"))
            .validate(GitHubChecks.ciPassing(ci).named("The CI run on main passes").timeout(minutes(1)))))

    // Post-rollback validation. The procedure dispatched CI and awaited it; CI passing is checked again here.
    .verify(
        GitHubChecks.ciPassing(ci).named("Verify CI pipeline works"),
        Checks.command("make", "quick-check"),
        Checks.command("make", "pre-push"),
        Checks.command("make", "coverage").named("Run the tests with coverage"),
        Checks.that(Signals.lineCoverage(path("reports/coverage.xml")).named("line_coverage")
            .atLeast(Baseline.file(path("perf/baseline.json"), "line_coverage").itself()))
            .named("Verify test coverage"),
        Checks.that(testTime.atMost(baseline.plusPercent(50))).named("Check performance baseline"))
    // System health checks. "No resource leaks or orphaned processes": no container Rollback started remains.
    .healthCheck(
        GitHubChecks.ciPassing(ci).named("CI pipeline executes successfully"),
        Checks.confirm("All tests pass consistently"),
        Checks.that(testTime.atMost(baseline.plusPercent(10)))
            .named("Performance metrics within acceptable range"),
        DockerChecks.noOrphanedContainers().named("No resource leaks or orphaned processes"),
        Checks.confirm("Developer workflow unaffected"))

    // Monitoring and alerting: CI reliability, test time, the Docker engine's disk usage, and the error rate of
    // the test reports the test run writes.
    .monitoring(monitoring()
        .every(minutes(15))
        .forPeriod(hours(72))
        .metric(ciSuccessRate)
        .metric(testTime)
        .metric(DockerSignals.diskUsage().named("resource_utilization"))
        .metric(errorRate)
        .alert("ci_success_rate", ciSuccessRate.below(0.95), "Immediate investigation")
        .alert("test_execution_time", testTime.above(baseline.plusPercent(50)), "Performance analysis")
        .alert("error_rate", errorRate.above(0.01), "Root cause analysis"))

    // Recovery: the seed's forward recovery on a fix branch, cherry-picking the fix without committing, then
    // committing it. Each strategy ends with the recovery validation, the Docker compose test service included.
    .recovery(recovery("forward", RecoveryStrategy.Kind.FORWARD)
        .description("Fix forward on a branch, applying targeted fixes without a full rollback.")
        .approval(role("team-lead"))
        .phase(phase("Identify root cause")
            .step(GitSteps.commitMatching(change).all().as("p3007Commits"),
                GitSteps.commitMatching("^Fix " + change).newest().as("fix"),
                Steps.confirm("Analyze the P3-007 commits for the root cause of the issues"))
            .validate(Checks.confirm("Root cause identified")))
        .phase(phase("Create fix branch")
            .step(GitSteps.checkoutNewBranch(branch("fix-p3-007-issues")))
            .validate(GitChecks.commitExists("fix-p3-007-issues").named("Branch fix-p3-007-issues exists")))
        .phase(phase("Apply targeted fixes")
            .step(GitSteps.cherryPickNoCommit(ref("fix")),
                GitSteps.commit(template("Apply targeted fixes for P3-007\n\nCherry-picked from {{fix}}.")))
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

    // Communication plan: an issue on GitHub and the team's chat.
    .communicate(message("rollback-notification")
        .on(NotificationEvent.ROLLBACK_COMPLETED)
        .title("P3-007 Rollback Notification")
        .body(rollbackBody)
        .via("github-issue", "chat"))
    .communicate(message("recovery-notification")
        .on(NotificationEvent.RECOVERY_COMPLETED)
        .title("P3-007 Recovery Notification")
        .body(recoveryBody)
        .via("github-issue", "chat"))
    // What the messages name beyond what a run measures; a run may give others
    // (RunOptions.withMessageValue("fixes", List.of(...))).
    .messageValue("team", "the CI platform team (#ci-platform)")
    .messageValue("fix_timeline", "to be estimated by the root cause analysis")
    .messageValue("fixes", List.of())

    .successCriterion(
        "Rollback can be executed within defined timeframes",
        "System functionality fully restored after rollback",
        "No data loss or corruption during rollback",
        "Recovery procedures validated and documented",
        "Communication plan effectively executed")
    .build());
