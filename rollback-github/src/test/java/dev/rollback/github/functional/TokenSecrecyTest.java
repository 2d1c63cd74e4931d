package dev.rollback.github.functional;

import static dev.rollback.Rollback.ref;
import static dev.rollback.github.GitHubSignals.lastRuns;
import static dev.rollback.github.GitHubSignals.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.rollback.ApprovalPolicy;
import dev.rollback.NotificationEvent;
import dev.rollback.github.GitHubAdapter;
import dev.rollback.github.GitHubApprover;
import dev.rollback.github.GitHubChecks;
import dev.rollback.github.GitHubNotifier;
import dev.rollback.github.GitHubSignals;
import dev.rollback.github.GitHubSteps;
import dev.rollback.github.GitHubTarget;
import dev.rollback.github.testing.GitHubFixture;
import dev.rollback.spi.ApprovalRequest;
import dev.rollback.spi.Notification;
import dev.rollback.testkit.AdapterHarness;
import dev.rollback.testkit.Fault;
import dev.rollback.testkit.RunScript;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The token reaches GitHub and nothing else: no log line (SLF4J and github-api's java.util.logging, at every level),
 * no exception message or stack trace, no toString, no result, evidence or output.
 */
class TokenSecrecyTest {

  @RegisterExtension
  final GitHubFixture gh = new GitHubFixture();

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final List<String> julLogs = new ArrayList<>();
  private final Handler jul = new Handler() {
    @Override
    public void publish(LogRecord r) {
      julLogs.add(r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()) + " " + r.getThrown());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final List<String> seen = new ArrayList<>();
  // java.util.logging holds loggers weakly: keep a strong reference so the level and handler stay.
  private final java.util.logging.Logger kohsuke = java.util.logging.Logger.getLogger("org.kohsuke.github");

  @BeforeEach
  void capture() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    root.setLevel(Level.TRACE);
    kohsuke.setLevel(java.util.logging.Level.ALL);
    kohsuke.addHandler(jul);
  }

  @AfterEach
  void release() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(logs);
    root.setLevel(Level.WARN);
    kohsuke.removeHandler(jul);
    kohsuke.setLevel(null);
  }

  private void expectFailure(Callable<?> c) {
    try {
      seen.add(String.valueOf(c.call()));
    } catch (Exception e) {
      StringWriter w = new StringWriter();
      e.printStackTrace(new PrintWriter(w));
      seen.add(w.toString());
      seen.add(String.valueOf(e.getMessage()));
    }
  }

  @Test
  void theTokenAppearsInNoLogExceptionOrResult() throws Exception {
    gh.ci.seedHistory("main", Duration.ofMinutes(5), "success", "failure");
    gh.ci.newRun().script(RunScript.neverFinishes()).create();
    gh.repo.collaborator("maria", "maintain");
    AdapterHarness run = gh.run;
    run.deadline(GitHubFixture.START.plus(Duration.ofMinutes(30)));

    gh.adapter.onRunStart(run);
    seen.add(run.measure(GitHubSignals.successRate(workflow("ci.yml"), lastRuns(10))).toString());
    seen.add(run.evaluate(GitHubChecks.lastSuccessfulCommit(workflow("ci.yml"))).toString());
    seen.add(run.apply(GitHubSteps.cancelRuns(workflow("ci.yml"))).toString());
    seen.add(run.apply(GitHubSteps.dispatch("ci.yml", "main").as("ciRun")).toString());
    seen.add(run.apply(GitHubSteps.awaitRun(ref("ciRun"), Duration.ofMinutes(10))).toString());
    seen.add(run.apply(GitHubSteps.openIssue("Rolled back", "body").as("issue")).toString());
    seen.add(run.apply(GitHubSteps.comment(ref("issue"), "done")).toString());
    seen.add(GitHubNotifier.issuePerRun(gh.adapter).send(new Notification("run-1", "rollback",
        NotificationEvent.ROLLBACK_STARTED, "t", "b", Map.of())).toString());
    gh.github.beforeNext("issues/list-comments", () -> gh.repo.issue(1).comment("maria", "/approve"));
    seen.add(GitHubApprover.on(gh.adapter).issue(1).build().requestApproval(new ApprovalRequest("run-1", "p", "s",
        ApprovalPolicy.single("maintainer"), "r", List.of(), gh.clock.instant(),
        gh.clock.instant().plus(Duration.ofMinutes(5)))).toString());

    // Failures of every kind, with their messages and stack traces.
    gh.github.inject("actions/list-workflow-runs", Fault.rateLimited(Instant.parse("2030-01-01T00:00:00Z")));
    expectFailure(() -> run.measure(GitHubSignals.runsInProgress(workflow("ci.yml"))));
    gh.github.inject("actions/list-workflow-runs", Fault.status(502), Fault.status(502), Fault.status(502));
    expectFailure(() -> run.measure(GitHubSignals.failureStreak(workflow("deploy.yml"))));
    gh.github.inject("actions/create-workflow-dispatch", Fault.lostResponse());
    gh.ci.dispatchDelay(Duration.ofHours(2));
    expectFailure(() -> run.apply(GitHubSteps.dispatch("ci.yml", "main").named("second")));
    expectFailure(() -> run.apply(GitHubSteps.rerun(404L)));
    GitHubAdapter wrong = gh.adapter(b -> b.token(GitHubFixture.TOKEN + "x"));
    expectFailure(() -> {
      wrong.onRunStart(AdapterHarness.builder(wrong).clock(gh.clock).runId("run-2").build());
      return null;
    });
    expectFailure(() -> GitHubAdapter.builder(GitHubTarget.of("acme/shop")).token("has space " + GitHubFixture.TOKEN));
    expectFailure(() -> gh.adapter.gitHub().getRepository("acme/nothing"));
    seen.add(gh.adapter.toString());
    seen.add(wrong.toString());
    seen.add(run.remembered().toString());
    seen.add(run.outputs().toString());
    seen.add(gh.github.requests().toString());
    gh.github.requests().forEach(r -> seen.add(r.body()));

    assertThat(gh.adapter.secrets()).containsExactly(GitHubFixture.TOKEN);
    assertThat(run.registeredSecrets()).contains(GitHubFixture.TOKEN);
    assertThat(logs.list).isNotEmpty();
    assertThat(julLogs).isNotEmpty();
    assertThat(seen).hasSizeGreaterThan(20).noneMatch(s -> s.contains(GitHubFixture.TOKEN));
    for (ILoggingEvent e : logs.list) {
      assertThat(e.getFormattedMessage()).doesNotContain(GitHubFixture.TOKEN);
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        assertThat(t.getMessage() == null ? "" : t.getMessage()).doesNotContain(GitHubFixture.TOKEN);
      }
    }
    assertThat(julLogs).noneMatch(s -> s.contains(GitHubFixture.TOKEN));
    assertThat(gh.github.requests()).filteredOn(r -> r.status() != 401)
        .allSatisfy(r -> assertThat(r.authenticated()).isTrue());
  }

  @Test
  void anErrorThatEchoesTheAuthorizationHeaderLeavesNoTokenInTheAdaptersExceptionsWithoutTheExecutor() throws Exception {
    gh.github.inject("actions/list-workflow-runs", Fault.echoedHeaders(502), Fault.echoedHeaders(502),
        Fault.echoedHeaders(502));
    expectFailure(() -> gh.run.measure(GitHubSignals.successRate(workflow("ci.yml"), lastRuns(10))));
    gh.github.inject("issues/create", Fault.echoedHeaders(403));
    expectFailure(() -> gh.run.apply(GitHubSteps.openIssue("Rolled back", "body")));
    gh.github.inject("repos/get", Fault.echoedHeaders(404));
    expectFailure(() -> gh.adapter.gitHub().getRepository("acme/shop"));
    gh.github.inject("issues/create", Fault.echoedHeaders(401));
    expectFailure(() -> GitHubNotifier.issuePerRun(gh.adapter).send(new Notification("run-9", "rollback",
        NotificationEvent.ROLLBACK_STARTED, "t", "b", Map.of())));
    // Credentials from a provider, which the adapter learns only as it sends them.
    GitHubAdapter provided = GitHubAdapter.builder(GitHubTarget.of("acme/shop").baseUrl(gh.github.baseUrl()))
        .authorization(() -> "token " + GitHubFixture.TOKEN).clock(gh.clock).sleeper(gh.clock).build();
    gh.github.inject("issues/create", Fault.echoedHeaders(400));
    expectFailure(() -> AdapterHarness.builder(provided).clock(gh.clock).runId("run-p").build()
        .apply(GitHubSteps.openIssue("Rolled back", "body")));

    // Each failure's stack trace, then its message.
    assertThat(seen).hasSize(10).allSatisfy(s -> assertThat(s).contains("Authorization: ***")
        .doesNotContain(GitHubFixture.TOKEN));
    assertThat(seen.get(0)).contains("GitHub answered 502: Request refused by proxy; it sent:");
    for (ILoggingEvent e : logs.list) {
      assertThat(e.getFormattedMessage()).doesNotContain(GitHubFixture.TOKEN);
    }
    assertThat(julLogs).noneMatch(s -> s.contains(GitHubFixture.TOKEN));
  }
}
