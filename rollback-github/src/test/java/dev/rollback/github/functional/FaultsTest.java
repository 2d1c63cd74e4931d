package dev.rollback.github.functional;

import static dev.rollback.github.GitHubSignals.lastRuns;
import static dev.rollback.github.GitHubSignals.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.github.GitHubAdapter;
import dev.rollback.github.GitHubException;
import dev.rollback.github.GitHubOutcomeUnknownException;
import dev.rollback.github.GitHubRateLimitException;
import dev.rollback.github.GitHubSignals;
import dev.rollback.github.GitHubSteps;
import dev.rollback.github.testing.GitHubFixture;
import dev.rollback.spi.Measurement;
import dev.rollback.spi.StepResult;
import dev.rollback.testkit.AdapterHarness;
import dev.rollback.testkit.FakeRun;
import dev.rollback.testkit.Fault;
import dev.rollback.testkit.RecordedRequest;
import dev.rollback.testkit.RunScript;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GitHub misbehaving: server errors, rate limits, lost answers. */
class FaultsTest {

  @RegisterExtension
  final GitHubFixture gh = new GitHubFixture();

  @Test
  void aReadThatFailsWith500IsRetriedAfterABackoffAndSucceeds() throws Exception {
    gh.ci.seedHistory("main", Duration.ofMinutes(5), "success", "failure");
    gh.github.inject("actions/list-workflow-runs", Fault.status(500));

    Measurement m = gh.run.measure(GitHubSignals.successRate(workflow("ci.yml"), lastRuns(10)));

    assertThat(m.value()).hasValue(0.5);
    assertThat(gh.github.requests("actions/list-workflow-runs")).extracting(RecordedRequest::status)
        .containsExactly(500, 200);
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START.plusSeconds(1));
  }

  @Test
  void aReadThatKeepsFailingGivesUpAfterThreeTriesWithGitHubsMessage() {
    gh.github.inject("actions/list-workflow-runs", Fault.status(502), Fault.status(503), Fault.status(500));

    assertThatThrownBy(() -> gh.run.measure(GitHubSignals.successRate(workflow("ci.yml"), lastRuns(10))))
        .isInstanceOf(GitHubException.class)
        .hasMessageContaining("GET /repos/acme/shop/actions/workflows/ci.yml/runs?per_page=100 failed: GitHub answered"
            + " 500: Server Error");
    assertThat(gh.github.requestCount("actions/list-workflow-runs")).isEqualTo(3);
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START.plusSeconds(1 + 2));
  }

  @Test
  void aRateLimitThatResetsAfterTheDeadlineFailsAtOnceWithoutSleeping() {
    Instant reset = GitHubFixture.START.plus(Duration.ofMinutes(40));
    gh.github.inject("actions/list-workflow-runs", Fault.rateLimited(reset));
    gh.run.deadline(GitHubFixture.START.plus(Duration.ofMinutes(4)));

    assertThatThrownBy(() -> gh.run.apply(GitHubSteps.cancelRuns(workflow("ci.yml").onBranch("main"))))
        .isInstanceOf(GitHubRateLimitException.class)
        .hasMessage("GitHub's rate limit is exhausted on GET /repos/acme/shop/actions/workflows/ci.yml/runs: GitHub"
            + " allows calls again at 2026-03-02T09:40:00Z, in 2400s, after the deadline 2026-03-02T09:04:00Z; not"
            + " waiting")
        .satisfies(e -> assertThat(((GitHubRateLimitException) e).retryAt()).hasValue(reset));
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START);
    assertThat(gh.github.requests()).hasSize(1);
  }

  @Test
  void aRateLimitThatResetsBeforeTheDeadlineIsWaitedFor() throws Exception {
    FakeRun running = gh.ci.newRun().script(RunScript.neverFinishes()).create();
    gh.github.inject("actions/list-workflow-runs", Fault.rateLimited(GitHubFixture.START.plusSeconds(90)));
    gh.run.deadline(GitHubFixture.START.plus(Duration.ofMinutes(10)));

    gh.run.apply(GitHubSteps.cancelRuns(workflow("ci.yml").onBranch("main")));

    assertThat(running.conclusion()).hasValue("cancelled");
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START.plusSeconds(90));
  }

  @Test
  void aRateLimitLongerThanTheLongestWaitFailsEvenWithoutADeadline() {
    gh.github.inject("actions/list-workflow-runs", Fault.rateLimited(GitHubFixture.START.plus(Duration.ofHours(1))));
    assertThatThrownBy(() -> gh.run.measure(GitHubSignals.runsInProgress(workflow("ci.yml"))))
        .isInstanceOf(GitHubRateLimitException.class)
        .hasMessageContaining("longer than the longest wait configured (900s); not waiting");
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START);
  }

  @Test
  void tooManyRequestsWaitsExactlyAsLongAsRetryAfterSays() throws Exception {
    FakeRun running = gh.ci.newRun().script(RunScript.neverFinishes()).create();
    gh.github.inject("actions/cancel-workflow-run", Fault.tooManyRequests(Duration.ofSeconds(42)));

    StepResult r = gh.run.apply(GitHubSteps.cancelRuns(workflow("ci.yml")));

    assertThat(r.value()).hasValue(java.util.List.of(running.id()));
    assertThat(running.conclusion()).hasValue("cancelled");
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START.plusSeconds(42));
    assertThat(gh.github.requests("actions/cancel-workflow-run")).extracting(RecordedRequest::status)
        .containsExactly(429, 202);
  }

  @Test
  void aSecondaryLimitOn403WithRetryAfterIsWaitedForToo() throws Exception {
    gh.ci.seedHistory("main", Duration.ofMinutes(5), "success");
    gh.github.inject("actions/list-workflow-runs", Fault.secondaryLimit(Duration.ofSeconds(60)));
    assertThat(gh.run.measure(GitHubSignals.lastRunSucceeded(workflow("ci.yml"))).value()).hasValue(1.0);
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START.plusSeconds(60));
  }

  @Test
  void aSecondaryLimitWithoutRetryAfterIsWaitedForAMinuteAsGitHubAsks() throws Exception {
    gh.ci.seedHistory("main", Duration.ofMinutes(5), "success");
    gh.github.inject("actions/list-workflow-runs", Fault.secondaryLimit());

    assertThat(gh.run.measure(GitHubSignals.lastRunSucceeded(workflow("ci.yml"))).value()).hasValue(1.0);

    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START.plusSeconds(61));
    assertThat(gh.github.requests("actions/list-workflow-runs")).extracting(RecordedRequest::status)
        .containsExactly(403, 200);
  }

  @Test
  void aSecondaryLimitWithoutRetryAfterThatWouldOutlastTheDeadlineFailsAtOnce() {
    gh.github.inject("actions/cancel-workflow-run", Fault.secondaryLimit());
    FakeRun running = gh.ci.newRun().script(RunScript.neverFinishes()).create();
    gh.run.deadline(GitHubFixture.START.plusSeconds(30));

    assertThatThrownBy(() -> gh.run.apply(GitHubSteps.cancelRuns(workflow("ci.yml"))))
        .isInstanceOf(GitHubRateLimitException.class)
        .hasMessageContaining("GitHub's secondary rate limit (403) applies on POST /repos/acme/shop/actions/runs/"
            + running.id() + "/cancel: GitHub allows calls again at 2026-03-02T09:01:01Z, in 61s, after the deadline"
            + " 2026-03-02T09:00:30Z; not waiting");
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START);
    assertThat(gh.github.requestCount("actions/cancel-workflow-run")).isEqualTo(1);
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aReadWhoseBodyStallsAfterItsHeadersEndsAtTheRequestTimeoutAndIsTriedAgain() throws Exception {
    GitHubAdapter impatient = gh.adapter(b -> b.requestTimeout(Duration.ofMillis(500)));
    gh.ci.seedHistory("main", Duration.ofMinutes(5), "success", "failure");
    gh.github.inject("actions/list-workflow-runs", Fault.stalledBody(Duration.ofSeconds(60)));

    Measurement m = AdapterHarness.builder(impatient).clock(gh.clock).runId("run-s").build()
        .measure(GitHubSignals.successRate(workflow("ci.yml"), lastRuns(10)));

    assertThat(m.value()).hasValue(0.5);
    assertThat(gh.github.requestCount("actions/list-workflow-runs")).isEqualTo(2);
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START.plusSeconds(1));
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aBodyThatKeepsStallingEndsTheCallByTheDeadlineThoughTheRequestTimeoutIsLonger() {
    // The adapter's request timeout is 30 s; the deadline is 2 s away, and the retry after a second leaves one.
    gh.run.deadline(GitHubFixture.START.plusSeconds(2));
    gh.github.inject("actions/list-workflow-runs", Fault.stalledBody(Duration.ofSeconds(60)),
        Fault.stalledBody(Duration.ofSeconds(60)), Fault.stalledBody(Duration.ofSeconds(60)));

    assertThatThrownBy(() -> gh.run.measure(GitHubSignals.successRate(workflow("ci.yml"), lastRuns(10))))
        .isInstanceOf(GitHubException.class)
        .hasMessageContaining("GET /repos/acme/shop/actions/workflows/ci.yml/runs?per_page=100 failed: java.net.http"
            + ".HttpTimeoutException: timed out: no whole answer (status, headers and body) within 1000 ms");
    assertThat(gh.github.requestCount("actions/list-workflow-runs")).isEqualTo(2);
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START.plusSeconds(1));
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aWriteWhoseBodyStallsIsNotSentAgainAndWhatItPostedIsFound() throws Exception {
    GitHubAdapter impatient = gh.adapter(b -> b.requestTimeout(Duration.ofMillis(500)));
    gh.github.inject("issues/create", Fault.stalledBody(Duration.ofSeconds(60)));

    StepResult r = AdapterHarness.builder(impatient).clock(gh.clock).runId("run-w").build()
        .apply(GitHubSteps.openIssue("Rolled back", "body"));

    assertThat(gh.github.requestCount("issues/create")).isEqualTo(1);
    assertThat(gh.repo.issues()).hasSize(1);
    assertThat(r.value()).hasValue(gh.repo.issues().get(0).number());
  }

  @Test
  void aDispatchWhoseAnswerIsLostIsNotSentAgainAndItsRunIsFound() throws Exception {
    gh.github.inject("actions/create-workflow-dispatch", Fault.lostResponse());

    StepResult r = gh.run.apply(GitHubSteps.dispatch("ci.yml", "main"));

    assertThat(gh.github.requestCount("actions/create-workflow-dispatch")).isEqualTo(1);
    assertThat(gh.ci.runs()).hasSize(1);
    assertThat(r.value()).hasValue(gh.ci.runs().get(0).id());
    assertThat(r.evidence().get("correlation").toString()).startsWith("the dispatch's answer was lost");
  }

  @Test
  void aDispatchThatTimesOutIsNotSentAgainAndItsRunIsFound() throws Exception {
    var impatient = gh.adapter(b -> b.requestTimeout(Duration.ofMillis(300)));
    gh.github.inject("actions/create-workflow-dispatch", Fault.delayedResponse(Duration.ofSeconds(20)));

    StepResult r = AdapterHarness.builder(impatient).clock(gh.clock).runId("run-t").build()
        .apply(GitHubSteps.dispatch("ci.yml", "main"));

    assertThat(gh.github.requestCount("actions/create-workflow-dispatch")).isEqualTo(1);
    assertThat(r.value()).hasValue(gh.ci.runs().get(0).id());
    assertThat(r.evidence().get("correlation").toString()).contains("timed out");
  }

  @Test
  void aDispatchThatFailedWith500IsNotSentAgainWhenNoRunAppears() {
    gh.github.inject("actions/create-workflow-dispatch", Fault.status(500));

    assertThatThrownBy(() -> gh.run.apply(GitHubSteps.dispatch("ci.yml", "main")))
        .isInstanceOf(GitHubOutcomeUnknownException.class)
        .hasMessageContaining("may or may not have reached GitHub")
        .hasMessageContaining("no run created after it appeared within 120s; not dispatching again");
    assertThat(gh.github.requestCount("actions/create-workflow-dispatch")).isEqualTo(1);
    assertThat(gh.ci.runs()).isEmpty();
  }

  @Test
  void aLaterAttemptDispatchesAnewOnlyOnceTheEarlierOneCannotHaveCreatedARun() throws Exception {
    gh.github.inject("actions/create-workflow-dispatch", Fault.status(500));
    var step = GitHubSteps.dispatch("ci.yml", "main");
    assertThatThrownBy(() -> gh.run.apply(step)).isInstanceOf(GitHubOutcomeUnknownException.class);

    StepResult second = gh.run.apply(step, 2);

    assertThat(gh.github.requestCount("actions/create-workflow-dispatch")).isEqualTo(2);
    assertThat(second.value()).hasValue(gh.ci.runs().get(0).id());
  }

  @Test
  void aCancelWhoseAnswerIsLostIsCheckedByReadingTheRun() throws Exception {
    FakeRun running = gh.ci.newRun().script(RunScript.neverFinishes()).create();
    gh.github.inject("actions/cancel-workflow-run", Fault.lostResponse());

    StepResult r = gh.run.apply(GitHubSteps.cancelRuns(workflow("ci.yml")));

    assertThat(r.value()).hasValue(java.util.List.of(running.id()));
    assertThat(gh.github.requestCount("actions/cancel-workflow-run")).isEqualTo(1);
    assertThat(gh.github.requestCount("actions/get-workflow-run")).isEqualTo(1);
  }

  @Test
  void theGithubApiClientOfTheAdapterUsesItsBoundedHandlersNotGithubApisHourLongWaits() throws Exception {
    gh.github.inject("repos/get", Fault.tooManyRequests(Duration.ofSeconds(30)));
    assertThat(gh.adapter.gitHub().getRepository("acme/shop").getFullName()).isEqualTo("acme/shop");
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START.plusSeconds(30));

    gh.github.inject("repos/get", Fault.rateLimited(gh.clock.instant().plus(Duration.ofHours(1))));
    assertThatThrownBy(() -> gh.adapter.gitHub().getRepository("acme/shop"))
        .isInstanceOf(GitHubRateLimitException.class)
        .hasMessageContaining("longer than the longest wait configured (900s); not waiting");
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START.plusSeconds(30));
  }

  /**
   * A GitHub URL nobody answers at was retried with backoff and answered "null (caused by ConnectException)" after
   * 19.8 seconds; now it is said at once, with the URL and what to check.
   */
  @Test
  void aUrlNobodyAnswersAtIsNamedAtOnceWithoutRetrying() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/api/v3";
    var adapter = dev.rollback.github.GitHubAdapter.builder(dev.rollback.github.GitHubTarget.of("acme/shop")
        .baseUrl(url)).token(GitHubFixture.TOKEN).clock(gh.clock).sleeper(gh.clock).build();
    var harness = AdapterHarness.builder(adapter).clock(gh.clock).runId("run-x").build();

    assertThatThrownBy(() -> harness.measure(GitHubSignals.successRate(workflow("ci.yml"), lastRuns(10))))
        .isInstanceOf(GitHubException.class)
        .hasMessage("cannot reach GitHub at " + url + ": connection refused (nothing answers there) (GET"
            + " /repos/acme/shop/actions/workflows/ci.yml/runs?per_page=100); check the URL (--github-url,"
            + " GITHUB_API_URL) and the network")
        .hasNoCause();
    assertThat(gh.clock.instant()).as("no backoff waits: a refused connection is not retried")
        .isEqualTo(GitHubFixture.START);
  }

  @Test
  void aWrongTokenStopsTheRunAtItsStart() {
    var adapter = gh.adapter(b -> b.token("ghp_wrong"));
    assertThatThrownBy(() -> adapter.onRunStart(AdapterHarness.builder(adapter).clock(gh.clock).runId("run-x").build()))
        .isInstanceOf(GitHubException.class)
        .hasMessage("cannot read the repository acme/shop: GitHub answered 401 to GET /repos/acme/shop: Bad"
            + " credentials; GitHub refused the token (wrong, expired or revoked): give a valid one (the launcher"
            + " reads GITHUB_TOKEN)");
  }
}
