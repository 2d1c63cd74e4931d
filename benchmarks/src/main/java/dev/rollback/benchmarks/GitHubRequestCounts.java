package dev.rollback.benchmarks;

import static dev.rollback.Rollback.anyOf;
import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.minutes;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.role;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static dev.rollback.Rollback.trigger;
import static dev.rollback.github.GitHubSignals.lastRuns;
import static dev.rollback.github.GitHubSignals.workflow;

import dev.rollback.Checks;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Signal;
import dev.rollback.Steps;
import dev.rollback.github.GitHubAdapter;
import dev.rollback.github.GitHubChecks;
import dev.rollback.github.GitHubSignals;
import dev.rollback.github.GitHubSteps;
import dev.rollback.github.GitHubTarget;
import dev.rollback.github.RunFilter;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.ManualClock;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import dev.rollback.testkit.FakeGitHub;
import dev.rollback.testkit.FakeWorkflow;
import dev.rollback.testkit.RecordedRequest;
import dev.rollback.testkit.RunScript;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The GitHub requests the P3-007 emergency's GitHub parts cost, counted in the request log of the contract-checked
 * fake GitHub ({@code rollback-testkit}), each part run by the executor as a plan: the assessment of the last 10 CI
 * runs (goal: 1 request), cancelling k runs in progress (goal: 1 + k), and awaiting a dispatched run (goal:
 * conditional requests, answered {@code 304} while nothing changes). {@code scripts/bench.sh} prints its
 * {@code COUNT} lines; no GitHub is reachable from here, so requests are what can be measured, not latency.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.rollback.benchmarks.GitHubRequestCounts
 * </pre>
 */
public final class GitHubRequestCounts {

  private static final String TOKEN = "ghp_benchTOKEN0123456789abcdefABCDEF01";
  private static final RunFilter CI = workflow("ci.yml").onBranch("main");
  private static final int IN_PROGRESS = 5;

  private GitHubRequestCounts() {}

  /**
   * Prints the counts.
   *
   * @param args none
   * @throws Exception when the fake or a run fails
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    Path dir = Files.createTempDirectory("github-counts-");
    try (FakeGitHub github = FakeGitHub.builder().clock(clock).requireToken(TOKEN).start()) {
      FakeWorkflow ci = github.repository("acme/shop").workflow("ci.yml").named("CI");
      ci.seedHistory("main", Duration.ofMinutes(6), "success", "success", "failure", "success", "cancelled",
          "success", "success", "success", "failure", "success", "success", "failure");
      ci.onDispatch(RunScript.succeedsAfter(Duration.ofMinutes(10)).queuedFor(Duration.ofSeconds(30)));
      GitHubAdapter adapter = GitHubAdapter.builder(GitHubTarget.of("acme/shop").baseUrl(github.baseUrl()))
          .token(TOKEN).clock(clock).sleeper(clock).pollInterval(Duration.ofMinutes(1)).build();
      try (RollbackExecutor executor = RollbackExecutor.builder().workspace(dir).adapter(adapter)
          .journal(Journal.inMemory()).approver(Approvers.automatic("release-engineer", "request counts"))
          .clock(clock).sleeper(clock).build()) {

        github.clearRequests();
        executor.preview(assessmentOnly(), RunOptions.defaults());
        List<RecordedRequest> assess = github.requests();
        out.println(line("github-assessment-last-10-runs", count(assess, "actions/list-workflow-runs"), "1",
            "the executor's preview of a plan that only assesses: 4 signals and 2 triggers over the last 10 runs of"
                + " ci.yml on main", assess));

        for (int i = 0; i < IN_PROGRESS; i++) {
          ci.newRun().script(RunScript.neverFinishes()).create();
        }
        github.clearRequests();
        RollbackReport cancel = executor.run(cancelling(), RunOptions.defaults().withDeclared("ci-broken")
            .withEmergency());
        expect(cancel);
        List<RecordedRequest> cancelled = github.requests();
        long step = cancelled.stream().filter(r -> !r.is("repos/get")).count();
        out.println(line("github-cancel-" + IN_PROGRESS + "-runs", step, "1 + k = " + (1 + IN_PROGRESS),
            "a run whose only GitHub step cancels the " + IN_PROGRESS + " runs in progress, but for the repository"
                + " read once when a run starts", cancelled));

        clock.advance(Duration.ofHours(1));
        github.clearRequests();
        RollbackReport awaited = executor.run(dispatching(), RunOptions.defaults().withSeverity("high"));
        expect(awaited);
        List<RecordedRequest> polls = github.requests("actions/get-workflow-run");
        long notModified = polls.stream().filter(r -> r.status() == 304).count();
        long conditional = polls.stream().filter(RecordedRequest::conditional).count();
        out.println(line("github-await-dispatched-run", polls.size(), "conditional",
            conditional + " conditional, " + notModified + " answered 304 (free of rate limit) while the run"
                + " was unchanged, polling every minute for a run that takes 10", github.requests()));
        github.assertNoViolations();
      }
    } finally {
      Workspaces.delete(dir);
    }
  }

  private static void expect(RollbackReport r) {
    if (r.status() != RunStatus.SUCCEEDED) {
      throw new IllegalStateException("the counting run did not succeed: " + r.summary());
    }
  }

  private static long count(List<RecordedRequest> requests, String operation) {
    return requests.stream().filter(r -> r.is(operation)).count();
  }

  private static String line(String name, long requests, String goal, String what, List<RecordedRequest> all) {
    Map<String, Long> byOperation = new TreeMap<>(all.stream().collect(Collectors.groupingBy(
        r -> r.operationId().orElse(r.method() + " " + r.path()) + "=" + r.status(), Collectors.counting())));
    return "COUNT " + name + " " + requests + " goal=" + goal.replace(" ", "") + " (" + what + "; requests: "
        + byOperation.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
            .collect(Collectors.joining(", ")) + ")";
  }

  private static Signal successRate() {
    return GitHubSignals.successRate(CI, lastRuns(10)).named("ci_success_rate");
  }

  /** The P3-007 emergency's first step alone, so that its requests are the run's, but for the run's start. */
  private static RollbackPlan cancelling() {
    return Rollback.plan("P3-007 GitHub parts, cancel")
        .severity(severity("critical").when(declared("ci-broken")).rollbackWithin(hours(1))
            .approval(single("maintainer")).procedure("emergency"))
        .emergency(procedure("emergency").phase(phase("Stop all current CI jobs")
            .step(GitHubSteps.cancelRuns(CI)).validate(Checks.confirm("No CI run in progress"))))
        .build();
  }

  /** The same triggers and assessment, with a procedure that does not call GitHub. */
  private static RollbackPlan assessmentOnly() {
    return base("assessment")
        .severity(severity("critical").when(trigger("ci-broken")).rollbackWithin(hours(1))
            .approval(single("maintainer")).procedure("emergency"))
        .severity(severity("high").when(trigger("test-reliability")).rollbackWithin(hours(24))
            .approval(role("team-lead")).procedure("emergency"))
        .emergency(procedure("emergency").phase(phase("Stop all current CI jobs")
            .step(Steps.confirm("Cancel the CI runs in progress")).validate(Checks.confirm("No CI run in progress"))))
        .build();
  }

  /** The P3-007 emergency's last phase: dispatch CI on main, await its conclusion, check that it passed. */
  private static RollbackPlan dispatching() {
    return base("verification")
        .severity(severity("high").when(anyOf(trigger("test-reliability"), declared("verify")))
            .rollbackWithin(hours(24)).approval(role("team-lead")).procedure("verify"))
        .procedure(procedure("verify").phase(phase("Verify rollback")
            .step(GitHubSteps.dispatch("ci.yml", "main").as("ciRun"),
                GitHubSteps.awaitRun(ref("ciRun"), minutes(15), minutes(1)))
            .validate(GitHubChecks.ciPassing(CI))))
        .build();
  }

  /** The P3-007 plan's GitHub triggers and assessment. */
  private static RollbackPlan.Builder base(String name) {
    Signal rate = successRate();
    return Rollback.plan("P3-007 GitHub parts, " + name)
        .trigger("test-reliability", "Test reliability drops below 95% success rate", rate.below(0.95))
        .trigger("ci-broken", "Critical CI failures preventing deployments",
            GitHubSignals.failureStreak(CI).named("ci_failure_streak").atLeast(3))
        .assess(rate, GitHubSignals.lastRunSucceeded(CI).named("ci_last_run_succeeded"),
            GitHubSignals.runsInProgress(CI).named("ci_runs_in_progress"),
            GitHubSignals.medianDuration(CI, lastRuns(10)).named("ci_run_time"));
  }

}
