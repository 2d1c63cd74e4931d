package dev.rollback.github.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.ApprovalPolicy;
import dev.rollback.github.GitHubApprover;
import dev.rollback.github.GitHubPermission;
import dev.rollback.github.testing.GitHubFixture;
import dev.rollback.spi.ApprovalRequest;
import dev.rollback.spi.ConfirmationRequest;
import dev.rollback.spi.Vote;
import dev.rollback.testkit.FakeIssue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Approvals by comment: who may approve, what counts, and until when. */
class ApprovalFlowTest {

  @RegisterExtension
  final GitHubFixture gh = new GitHubFixture();

  private FakeIssue tracker;

  @BeforeEach
  void people() {
    gh.repo.collaborator("maria", "maintain").collaborator("dude", "read").collaborator("wendy", "write")
        .collaborator("ada", "admin");
    tracker = gh.repo.openIssue("P3-007 incident", "CI is broken", "maria");
  }

  private ApprovalRequest request(ApprovalPolicy policy) {
    Instant now = gh.clock.instant();
    return new ApprovalRequest("run-1", "P3-007 rollback", "critical", policy,
        "ci_success_rate 40% < 95% over the last 10 runs", List.of("cancel CI runs of ci.yml on main",
        "force push main with lease"), now, now.plus(Duration.ofMinutes(15)));
  }

  @Test
  void aReadOnlyUsersApproveIsIgnoredAndAMaintainersCounts() throws Exception {
    GitHubApprover approver = GitHubApprover.on(gh.adapter).issue(tracker.number()).build();
    gh.github.beforeNext("issues/list-comments", () -> tracker.comment("dude", "/approve"));
    // The next poll sees the approver's own answer to dude (why it does not count), the one after an unchanged issue.
    gh.github.beforeNext("issues/list-comments", () -> { });
    gh.github.beforeNext("issues/list-comments", () -> { });
    gh.github.beforeNext("issues/list-comments", () -> tracker.comment("maria", "/approve  go ahead"));

    List<Vote> votes = approver.requestApproval(request(ApprovalPolicy.single("maintainer")));

    assertThat(votes).singleElement().satisfies(v -> {
      assertThat(v.person()).isEqualTo("maria");
      assertThat(v.roles()).isEqualTo(Set.of("maintainer"));
      assertThat(v.approve()).isTrue();
      assertThat(v.at()).isEqualTo(GitHubFixture.START.plusSeconds(15));
      assertThat(v.via()).isEqualTo("github-comment");
      assertThat(v.comment().orElseThrow()).startsWith("/approve  go ahead (").contains("#issuecomment-");
    });
    assertThat(tracker.comments().get(0).author()).isEqualTo("rollback-bot");
    assertThat(tracker.comments().get(0).body()).contains("**P3-007 rollback** asks for approval (critical):"
        + " Single maintainer").contains("- cancel CI runs of ci.yml on main")
        .contains("Votes count from: maintainer (maintain or higher) on acme/shop");
    assertThat(tracker.comments().get(2).author()).isEqualTo("rollback-bot");
    assertThat(tracker.comments().get(2).body()).startsWith("@dude your `/approve` does not count: their role on"
        + " acme/shop is 'read', and votes count from: maintainer (maintain or higher).");
    assertThat(gh.github.requests("issues/list-comments")).extracting(r -> r.status())
        .containsExactly(200, 200, 304, 200);
    assertThat(gh.github.requestCount("repos/get-collaborator-permission-level")).isEqualTo(2);
  }

  @Test
  void aCustomRoleCountsAsItsBasePermissionWhereGitHubsOwnRoleNameIsUnknown() throws Exception {
    // release-captain is built on maintain: GitHub reports role_name 'release-captain' and permission 'write'.
    gh.repo.customRole("kim", "release-captain", "maintain");
    GitHubApprover approver = GitHubApprover.on(gh.adapter).issue(tracker.number())
        .role("deployer", GitHubPermission.WRITE).build();
    gh.github.beforeNext("issues/list-comments", () -> tracker.comment("kim", "/approve"));

    List<Vote> votes = approver.requestApproval(request(ApprovalPolicy.single("deployer")));

    assertThat(votes).singleElement().satisfies(v -> {
      assertThat(v.person()).isEqualTo("kim");
      assertThat(v.roles()).containsExactly("deployer");
    });
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START);
  }

  @Test
  void aVoteThatDoesNotCountIsExplainedOnTheIssueOncePerPersonNamingTheCustomRoleAndItsBase() throws Exception {
    gh.repo.customRole("kim", "release-captain", "maintain");
    GitHubApprover approver = GitHubApprover.on(gh.adapter).issue(tracker.number()).build();
    gh.github.beforeNext("issues/list-comments", () -> tracker.comment("kim", "/approve"));
    gh.github.beforeNext("issues/list-comments", () -> tracker.comment("kim", "/approve please"));
    gh.github.beforeNext("issues/list-comments", () -> tracker.comment("maria", "/approve"));

    List<Vote> votes = approver.requestApproval(request(ApprovalPolicy.single("maintainer")));

    assertThat(votes).extracting(Vote::person).containsExactly("maria");
    assertThat(tracker.comments()).filteredOn(c -> c.author().equals("rollback-bot") && c.body().startsWith("@kim"))
        .singleElement().satisfies(c -> assertThat(c.body()).startsWith("@kim your `/approve` does not count: their"
            + " role on acme/shop is 'release-captain' (a custom role, base permission 'write'), and votes count"
            + " from: maintainer (maintain or higher)."));
    assertThat(gh.github.requestCount("repos/get-collaborator-permission-level")).isEqualTo(2);
  }

  @Test
  void aVoteFromSomeoneNotNamedAndFromTheAdaptersOwnAccountIsExplained() throws Exception {
    GitHubApprover approver = GitHubApprover.on(gh.adapter).issue(tracker.number()).role("team-lead", "ada").build();
    gh.github.beforeNext("issues/list-comments", () -> {
      tracker.comment("maria", "/approve");
      tracker.comment("rollback-bot", "/approve");
    });
    gh.github.beforeNext("issues/list-comments", () -> tracker.comment("ada", "/approve"));

    assertThat(approver.requestApproval(request(ApprovalPolicy.single("team-lead")))).extracting(Vote::person)
        .containsExactly("ada");
    assertThat(tracker.comments()).extracting(c -> c.body().split("\n")[0]).contains(
        "@maria your `/approve` does not count: they are not among the people named: team-lead (ada).",
        "@rollback-bot your `/approve` does not count: it comes from the account the rollback itself uses, and"
            + " automation cannot answer its own requests.");
  }

  @Test
  void aConfirmationFromACustomRoleBelowTheBarIsExplainedAndOneAboveCounts() throws Exception {
    gh.repo.customRole("tri", "issue-wrangler", "triage").customRole("kim", "release-captain", "maintain");
    GitHubApprover approver = GitHubApprover.on(gh.adapter).issue(tracker.number()).build();
    gh.github.beforeNext("issues/list-comments", () -> tracker.comment("tri", "/yes"));
    gh.github.beforeNext("issues/list-comments", () -> tracker.comment("kim", "/done"));
    Instant now = gh.clock.instant();

    var answer = approver.confirm(new ConfirmationRequest("run-1", "P3-007 rollback",
        ConfirmationRequest.Kind.CHECK, "Backup current configuration files", now, now.plus(Duration.ofMinutes(3))));

    assertThat(answer).hasValueSatisfying(v -> {
      assertThat(v.person()).isEqualTo("kim");
      assertThat(v.roles()).containsExactly("release-captain");
    });
    assertThat(tracker.comments()).extracting(c -> c.body().split("\n")[0]).contains("@tri your `/yes` does not"
        + " count: their role on acme/shop is 'issue-wrangler' (a custom role, base permission 'read'), below write.");
  }

  @Test
  void anApproveWrittenBeforeTheRequestDoesNotCount() throws Exception {
    tracker.comment("maria", "/approve");
    GitHubApprover approver = GitHubApprover.on(gh.adapter).issue(tracker.number()).build();
    List<Vote> votes = approver.requestApproval(request(ApprovalPolicy.single("maintainer")));
    assertThat(votes).isEmpty();
  }

  @Test
  void aWriterDoesNotMeetMaintainButAnAdminDoes() throws Exception {
    GitHubApprover approver = GitHubApprover.on(gh.adapter).issue(tracker.number()).build();
    gh.github.beforeNext("issues/list-comments", () -> {
      tracker.comment("wendy", "/approve");
      tracker.comment("ada", "/APPROVE");
    });
    List<Vote> votes = approver.requestApproval(request(ApprovalPolicy.single("maintainer")));
    assertThat(votes).extracting(Vote::person).containsExactly("ada");
  }

  @Test
  void anEligibleDenyEndsTheWaitAtOnce() throws Exception {
    GitHubApprover approver = GitHubApprover.on(gh.adapter).issue(tracker.number()).build();
    gh.github.beforeNext("issues/list-comments", () -> tracker.comment("maria", "/deny not before the release"));
    List<Vote> votes = approver.requestApproval(request(ApprovalPolicy.consensus(2, "maintainer", "admin")));
    assertThat(votes).singleElement().satisfies(v -> assertThat(v.approve()).isFalse());
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START);
  }

  @Test
  void aConsensusWaitsForTwoDistinctPeopleAndAPersonsLatestVoteCounts() throws Exception {
    GitHubApprover approver = GitHubApprover.on(gh.adapter).issue(tracker.number())
        .role("team-lead", "ada").build();
    gh.github.beforeNext("issues/list-comments", () -> {
      tracker.comment("maria", "/approve");
      tracker.comment("maria", "/approve again");
    });
    gh.github.beforeNext("issues/list-comments", () -> tracker.comment("ada", "/approve"));
    List<Vote> votes = approver.requestApproval(request(ApprovalPolicy.consensus(2, "maintainer", "team-lead")));
    assertThat(votes).extracting(Vote::person).containsExactly("maria", "ada");
    assertThat(votes.get(1).roles()).isEqualTo(Set.of("maintainer", "team-lead"));
  }

  @Test
  void withoutEnoughVotesItGivesUpAtTheExpiryWithWhatItHas() throws Exception {
    GitHubApprover approver = GitHubApprover.on(gh.adapter).issue(tracker.number()).build();
    List<Vote> votes = approver.requestApproval(request(ApprovalPolicy.single("maintainer")));
    assertThat(votes).isEmpty();
    assertThat(gh.clock.instant()).isEqualTo(GitHubFixture.START.plus(Duration.ofMinutes(15)));
  }

  @Test
  void theAdaptersOwnAccountCannotApprove() throws Exception {
    gh.repo.collaborator("rollback-bot", "admin");
    GitHubApprover approver = GitHubApprover.on(gh.adapter).issue(tracker.number()).build();
    gh.github.beforeNext("issues/list-comments", () -> tracker.comment("rollback-bot", "/approve"));
    gh.github.beforeNext("issues/list-comments", () -> tracker.comment("ada", "/approve"));
    assertThat(approver.requestApproval(request(ApprovalPolicy.single("admin")))).extracting(Vote::person)
        .containsExactly("ada");
  }

  @Test
  void withoutAnIssueEachRequestOpensOne() throws Exception {
    GitHubApprover approver = GitHubApprover.on(gh.adapter).labels("rollback").role("lead", GitHubPermission.ADMIN)
        .build();
    gh.github.beforeNext("issues/list-comments", () -> gh.repo.issue(2).comment("ada", "/approve"));
    List<Vote> votes = approver.requestApproval(request(ApprovalPolicy.role("lead")));
    assertThat(votes).extracting(Vote::person).containsExactly("ada");
    assertThat(gh.repo.issue(2).title()).isEqualTo("Approval needed: P3-007 rollback (critical)");
    assertThat(gh.repo.issue(2).labels()).containsExactly("rollback");
  }

  @Test
  void aChecklistItemIsConfirmedByAWriterAndNotByAReader() throws Exception {
    GitHubApprover approver = GitHubApprover.on(gh.adapter).issue(tracker.number()).build();
    gh.github.beforeNext("issues/list-comments", () -> tracker.comment("dude", "/yes"));
    gh.github.beforeNext("issues/list-comments", () -> tracker.comment("wendy", "/done, backed up to s3"));
    Instant now = gh.clock.instant();

    var answer = approver.confirm(new ConfirmationRequest("run-1", "P3-007 rollback",
        ConfirmationRequest.Kind.CHECK, "Backup current configuration files", now, now.plus(Duration.ofMinutes(3))));

    assertThat(answer).hasValueSatisfying(v -> {
      assertThat(v.person()).isEqualTo("wendy");
      assertThat(v.approve()).isTrue();
      assertThat(v.roles()).containsExactly("write");
    });
    assertThat(tracker.comments().get(0).body()).contains("Please confirm").contains("> Backup current configuration"
        + " files").contains("Reply `/yes` (or `/done`) or `/no`");
  }

  @Test
  void aRunsConfirmationsShareOneIssueAndANoIsAnAnswer() throws Exception {
    GitHubApprover approver = GitHubApprover.on(gh.adapter).build();
    Instant now = gh.clock.instant();
    gh.github.beforeNext("issues/list-comments", () -> gh.repo.issue(2).comment("maria", "/yes"));
    assertThat(approver.confirm(new ConfirmationRequest("run-1", "plan", ConfirmationRequest.Kind.STEP,
        "Announce the rollback in #ci", now, now.plus(Duration.ofMinutes(3))))).isPresent();
    gh.github.beforeNext("issues/list-comments", () -> gh.repo.issue(2).comment("maria", "/no"));
    var second = approver.confirm(new ConfirmationRequest("run-1", "plan", ConfirmationRequest.Kind.CHECK,
        "Developer workflow unaffected", now, now.plus(Duration.ofMinutes(3))));

    assertThat(second).hasValueSatisfying(v -> assertThat(v.approve()).isFalse());
    assertThat(gh.repo.issues()).hasSize(2);
    assertThat(gh.repo.issue(2).title()).isEqualTo("Confirmations for plan (run run-1)");
  }

  @Test
  void aConfirmationNobodyAnswersIsEmptyAtItsExpiry() throws Exception {
    Instant now = gh.clock.instant();
    var answer = GitHubApprover.on(gh.adapter).issue(tracker.number()).build().confirm(new ConfirmationRequest(
        "run-1", "plan", ConfirmationRequest.Kind.CHECK, "x", now, now.plus(Duration.ofMinutes(2))));
    assertThat(answer).isEmpty();
    assertThat(gh.clock.instant()).isEqualTo(now.plus(Duration.ofMinutes(2)));
  }

  @Test
  void aPolicyRoleWithoutAMappingIsRefusedBeforeAnythingIsPosted() {
    GitHubApprover approver = GitHubApprover.on(gh.adapter).issue(tracker.number()).build();
    assertThatThrownBy(() -> approver.requestApproval(request(ApprovalPolicy.role("team-lead"))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no mapping for the role 'team-lead'");
    assertThat(tracker.comments()).isEmpty();
  }
}
