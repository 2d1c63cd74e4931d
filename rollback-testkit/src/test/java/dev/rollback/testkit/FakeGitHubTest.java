package dev.rollback.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.run.ManualClock;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeGitHubTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T10:00:00Z"));
  private FakeGitHub github;
  private FakeRepository repo;
  private FakeWorkflow ci;
  private Http http;

  @BeforeEach
  void start() {
    github = FakeGitHub.builder().clock(clock).start();
    repo = github.repository("acme/shop");
    ci = repo.workflow("ci.yml");
    http = new Http(github.baseUrl());
  }

  @AfterEach
  void stop() {
    github.close();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void everySimulatedOperationAnswersWithinGitHubsContract() throws Exception {
    ci.seedHistory("main", Duration.ofMinutes(5), "success", "failure", "cancelled");
    repo.collaborator("maria", "maintain");
    FakeRun running = ci.newRun().script(RunScript.neverFinishes()).create();

    assertThat(http.get("/repos/acme/shop").statusCode()).isEqualTo(200);
    assertThat(http.get("/repos/acme/shop/branches/main").statusCode()).isEqualTo(200);
    assertThat(http.get("/repos/acme/shop/actions/workflows").statusCode()).isEqualTo(200);
    assertThat(http.get("/repos/acme/shop/actions/workflows/ci.yml").statusCode()).isEqualTo(200);
    assertThat(json(http.get("/repos/acme/shop/actions/workflows/ci.yml/runs?per_page=2&branch=main"))
        .path("workflow_runs")).hasSize(2);
    assertThat(json(http.get("/repos/acme/shop/actions/runs?status=in_progress")).path("total_count").asInt())
        .isEqualTo(1);
    assertThat(http.get("/repos/acme/shop/actions/runs/" + running.id()).statusCode()).isEqualTo(200);
    assertThat(http.get("/repos/acme/shop/actions/runs/" + running.id() + "/timing").statusCode()).isEqualTo(200);
    assertThat(http.get("/repos/acme/shop/collaborators/maria/permission").statusCode()).isEqualTo(200);
    assertThat(http.get("/user").statusCode()).isEqualTo(200);
    assertThat(http.get("/rate_limit").statusCode()).isEqualTo(200);

    HttpResponse<String> issue = http.post("/repos/acme/shop/issues", "{\"title\":\"Rollback\",\"body\":\"why\","
        + "\"labels\":[\"rollback\"]}");
    assertThat(issue.statusCode()).isEqualTo(201);
    int number = json(issue).path("number").asInt();
    assertThat(http.post("/repos/acme/shop/issues/" + number + "/comments", "{\"body\":\"hello\"}").statusCode())
        .isEqualTo(201);
    assertThat(json(http.get("/repos/acme/shop/issues/" + number + "/comments")).size()).isEqualTo(1);
    assertThat(http.get("/repos/acme/shop/issues/" + number).statusCode()).isEqualTo(200);
    assertThat(json(http.get("/repos/acme/shop/issues?state=all&creator=rollback-bot")).size()).isEqualTo(1);

    repo.branch("rollback-p3-007", "1".repeat(40));
    assertThat(http.post("/repos/acme/shop/pulls", "{\"title\":\"Roll back\",\"head\":\"rollback-p3-007\","
        + "\"base\":\"main\",\"body\":\"b\"}").statusCode()).isEqualTo(201);
    assertThat(json(http.get("/repos/acme/shop/pulls?head=acme:rollback-p3-007&base=main")).size()).isEqualTo(1);

    assertThat(http.post("/repos/acme/shop/actions/workflows/ci.yml/dispatches", "{\"ref\":\"main\"}").statusCode())
        .isEqualTo(204);
    assertThat(http.post("/repos/acme/shop/actions/runs/" + running.id() + "/cancel", null).statusCode())
        .isEqualTo(202);

    github.assertNoViolations();
    assertThat(github.requests()).allSatisfy(r -> assertThat(r.operationId()).isPresent());
  }

  @Test
  void aCancelledRunReadsBackCancelledAndASecondCancelIsAConflict() throws Exception {
    FakeRun run = ci.newRun().script(RunScript.neverFinishes()).create();

    assertThat(http.post("/repos/acme/shop/actions/runs/" + run.id() + "/cancel", null).statusCode()).isEqualTo(202);
    JsonNode read = json(http.get("/repos/acme/shop/actions/runs/" + run.id()));
    assertThat(read.path("status").asText()).isEqualTo("completed");
    assertThat(read.path("conclusion").asText()).isEqualTo("cancelled");
    HttpResponse<String> again = http.post("/repos/acme/shop/actions/runs/" + run.id() + "/cancel", null);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).path("message").asText()).contains("completed");
    github.assertNoViolations();
  }

  @Test
  void aDispatchCreatesAQueuedRunThatUnfoldsAsScriptedOnTheClock() throws Exception {
    ci.onDispatch(RunScript.failsAfter(Duration.ofMinutes(4)).queuedFor(Duration.ofSeconds(30)));
    ci.inputs("reason").runName("CI for ${{ inputs.reason }}");

    assertThat(http.post("/repos/acme/shop/actions/workflows/ci.yml/dispatches",
        "{\"ref\":\"main\",\"inputs\":{\"reason\":\"rollback-42\"}}").statusCode()).isEqualTo(204);
    FakeRun run = ci.runs().get(0);
    assertThat(run.event()).isEqualTo("workflow_dispatch");
    assertThat(run.displayTitle()).isEqualTo("CI for rollback-42");
    assertThat(run.status()).isEqualTo("queued");
    clock.advance(Duration.ofMinutes(1));
    assertThat(json(http.get("/repos/acme/shop/actions/runs/" + run.id())).path("status").asText())
        .isEqualTo("in_progress");
    clock.advance(Duration.ofMinutes(3));
    JsonNode done = json(http.get("/repos/acme/shop/actions/runs/" + run.id()));
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(done.path("conclusion").asText()).isEqualTo("failure");
    github.assertNoViolations();
  }

  @Test
  void aDispatchWithAnUndeclaredInputIsRefusedAsOnGitHub() throws Exception {
    ci.inputs("reason");
    HttpResponse<String> r = http.post("/repos/acme/shop/actions/workflows/ci.yml/dispatches",
        "{\"ref\":\"main\",\"inputs\":{\"other\":\"x\"}}");
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(ci.runs()).isEmpty();
  }

  @Test
  void aDispatchAskingForDetailsGetsTheRunIdUnlessTheServerIsOlder() throws Exception {
    HttpResponse<String> r = http.post("/repos/acme/shop/actions/workflows/ci.yml/dispatches",
        "{\"ref\":\"main\",\"return_run_details\":true}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("workflow_run_id").asLong()).isEqualTo(ci.runs().get(0).id());

    github.dispatchRunDetails(false);
    assertThat(http.post("/repos/acme/shop/actions/workflows/ci.yml/dispatches",
        "{\"ref\":\"main\",\"return_run_details\":true}").statusCode()).isEqualTo(204);
    github.assertNoViolations();
  }

  @Test
  void aRerunKeepsTheRunIdAndAddsAnAttempt() throws Exception {
    FakeRun run = ci.seedHistory("main", Duration.ofMinutes(5), "failure").get(0);
    assertThat(http.post("/repos/acme/shop/actions/runs/" + run.id() + "/rerun", null).statusCode()).isEqualTo(201);
    JsonNode read = json(http.get("/repos/acme/shop/actions/runs/" + run.id()));
    assertThat(read.path("id").asLong()).isEqualTo(run.id());
    assertThat(read.path("run_attempt").asInt()).isEqualTo(2);
    assertThat(read.path("status").asText()).isEqualTo("queued");
    github.assertNoViolations();
  }

  @Test
  void anUnchangedRunIsAnsweredNotModified() throws Exception {
    FakeRun run = ci.newRun().script(RunScript.succeedsAfter(Duration.ofMinutes(2))).create();
    HttpResponse<String> first = http.get("/repos/acme/shop/actions/runs/" + run.id());
    String etag = first.headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> same = http.get("/repos/acme/shop/actions/runs/" + run.id(), "If-None-Match", etag);
    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(same.body()).isEmpty();
    clock.advance(Duration.ofMinutes(3));
    HttpResponse<String> changed = http.get("/repos/acme/shop/actions/runs/" + run.id(), "If-None-Match", etag);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(json(changed).path("conclusion").asText()).isEqualTo("success");
    assertThat(github.requests("actions/get-workflow-run")).extracting(RecordedRequest::conditional)
        .containsExactly(false, true, true);
    github.assertNoViolations();
  }

  @Test
  void anInjectedFaultAnswersOnceAndTheNextRequestSucceeds() throws Exception {
    github.inject("actions/list-workflow-runs", Fault.status(500));
    assertThat(http.get("/repos/acme/shop/actions/workflows/ci.yml/runs").statusCode()).isEqualTo(500);
    assertThat(http.get("/repos/acme/shop/actions/workflows/ci.yml/runs").statusCode()).isEqualTo(200);
    github.assertNoViolations();
  }

  @Test
  void rateLimitAndRetryAfterFaultsCarryGitHubsHeaders() throws Exception {
    Instant reset = clock.instant().plus(Duration.ofMinutes(20));
    github.inject("actions/get-workflow-run", Fault.rateLimited(reset), Fault.tooManyRequests(Duration.ofSeconds(30)));
    FakeRun run = ci.newRun().create();
    HttpResponse<String> limited = http.get("/repos/acme/shop/actions/runs/" + run.id());
    assertThat(limited.statusCode()).isEqualTo(403);
    assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
    assertThat(limited.headers().firstValue("X-RateLimit-Reset")).hasValue(Long.toString(reset.getEpochSecond()));
    HttpResponse<String> tooMany = http.get("/repos/acme/shop/actions/runs/" + run.id());
    assertThat(tooMany.statusCode()).isEqualTo(429);
    assertThat(tooMany.headers().firstValue("Retry-After")).hasValue("30");
  }

  @Test
  void aLostResponseStillCreatesTheDispatchedRun() {
    github.inject("actions/create-workflow-dispatch", Fault.lostResponse());
    assertThatThrownBy(() -> http.post("/repos/acme/shop/actions/workflows/ci.yml/dispatches", "{\"ref\":\"main\"}"))
        .isInstanceOf(java.io.IOException.class);
    assertThat(ci.runs()).hasSize(1);
    assertThat(github.requests("actions/create-workflow-dispatch")).extracting(RecordedRequest::status)
        .containsExactly(0);
  }

  @Test
  void aDelayedResponseOutlastsAShortClientTimeoutButTheRunExists() {
    github.inject("actions/create-workflow-dispatch", Fault.delayedResponse(Duration.ofSeconds(20)));
    assertThatThrownBy(() -> http.post("/repos/acme/shop/actions/workflows/ci.yml/dispatches", "{\"ref\":\"main\"}",
        Duration.ofMillis(300))).isInstanceOf(HttpTimeoutException.class);
    assertThat(ci.runs()).hasSize(1);
  }

  @Test
  void aSecondaryLimitWithoutRetryAfterCarriesOnlyGitHubsMessage() throws Exception {
    github.inject("actions/get-workflow-run", Fault.secondaryLimit());
    FakeRun run = ci.newRun().create();
    HttpResponse<String> limited = http.get("/repos/acme/shop/actions/runs/" + run.id());
    assertThat(limited.statusCode()).isEqualTo(403);
    assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
    assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).isNotEqualTo(java.util.Optional.of("0"));
    assertThat(json(limited).path("message").asText()).startsWith("You have exceeded a secondary rate limit.");
    assertThat(Fault.secondaryLimit()).hasToString("Fault[403 secondary limit without Retry-After]");
    github.assertNoViolations();
  }

  @Test
  void anEchoedHeadersFaultQuotesTheRequestsCredentials() throws Exception {
    github.inject("repos/get", Fault.echoedHeaders(502));
    HttpResponse<String> r = http.get("/repos/acme/shop");
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(json(r).path("message").asText()).startsWith("Request refused by proxy").contains("Bearer t0ken");
    assertThat(http.get("/repos/acme/shop").statusCode()).isEqualTo(200);
    github.assertNoViolations();
  }

  @Test
  void aStalledBodySendsTheHeadersAndHalfTheBodyThenHoldsTheRest() throws Exception {
    FakeRun run = ci.newRun().create();
    github.inject("actions/get-workflow-run", Fault.stalledBody(Duration.ofSeconds(60)));
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(github.baseUrl()
        + "/repos/acme/shop/actions/runs/" + run.id())).header("Accept", "application/vnd.github+json")
        .header("Authorization", "Bearer t0ken").build();
    HttpResponse<java.io.InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    long length = Long.parseLong(r.headers().firstValue("Content-Length").orElseThrow());
    java.io.InputStream in = r.body();
    byte[] first = new byte[(int) length];
    int got = in.read(first);
    assertThat(got).isPositive().isLessThan((int) length);
    java.util.concurrent.CompletableFuture<byte[]> rest = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return in.readAllBytes();
      } catch (java.io.IOException e) {
        return new byte[0];
      }
    });
    Thread.sleep(300);
    assertThat(rest).isNotDone();
    github.close();
    assertThat(rest.get(10, java.util.concurrent.TimeUnit.SECONDS).length + got).isLessThan((int) length);
  }

  @Test
  void aRequestTheDescriptionDoesNotAllowIsRefusedAndFailsTheTest() throws Exception {
    HttpResponse<String> r = http.post("/repos/acme/shop/actions/workflows/ci.yml/dispatches", "{\"inputs\":{}}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("message").asText()).contains("violates GitHub's OpenAPI description")
        .contains("ref");
    assertThat(ci.runs()).isEmpty();
    assertThatThrownBy(github::assertNoViolations).isInstanceOf(ContractViolationError.class)
        .hasMessageContaining("POST /repos/acme/shop/actions/workflows/ci.yml/dispatches");
  }

  @Test
  void aPathGitHubDoesNotHaveIsAViolation() throws Exception {
    assertThat(http.get("/repos/acme/shop/actions/runners").statusCode()).isEqualTo(400);
    assertThat(github.violations()).singleElement().asString().contains("No API path found");
  }

  @Test
  void anUndocumentedQueryParameterIsAViolation() throws Exception {
    assertThat(http.get("/repos/acme/shop/actions/runs?limit=10").statusCode()).isEqualTo(400);
    assertThat(github.violations()).singleElement().asString().contains("'limit' is unexpected");
  }

  @Test
  void aRequiredTokenRefusesOtherCredentials() throws Exception {
    try (FakeGitHub strict = FakeGitHub.builder().requireToken("s3cret").start()) {
      strict.repository("acme/shop");
      assertThat(new Http(strict.baseUrl()).get("/repos/acme/shop").statusCode()).isEqualTo(401);
      assertThat(strict.requests()).singleElement().extracting(RecordedRequest::authenticated).isEqualTo(false);
    }
  }

  @Test
  void injectingAFaultForAnUnknownOperationNamesTheKnownOnes() {
    assertThatThrownBy(() -> github.inject("actions/list-runs", Fault.status(500)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actions/list-workflow-runs");
  }
}
