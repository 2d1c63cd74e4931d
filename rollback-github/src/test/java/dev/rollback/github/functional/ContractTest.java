package dev.rollback.github.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Effect;
import dev.rollback.Step;
import dev.rollback.github.GitHubAdapter;
import dev.rollback.github.GitHubException;
import dev.rollback.github.GitHubSteps;
import dev.rollback.github.GitHubTarget;
import dev.rollback.run.ManualClock;
import dev.rollback.testkit.AdapterHarness;
import dev.rollback.testkit.ContractViolationError;
import dev.rollback.testkit.FakeGitHub;
import dev.rollback.testkit.FakeRun;
import dev.rollback.testkit.RunScript;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kohsuke.github.GHWorkflowRun;

/**
 * The contract check has teeth: a request GitHub's OpenAPI description does not allow fails the call that sent it
 * and fails the test afterwards, even when the caller swallowed the error.
 */
class ContractTest {

  private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));

  @Test
  void aDispatchWithMoreInputsThanGitHubAllowsIsAViolationThatFailsTheTest() throws Exception {
    try (FakeGitHub github = FakeGitHub.builder().clock(clock).start()) {
      github.repository("acme/shop").workflow("ci.yml");
      GitHubAdapter adapter = GitHubAdapter.builder(GitHubTarget.of("acme/shop").baseUrl(github.baseUrl()))
          .token("ghp_contract").clock(clock).sleeper(clock).build();
      Map<String, Object> inputs = new LinkedHashMap<>();
      for (int i = 0; i < 26; i++) {
        inputs.put("input" + i, "x");
      }
      // GitHubSteps.dispatch refuses this; built by hand it goes through the adapter's normal request path.
      Step tooMany = Step.of(GitHubSteps.DISPATCH, "dispatch", Effect.REVERSIBLE,
          Map.of("workflow", "ci.yml", "ref", "main", "inputs", inputs));

      assertThatThrownBy(() -> AdapterHarness.builder(adapter).clock(clock).runId("r").build().apply(tooMany))
          .isInstanceOf(GitHubException.class)
          .hasMessageContaining("GitHub answered 400")
          .hasMessageContaining("violates GitHub's OpenAPI description");
      assertThat(github.repository("acme/shop").workflow("ci.yml").runs()).isEmpty();
      assertThatThrownBy(github::assertNoViolations).isInstanceOf(ContractViolationError.class)
          .hasMessageContaining("POST /repos/acme/shop/actions/workflows/ci.yml/dispatches")
          .hasMessageContaining("maxProperties");
    }
  }

  @Test
  void githubApisOwnCancelSendsABodyTheDescriptionDoesNotAllowAndTheSuiteCatchesIt() throws Exception {
    try (FakeGitHub github = FakeGitHub.builder().clock(clock).start()) {
      FakeRun run = github.repository("acme/shop").workflow("ci.yml").newRun().script(RunScript.neverFinishes())
          .create();
      GitHubAdapter adapter = GitHubAdapter.builder(GitHubTarget.of("acme/shop").baseUrl(github.baseUrl()))
          .token("ghp_contract").clock(clock).sleeper(clock).build();
      GHWorkflowRun viaGithubApi = adapter.gitHub().getRepository("acme/shop").getWorkflowRun(run.id());

      try {
        viaGithubApi.cancel();
      } catch (java.io.IOException swallowed) {
        // A caller that swallows the error does not hide the violation.
      }

      assertThat(run.status()).isEqualTo("in_progress");
      assertThat(github.violations()).singleElement().asString()
          .contains("POST /repos/acme/shop/actions/runs/" + run.id() + "/cancel")
          .contains("No request body is expected");
      assertThatThrownBy(github::assertNoViolations).isInstanceOf(ContractViolationError.class);
      // github-api needs the repository before the run (a hidden GET /repos/acme/shop); the adapter does not.
      assertThat(github.requests()).extracting(r -> r.operationId().orElse("?"))
          .containsExactly("repos/get", "actions/get-workflow-run", "actions/cancel-workflow-run");
      // The adapter's own cancel sends no body, and conforms.
      AdapterHarness.builder(adapter).clock(clock).runId("r").build()
          .apply(GitHubSteps.cancelRuns(dev.rollback.github.RunFilter.workflow("ci.yml")));
      assertThat(run.conclusion()).hasValue("cancelled");
      assertThat(github.violations()).hasSize(1);
    }
  }
}
