package dev.rollback.examples.badinputs;

import dev.rollback.ApprovalPolicy;
import dev.rollback.github.GitHubAdapter;
import dev.rollback.github.GitHubApprover;
import dev.rollback.github.GitHubPermission;
import dev.rollback.github.GitHubTarget;
import dev.rollback.spi.ApprovalRequest;
import dev.rollback.spi.Vote;
import dev.rollback.testkit.FakeIssue;
import dev.rollback.testkit.FakeRepository;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Cases of the corpus that call the library without the launcher ({@code run: library NAME}): what a program using
 * the adapters directly sees. Each returns what a command would: a status (0 when the call did what it should, 1 when
 * it failed as it should), what it printed and what it reported as an error. They use the case's simulated GitHub.
 */
final class LibraryCases {

  private LibraryCases() {}

  /**
   * Runs a case.
   *
   * @param name the case's name, after {@code library}
   * @param box the sandbox, with its simulated GitHub started
   * @return the status, standard output and standard error
   */
  static String[] run(String name, CaseSandbox box) throws InterruptedException {
    switch (name) {
      case "custom-role-approval":
        return customRoleApproval(box);
      case "custom-role-below-the-bar":
        return customRoleBelowTheBar(box);
      case "echoed-authorization-header":
        return echoedAuthorizationHeader(box);
      default:
        throw new IllegalArgumentException("unknown library case '" + name + "'");
    }
  }

  private static GitHubAdapter adapter(CaseSandbox box) {
    return GitHubAdapter.builder(GitHubTarget.of("acme/shop").baseUrl(box.github().baseUrl()))
        .token(CaseSandbox.TOKEN).pollInterval(Duration.ofMillis(200)).build();
  }

  private static ApprovalRequest request(ApprovalPolicy policy) {
    Instant now = Instant.now();
    return new ApprovalRequest("run-1", "P3-007 rollback", "critical", policy, "ci_success_rate 40% < 95%",
        List.of("force push main with lease"), now, now.plus(Duration.ofSeconds(20)));
  }

  /** A vote from a custom role built on maintain counts as its base permission (write and above). */
  private static String[] customRoleApproval(CaseSandbox box) throws InterruptedException {
    FakeRepository repo = box.github().repository("acme/shop");
    FakeIssue tracker = repo.openIssue("P3-007 incident", "CI is broken", "alice");
    box.github().beforeNext("issues/list-comments", () -> tracker.comment("kim", "/approve"));
    try (GitHubAdapter gh = adapter(box)) {
      GitHubApprover approver = GitHubApprover.on(gh).issue(tracker.number())
          .role("deployer", GitHubPermission.WRITE).build();
      List<Vote> votes = approver.requestApproval(request(ApprovalPolicy.single("deployer")));
      StringBuilder out = new StringBuilder();
      for (Vote v : votes) {
        out.append("vote: ").append(v.person()).append(" as ").append(v.roles()).append('\n');
      }
      return new String[] {votes.isEmpty() ? "1" : "0", out.toString(), ""};
    } catch (RuntimeException e) {
      return new String[] {"1", "", e.getMessage()};
    }
  }

  /**
   * A vote from a custom role below the policy's bar does not count, and the approver says why on the issue instead
   * of letting the request run out silently.
   */
  private static String[] customRoleBelowTheBar(CaseSandbox box) throws InterruptedException {
    FakeRepository repo = box.github().repository("acme/shop");
    FakeIssue tracker = repo.openIssue("P3-007 incident", "CI is broken", "alice");
    box.github().beforeNext("issues/list-comments", () -> tracker.comment("kim", "/approve"));
    box.github().beforeNext("issues/list-comments", () -> tracker.comment("alice", "/approve"));
    try (GitHubAdapter gh = adapter(box)) {
      GitHubApprover approver = GitHubApprover.on(gh).issue(tracker.number()).build();
      List<Vote> votes = approver.requestApproval(request(ApprovalPolicy.single("maintainer")));
      StringBuilder out = new StringBuilder();
      for (Vote v : votes) {
        out.append("vote: ").append(v.person()).append(" as ").append(v.roles()).append('\n');
      }
      tracker.comments().forEach(c -> out.append("comment by ").append(c.author()).append(": ").append(c.body())
          .append('\n'));
      return new String[] {votes.isEmpty() ? "1" : "0", out.toString(), ""};
    } catch (RuntimeException e) {
      return new String[] {"1", "", e.getMessage()};
    }
  }

  /**
   * A proxy that echoes the request's headers in its error body: a program calling GitHub through the adapter, with
   * no executor to mask anything, gets an exception whose message and stack trace hold no token.
   */
  private static String[] echoedAuthorizationHeader(CaseSandbox box) {
    try (GitHubAdapter gh = adapter(box)) {
      gh.gitHub().getRepository("acme/shop");
      return new String[] {"0", "the call succeeded\n", ""};
    } catch (Exception e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      return new String[] {"1", "", e.getMessage() + "\n" + trace};
    }
  }
}
