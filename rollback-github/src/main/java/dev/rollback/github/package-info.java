/**
 * GitHub for Rollback: Actions run history and reliability signals, cancelling, re-running, dispatching and awaiting
 * workflow runs, issues, comments and pull requests, approvals from issue comments and notifications, interpreted by
 * the {@link dev.rollback.github.GitHubAdapter} on github-api's connector layer.
 *
 * <pre>{@code
 * GitHubAdapter github = GitHubAdapter.connect(GitHubTarget.of("acme/shop"));        // token from GITHUB_TOKEN
 * RunFilter ci = GitHubSignals.workflow("ci.yml").onBranch("main");
 *
 * plan.assess(GitHubSignals.successRate(ci, lastRuns(10)).named("ci_success_rate"),
 *             GitHubSignals.durationPercentile(ci, lastRuns(10), 90).named("ci_p90_seconds"))
 *     .emergency(procedure("emergency").phase(phase("stop CI").step(GitHubSteps.cancelRuns(ci))) ...)
 *     .verify(...);                                   // GitHubSteps.dispatch("ci.yml", "main").as("ciRun"),
 *                                                     // GitHubSteps.awaitRun(ref("ciRun"), Duration.ofMinutes(20))
 * Approver approvals = GitHubApprover.on(github).role("maintainer", GitHubPermission.MAINTAIN).build();
 * Notifier incidents = GitHubNotifier.issuePerRun(github, "rollback");
 * }</pre>
 *
 * <p>Requests per operation: a signal or check reads one page of up to 100 runs (shared by every GitHub signal and
 * check on the same runs during an assessment, and conditional afterwards); cancelling k runs is 1 + k requests;
 * awaiting a run polls with conditional requests, answered 304 while it is unchanged; a dispatch is one request plus
 * one listing per poll until its run appears (none when GitHub returns the run's id). Nothing is looked up on the
 * side: no {@code GET /user}, no repository or workflow look-up before a call.
 */
package dev.rollback.github;
