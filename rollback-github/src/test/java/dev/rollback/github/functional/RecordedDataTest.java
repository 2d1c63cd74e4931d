package dev.rollback.github.functional;

import static dev.rollback.github.GitHubSignals.lastRuns;
import static dev.rollback.github.GitHubSignals.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.ApprovalPolicy;
import dev.rollback.github.GitHubAdapter;
import dev.rollback.github.GitHubApprover;
import dev.rollback.github.GitHubSignals;
import dev.rollback.github.GitHubTarget;
import dev.rollback.github.RunFilter;
import dev.rollback.run.ManualClock;
import dev.rollback.spi.ApprovalRequest;
import dev.rollback.spi.Measurement;
import dev.rollback.testkit.AdapterHarness;
import dev.rollback.testkit.FakeGitHub;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real GitHub data, recorded by hub4j/github-api's tests (see src/test/resources/github-recorded/SOURCE.md), served
 * through the fake: what the adapter computes equals what this test computes from the JSON itself.
 */
class RecordedDataTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FAILED = Set.of("failure", "timed_out", "startup_failure");

  private final ManualClock clock = ManualClock.at(Instant.parse("2024-02-10T00:00:00Z"));
  private final FakeGitHub github = FakeGitHub.builder().clock(clock).start();

  @AfterEach
  void stop() {
    try {
      github.assertNoViolations();
    } finally {
      github.close();
    }
  }

  private static String resource(String path) throws Exception {
    try (InputStream in = RecordedDataTest.class.getResourceAsStream("/github-recorded/" + path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private AdapterHarness run(String repository) {
    GitHubAdapter adapter = GitHubAdapter.builder(GitHubTarget.of(repository).baseUrl(github.baseUrl()))
        .token("ghp_recorded").clock(clock).sleeper(clock).build();
    return AdapterHarness.builder(adapter).clock(clock).runId("recorded").build();
  }

  /** The test's own reading of the recording: the newest n runs, newest first. */
  private static List<JsonNode> runs(String json, int n) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    JSON.readTree(json).path("workflow_runs").forEach(out::add);
    return out.subList(0, Math.min(n, out.size()));
  }

  private static double expectedSuccessRate(List<JsonNode> runs) {
    long ok = runs.stream().filter(r -> r.path("status").asText().equals("completed")
        && r.path("conclusion").asText().equals("success")).count();
    long failed = runs.stream().filter(r -> r.path("status").asText().equals("completed")
        && FAILED.contains(r.path("conclusion").asText())).count();
    return (double) ok / (ok + failed);
  }

  private static List<Double> expectedDurations(List<JsonNode> runs) {
    List<Double> d = new ArrayList<>();
    for (JsonNode r : runs) {
      String c = r.path("conclusion").asText();
      if (r.path("status").asText().equals("completed") && (c.equals("success") || FAILED.contains(c))
          && !c.equals("startup_failure")) {
        String start = r.hasNonNull("run_started_at") ? r.get("run_started_at").asText() : r.get("created_at").asText();
        d.add(Duration.between(OffsetDateTime.parse(start), OffsetDateTime.parse(r.get("updated_at").asText()))
            .toMillis() / 1000.0);
      }
    }
    Collections.sort(d);
    return d;
  }

  private static double nearestRank(List<Double> sorted, int p) {
    return sorted.get((int) Math.ceil(p / 100.0 * sorted.size()) - 1);
  }

  @Test
  void successRateAndDurationsOfARecordedWorkflowRunListEqualTheTestsOwnReading() throws Exception {
    String json = resource("GHWorkflowTest/wiremock/testListWorkflowRuns/__files/"
        + "3-r_h_g_actions_workflows_6817859_runs.json");
    github.answerNext("GET", "/repos/hub4j-test-org/GHWorkflowTest/actions/workflows/6817859/runs", 200, json);
    AdapterHarness run = run("hub4j-test-org/GHWorkflowTest");
    RunFilter ci = workflow("6817859");
    List<JsonNode> last10 = runs(json, 10);
    List<Double> durations = expectedDurations(last10);

    Measurement rate = run.measure(GitHubSignals.successRate(ci, lastRuns(10)));
    Measurement p50 = run.measure(GitHubSignals.medianDuration(ci, lastRuns(10)));
    Measurement p90 = run.measure(GitHubSignals.durationPercentile(ci, lastRuns(10), 90));
    Measurement max = run.measure(GitHubSignals.maxDuration(ci, lastRuns(10)));

    assertThat(rate.value()).hasValue(expectedSuccessRate(last10));
    assertThat(p50.value()).hasValue(nearestRank(durations, 50));
    assertThat(p90.value()).hasValue(nearestRank(durations, 90));
    assertThat(max.value()).hasValue(durations.get(durations.size() - 1));
    assertThat(durations).hasSize(10);
    assertThat(github.requests()).hasSize(1);
  }

  @Test
  void aRecordedListWithAFailureGivesTheSameRateAndDurations() throws Exception {
    String json = resource("GHWorkflowRunTest/wiremock/testSearchOnCreatedAndHeadSha/__files/"
        + "11-r_h_g_actions_runs.json");
    github.answerNext("GET", "/repos/hub4j-test-org/GHWorkflowRunTest/actions/runs", 200, json);
    AdapterHarness run = run("hub4j-test-org/GHWorkflowRunTest");
    List<JsonNode> all = runs(json, 10);

    Measurement rate = run.measure(GitHubSignals.successRate(GitHubSignals.allRuns(), lastRuns(10)));
    Measurement p95 = run.measure(GitHubSignals.durationPercentile(GitHubSignals.allRuns(), lastRuns(10), 95));

    assertThat(all).hasSize(6);
    assertThat(rate.value()).hasValue(expectedSuccessRate(all));
    assertThat(rate.value().getAsDouble()).isEqualTo(5.0 / 6);
    assertThat(p95.value()).hasValue(nearestRank(expectedDurations(all), 95));
  }

  @Test
  void recordingsFrom2021WithoutRunStartedAtTimeRunsFromTheirCreation() throws Exception {
    String json = resource("GHWorkflowRunTest/wiremock/testJobs/__files/6-r_h_g_actions_runs.json");
    github.answerNext("GET", "/repos/hub4j-test-org/GHWorkflowRunTest/actions/runs", 200, json);
    AdapterHarness run = run("hub4j-test-org/GHWorkflowRunTest");
    List<JsonNode> last20 = runs(json, 20);

    Measurement median = run.measure(GitHubSignals.medianDuration(GitHubSignals.allRuns(), lastRuns(20)));

    assertThat(last20.get(0).has("run_started_at")).isFalse();
    assertThat(median.value()).hasValue(nearestRank(expectedDurations(last20), 50));
    assertThat(median.history()).isNotEmpty();
    assertThat(median.history().get(median.history().size() - 1).value()).isEqualTo(median.value().getAsDouble());
  }

  @Test
  void aRecordedPermissionWithoutRoleNameReadsAsItsPermission() throws Exception {
    github.repository("hub4j-test-org/test-permission").openIssue("approve?", "", "kohsuke");
    github.answerNext("GET", "/repos/hub4j-test-org/test-permission/collaborators/dude/permission", 200,
        resource("GHRepositoryTest/wiremock/getPermission/__files/4-r_h_t_collaborators_dude_permission.json"));
    github.answerNext("GET", "/repos/hub4j-test-org/test-permission/collaborators/kohsuke/permission", 200,
        resource("GHRepositoryTest/wiremock/getPermission/__files/3-r_h_t_collaborators_kohsuke_permission.json"));
    GitHubAdapter adapter = GitHubAdapter.builder(GitHubTarget.of("hub4j-test-org/test-permission")
        .baseUrl(github.baseUrl())).token("ghp_recorded").clock(clock).sleeper(clock).build();
    var issue = github.repository("hub4j-test-org/test-permission").issue(1);
    github.beforeNext("issues/list-comments", () -> {
      issue.comment("dude", "/approve");
      issue.comment("kohsuke", "/approve");
    });

    var votes = GitHubApprover.on(adapter).issue(1).build().requestApproval(new ApprovalRequest("r", "plan",
        "critical", ApprovalPolicy.single("admin"), "why", List.of(), clock.instant(),
        clock.instant().plus(Duration.ofMinutes(5))));

    assertThat(votes).extracting(v -> v.person()).containsExactly("kohsuke");
  }
}
