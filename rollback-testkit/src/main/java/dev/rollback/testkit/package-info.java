/**
 * Test support for teams testing their own plans and adapters, and the simulated GitHub of the demo.
 *
 * <p>{@link dev.rollback.testkit.AdapterHarness} unit-tests an adapter without the executor: a run with an injected
 * clock and sleeper that keeps what the adapter remembers and the secrets it registers, and calls its handlers as
 * the executor does, with parameters resolved and outputs bound by the executor's own rules.
 *
 * <pre>{@code
 * AdapterHarness run = AdapterHarness.builder(myAdapter).clock(ManualClock.at(start)).workspace(repo).build();
 * run.evaluate(MyChecks.findCulprit().as("culprit"));
 * StepPreview p = run.asPreview().preview(MySteps.revert(Rollback.ref("culprit")));
 * StepResult r = run.apply(MySteps.revert(Rollback.ref("culprit")));
 * }</pre>
 *
 * <p>For plans that use GitHub: a stateful fake of the
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
 * <p>For JUnit 5 tests that need a real Docker engine: {@link dev.rollback.testkit.RequiresDocker} (with its
 * {@link dev.rollback.testkit.DockerEngineExtension}) runs them when the engine the Docker adapter finds answers,
 * disables them with the reason otherwise, and fails them under {@code CI=true}.
 *
 * <p>The module depends on the JDK, rollback-core, Jackson and the OpenAPI validator only, and on no test
 * framework, so it fits any test setup, JMH benchmarks included; {@code RequiresDocker} uses the JUnit 5 API, an
 * optional dependency that the tests using it already have.
 */
package dev.rollback.testkit;
