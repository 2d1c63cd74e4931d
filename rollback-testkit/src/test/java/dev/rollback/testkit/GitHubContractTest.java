package dev.rollback.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitHubContractTest {

  private final GitHubContract contract = GitHubContract.github();
  private static final Map<String, List<String>> GITHUB_JSON = Map.of("Accept", List.of("application/vnd.github+json"));

  @Test
  void findsTheOperationOfAConcretePath() {
    assertThat(contract.operationId("POST", "/repos/o/r/actions/runs/9100000001/cancel"))
        .hasValue("actions/cancel-workflow-run");
    assertThat(contract.operationId("GET", "/repos/o/r/actions/workflows/ci.yml/runs"))
        .hasValue("actions/list-workflow-runs");
    assertThat(contract.operationId("DELETE", "/repos/o/r/actions/runs/1")).isEmpty();
  }

  @Test
  void acceptsGitHubsOwnJsonMediaTypeAndAWorkflowFileName() {
    assertThat(contract.checkRequest("POST", "/repos/o/r/actions/workflows/ci.yml/dispatches", "",
        Map.of("Accept", List.of("application/vnd.github+json"), "Content-Type", List.of("application/json")),
        "{\"ref\":\"main\",\"inputs\":{\"reason\":\"x\"}}")).isEmpty();
  }

  @Test
  void reportsAMissingRequiredFieldAndAnUnknownStatusValue() {
    assertThat(contract.checkRequest("POST", "/repos/o/r/actions/workflows/ci.yml/dispatches", "",
        Map.of("Content-Type", List.of("application/json")), "{}"))
        .singleElement().asString().contains("missing required properties").contains("ref");
    assertThat(contract.checkRequest("GET", "/repos/o/r/actions/runs", "status=running", GITHUB_JSON, null))
        .singleElement().asString().contains("running");
  }

  @Test
  void reportsABodyWhereGitHubTakesNone() {
    assertThat(contract.checkRequest("POST", "/repos/o/r/actions/runs/5/cancel", "",
        Map.of("Content-Type", List.of("application/json")), "{}"))
        .singleElement().asString().contains("No request body is expected");
  }

  @Test
  void acceptsNotModifiedForAConditionalGetOnly() {
    assertThat(contract.checkResponse("GET", "/repos/o/r/actions/runs/5",
        Map.of("If-None-Match", List.of("W/\"abc\"")), 304, Map.of(), null)).isEmpty();
    assertThat(contract.checkResponse("GET", "/repos/o/r/actions/runs/5", Map.of(), 304, Map.of(), null))
        .singleElement().asString().contains("304");
  }

  @Test
  void reportsAResponseFieldOfTheWrongShape() {
    assertThat(contract.checkResponse("POST", "/repos/o/r/actions/workflows/ci.yml/dispatches", Map.of(), 200,
        Map.of("Content-Type", List.of("application/json")), "{\"workflow_run_id\":\"not a number\"}"))
        .isNotEmpty();
  }

  @Test
  void knowsWhichStatusesAnOperationDocuments() {
    assertThat(contract.documents("POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/cancel", 409)).isTrue();
    assertThat(contract.documents("GET", "/repos/{owner}/{repo}/actions/runs/{run_id}", 500)).isFalse();
  }
}
