/**
 * Test support for teams testing their own plans, and the simulated GitHub of the demo: a stateful fake of the
 * GitHub REST API ({@link dev.rollback.testkit.FakeGitHub}) whose every request and response is checked against
 * GitHub's own OpenAPI description ({@link dev.rollback.testkit.GitHubContract}), with scripted workflow runs
 * ({@link dev.rollback.testkit.RunScript}), injected faults ({@link dev.rollback.testkit.Fault}) and a request log
 * ({@link dev.rollback.testkit.RecordedRequest}).
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
 * try (FakeGitHub github = FakeGitHub.builder().clock(clock).start()) {
 *   FakeWorkflow ci = github.repository("acme/shop").workflow("ci.yml");
 *   ci.seedHistory("main", Duration.ofMinutes(6), "success", "failure", "failure");
 *   ci.newRun().script(RunScript.neverFinishes()).create();
 *   ci.onDispatch(RunScript.succeedsAfter(Duration.ofMinutes(4)));
 *   github.inject("actions/list-workflow-runs", Fault.status(500));
 *   // ... run the plan against GitHubTarget.of("acme/shop").baseUrl(github.baseUrl()) ...
 *   github.assertNoViolations();
 * }
 * }</pre>
 *
 * <p>The module depends on the JDK, Jackson and the OpenAPI validator only, so it fits any test setup.
 */
package dev.rollback.testkit;
