package dev.rollback.github.functional;

import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Step;
import dev.rollback.github.GitHubException;
import dev.rollback.github.GitHubSteps;
import dev.rollback.github.testing.GitHubFixture;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepResult;
import dev.rollback.testkit.AdapterHarness;
import dev.rollback.testkit.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issues, comments and pull requests: posted once, found again on resume. */
class PostStepsTest {

  @RegisterExtension
  final GitHubFixture gh = new GitHubFixture();

  @Test
  void opensAnIssueWithTheTemplateFilledAndFindsItOnResume() throws Exception {
    gh.run.bind("culprit", "1a2b3c4");
    Step open = GitHubSteps.openIssue("P3-007 rolled back", template("Reverted {{culprit}}."), "rollback")
        .as("incident");

    assertThat(gh.run.isApplied(open).state()).isEqualTo(Probe.State.NOT_APPLIED);
    StepResult r = gh.run.apply(open);

    assertThat(r.value()).hasValue(1);
    assertThat(gh.repo.issue(1).body()).startsWith("Reverted 1a2b3c4.").contains("<!-- rollback run=run-1");
    assertThat(gh.repo.issue(1).labels()).containsExactly("rollback");
    Probe p = gh.run.isApplied(open);
    assertThat(p.state()).isEqualTo(Probe.State.APPLIED);
    assertThat(p.result().orElseThrow().value()).hasValue(1);
  }

  @Test
  void commentsOnTheIssueAnEarlierStepOpened() throws Exception {
    gh.run.apply(GitHubSteps.openIssue("Rolled back", "why").as("incident"));
    Step comment = GitHubSteps.comment(ref("incident"), "CI is green again.");

    StepResult r = gh.run.apply(comment);

    assertThat(r.value().orElseThrow().toString()).contains("/acme/shop/issues/1#issuecomment-");
    assertThat(gh.repo.issue(1).comments()).singleElement().satisfies(c ->
        assertThat(c.body()).startsWith("CI is green again."));
    assertThat(gh.run.isApplied(comment).state()).isEqualTo(Probe.State.APPLIED);
  }

  @Test
  void aCommentWhoseAnswerIsLostIsFoundByItsMarkerNotPostedTwice() throws Exception {
    int n = gh.repo.openIssue("tracker", "", "maria").number();
    gh.github.inject("issues/create-comment", Fault.lostResponse());
    StepResult r = gh.run.apply(GitHubSteps.comment(n, "done"));
    assertThat(gh.repo.issue(n).comments()).hasSize(1);
    assertThat(r.value().orElseThrow().toString()).contains("#issuecomment-");
  }

  @Test
  void opensAPullRequestFromTheRollbackBranchAndReusesAnOpenOne() throws Exception {
    gh.repo.branch("rollback-p3-007", "a".repeat(40));
    gh.run.bind("rollbackBranch", "rollback-p3-007");
    Step pr = GitHubSteps.openPullRequest(ref("rollbackBranch"), "main", "Roll back P3-007", "Reverts P3-007.")
        .as("pr");

    StepResult first = gh.run.apply(pr);
    StepResult again = AdapterHarness.builder(gh.adapter).clock(gh.clock).runId("run-2").build()
        .bind("rollbackBranch", "rollback-p3-007")
        .apply(pr);

    assertThat(first.value()).hasValue(1);
    assertThat(again.value()).hasValue(1);
    assertThat(again.summary()).isEqualTo("found the pull request already open pull request #1");
    assertThat(gh.repo.pullRequests()).singleElement().satisfies(p -> {
      assertThat(p.head()).isEqualTo("rollback-p3-007");
      assertThat(p.base()).isEqualTo("main");
    });
    assertThat(gh.run.isApplied(pr).state()).isEqualTo(Probe.State.APPLIED);
  }

  @Test
  void aPullRequestFromABranchThatDoesNotExistFailsWithGitHubsMessage() {
    assertThatThrownBy(() -> gh.run.apply(GitHubSteps.openPullRequest(dev.rollback.Rollback.branch("nope"), "main", "t", "b")))
        .isInstanceOf(GitHubException.class)
        .hasMessageContaining("cannot open a pull request from nope to main: GitHub answered 422");
  }
}
