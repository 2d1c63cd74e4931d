package dev.rollback.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GitHubAdapterTest {

  private static final String TOKEN = "ghp_unitTOKEN0123456789";

  @Test
  void connectTakesTheTokenFromGithubToken() {
    GitHubAdapter a = GitHubAdapter.builder(GitHubTarget.of("acme/shop")).environment(Map.of("GITHUB_TOKEN", TOKEN))
        .build();
    assertThat(a.secrets()).containsExactly(TOKEN);
    assertThat(a.name()).isEqualTo("github");
  }

  @Test
  void withoutATokenTheErrorSaysWhereToPutOne() {
    assertThatThrownBy(() -> GitHubAdapter.builder(GitHubTarget.of("acme/shop")).environment(Map.of()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no GitHub token for acme/shop: set the environment variable GITHUB_TOKEN, or pass"
            + " GitHubAdapter.builder(target).token(...) (or .anonymous() for public repositories)");
  }

  @Test
  void theTokenIsNeverShown() {
    GitHubAdapter a = GitHubAdapter.builder(GitHubTarget.of("acme/shop")).token(TOKEN).build();
    assertThat(a.toString()).isEqualTo("GitHubAdapter[acme/shop, token ****]").doesNotContain(TOKEN);
    assertThatThrownBy(() -> GitHubAdapter.builder(GitHubTarget.of("acme/shop")).token(TOKEN + "\n"))
        .hasMessage("the GitHub token is blank or contains whitespace");
  }

  @Test
  void anonymousAdaptersHaveNoSecrets() {
    GitHubAdapter a = GitHubAdapter.builder(GitHubTarget.of("acme/shop")).environment(Map.of()).anonymous().build();
    assertThat(a.secrets()).isEmpty();
    assertThat(a.toString()).isEqualTo("GitHubAdapter[acme/shop, anonymous]");
  }

  @Test
  void theAdapterInterpretsEveryGitHubKind() {
    GitHubAdapter a = GitHubAdapter.builder(GitHubTarget.of("acme/shop")).token(TOKEN).build();
    assertThat(a.steps()).containsOnlyKeys(GitHubSteps.CANCEL_RUNS, GitHubSteps.RERUN, GitHubSteps.DISPATCH,
        GitHubSteps.AWAIT_RUN, GitHubSteps.OPEN_ISSUE, GitHubSteps.COMMENT, GitHubSteps.OPEN_PULL_REQUEST);
    assertThat(a.checks()).containsOnlyKeys(GitHubChecks.LAST_SUCCESSFUL_COMMIT, GitHubChecks.CI_PASSING,
        GitHubChecks.NO_RUNS_IN_PROGRESS, GitHubChecks.SUSPECTS, GitHubChecks.STILL_RED);
    assertThat(a.signals()).containsOnlyKeys(GitHubSignals.SUCCESS_RATE, GitHubSignals.RUN_DURATION,
        GitHubSignals.LAST_RUN_SUCCEEDED, GitHubSignals.RUNS_IN_PROGRESS, GitHubSignals.FAILURE_STREAK);
  }

  @Test
  void targetsNameTheWrongPart() {
    assertThat(GitHubTarget.of("acme/shop").apiUrl()).isEqualTo("https://api.github.com");
    assertThat(GitHubTarget.of("acme/shop").baseUrl("https://ghe.example.com/api/v3/").apiUrl())
        .isEqualTo("https://ghe.example.com/api/v3");
    assertThat(GitHubTarget.of("acme/shop").baseUrl("https://ghe.example.com/api/v3").toString())
        .isEqualTo("acme/shop at https://ghe.example.com/api/v3");
    assertThatThrownBy(() -> GitHubTarget.of("acme")).hasMessage("a GitHub repository is named owner/name, was"
        + " 'acme'");
    assertThatThrownBy(() -> GitHubTarget.of("-acme/shop")).hasMessageStartingWith("'-acme' in '-acme/shop' is not"
        + " a GitHub owner");
    assertThatThrownBy(() -> GitHubTarget.of("acme/sh op")).hasMessageStartingWith("'sh op' in 'acme/sh op' is not"
        + " a GitHub repository name");
    assertThatThrownBy(() -> GitHubTarget.of("acme/shop").baseUrl("ftp://x")).hasMessageContaining("'ftp://x'");
    assertThatThrownBy(() -> GitHubTarget.of("acme/shop").baseUrl("https://user:pw@ghe/api/v3"))
        .hasMessageContaining("without credentials");
  }

  @Test
  void stepFactoriesRefuseWhatGitHubWouldRefuse() {
    assertThatThrownBy(() -> GitHubSteps.dispatch("ci", "main")).hasMessage("a workflow is its file name under"
        + " .github/workflows (such as ci.yml) or its numeric id, was 'ci'");
    // A run given as text no longer compiles (rerun takes a long or a Ref): what was refused at run time is
    // refused by the compiler now.
    assertThat(java.util.Arrays.stream(GitHubSteps.class.getMethods()).filter(m -> m.getName().equals("rerun"))
        .map(m -> m.getParameterTypes()[0])).containsOnly(long.class, dev.rollback.Ref.class);
    assertThatThrownBy(() -> GitHubSignals.lastRuns(0)).hasMessage("lastRuns must be between 1 and 1000, was 0");
    assertThatThrownBy(() -> GitHubSignals.durationPercentile(RunFilter.all(), 10, 101))
        .hasMessage("a percentile is between 1 and 100, was 101");
    assertThatThrownBy(() -> RunFilter.all().forEvent("Push")).hasMessageContaining("was 'Push'");
    assertThatThrownBy(() -> GitHubSteps.awaitRun(1L, java.time.Duration.ZERO))
        .hasMessage("timeout must be positive, was PT0S");
  }

  @Test
  void aBranchNameIsCheckedByThePlanLikeGitDoes() {
    var step = GitHubSteps.dispatch("ci.yml", "main..bad");
    assertThat(step.args()).singleElement().satisfies(a -> assertThat(a.problems()).isNotEmpty());
  }

  @Test
  void effectsAreDeclaredAsDocumented() {
    assertThat(GitHubSteps.cancelRuns(RunFilter.all()).effect()).isEqualTo(dev.rollback.Effect.IRREVERSIBLE);
    assertThat(GitHubSteps.dispatch("ci.yml", "main").effect()).isEqualTo(dev.rollback.Effect.REVERSIBLE);
    assertThat(GitHubSteps.awaitRun(1L, java.time.Duration.ofMinutes(1)).effect())
        .isEqualTo(dev.rollback.Effect.READ_ONLY);
    assertThat(GitHubSteps.openIssue("t", "b").effect()).isEqualTo(dev.rollback.Effect.REVERSIBLE);
  }
}
