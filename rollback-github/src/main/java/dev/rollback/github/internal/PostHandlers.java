package dev.rollback.github.internal;

import dev.rollback.github.GitHubException;
import dev.rollback.github.GitHubOutcomeUnknownException;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The handlers of the steps that post something: an issue, a comment, a pull request. Each posts once; what it posts
 * carries a hidden marker naming the run and the step, so that a lost answer, and a resumed run, find the post
 * instead of posting again. Pull requests are found by their branches.
 */
public final class PostHandlers {

  private final Session session;

  /**
   * Creates the handlers.
   *
   * @param session the adapter's session
   */
  public PostHandlers(Session session) {
    this.session = session;
  }

  private Instant rememberStart(StepContext ctx, String what) {
    Instant at = session.api().http().serverNow(session.budget(ctx.run(), null)).truncatedTo(
        java.time.temporal.ChronoUnit.SECONDS).minusSeconds(5);
    ctx.run().remember(Steps.key(ctx, what), at.toString());
    return at;
  }

  private static Optional<Instant> recallStart(StepContext ctx, String what) {
    return ctx.run().recall(Steps.key(ctx, what)).filter(s -> !s.isEmpty()).map(Instant::parse);
  }

  /**
   * {@code github.openIssue}.
   *
   * @return the handler
   */
  public StepHandler openIssue() {
    return new StepHandler() {
      @Override
      public StepPreview preview(StepContext ctx) {
        return StepPreview.of("would open an issue titled '" + ctx.params().get("title") + "'")
            .withDetail("labels", GitHubContracts.LABELS.optional(ctx).orElse(List.of()));
      }

      @Override
      public StepResult apply(StepContext ctx) {
        Budget budget = session.budget(ctx.run(), ctx.timeout());
        String body = GitHubContracts.BODY.optional(ctx).orElse("") + "\n\n" + Steps.marker(ctx);
        Instant since = rememberStart(ctx, "openIssue");
        GitHubApi.IssueRef issue;
        try {
          issue = session.api().openIssue(GitHubContracts.TITLE.optional(ctx).orElse(""), body,
              GitHubContracts.LABELS.optional(ctx).orElse(List.of()), budget);
        } catch (GitHubOutcomeUnknownException e) {
          issue = find(ctx, since, budget).orElseThrow(() -> new GitHubOutcomeUnknownException(e.status(),
              e.getMessage() + "; no issue with this step's marker was found; not opening it again", e));
        }
        return result(issue);
      }

      private Optional<GitHubApi.IssueRef> find(StepContext ctx, Instant since, Budget budget) {
        String marker = Steps.marker(ctx);
        return session.api().issuesSince(since, budget).stream().filter(i -> i.body().contains(marker)).findFirst();
      }

      private StepResult result(GitHubApi.IssueRef issue) {
        return StepResult.of("opened issue #" + issue.number()).withValue(issue.number())
            .withOutput("url", issue.url()).withEvidence("url", issue.url());
      }

      @Override
      public Probe isApplied(StepContext ctx) {
        Optional<Instant> since = recallStart(ctx, "openIssue");
        if (since.isEmpty()) {
          return Probe.notApplied();
        }
        return find(ctx, since.get(), session.budget(ctx.run(), ctx.timeout())).map(i -> Probe.applied(result(i)))
            .orElseGet(Probe::notApplied);
      }
    };
  }

  /**
   * {@code github.comment}.
   *
   * @return the handler
   */
  public StepHandler comment() {
    return new StepHandler() {
      @Override
      public StepPreview preview(StepContext ctx) {
        return StepPreview.of("would comment on #" + ctx.params().get("issue"));
      }

      @Override
      public StepResult apply(StepContext ctx) {
        Budget budget = session.budget(ctx.run(), ctx.timeout());
        int number = GitHubContracts.issue(ctx);
        String body = GitHubContracts.BODY.optional(ctx).orElse("") + "\n\n" + Steps.marker(ctx);
        Instant since = rememberStart(ctx, "comment");
        GitHubApi.Comment c;
        try {
          c = session.api().comment(number, body, budget);
        } catch (GitHubOutcomeUnknownException e) {
          c = find(ctx, number, since, budget).orElseThrow(() -> new GitHubOutcomeUnknownException(e.status(),
              e.getMessage() + "; no comment with this step's marker was found on #" + number
                  + "; not commenting again", e));
        }
        return result(number, c);
      }

      private Optional<GitHubApi.Comment> find(StepContext ctx, int number, Instant since, Budget budget) {
        String marker = Steps.marker(ctx);
        return session.api().comments(number, since, budget).stream().filter(c -> c.body().contains(marker))
            .findFirst();
      }

      private StepResult result(int number, GitHubApi.Comment c) {
        return StepResult.of("commented on #" + number).withValue(c.url()).withOutput("id", c.id())
            .withEvidence("url", c.url());
      }

      @Override
      public Probe isApplied(StepContext ctx) {
        Optional<Instant> since = recallStart(ctx, "comment");
        if (since.isEmpty()) {
          return Probe.notApplied();
        }
        int number = GitHubContracts.issue(ctx);
        return find(ctx, number, since.get(), session.budget(ctx.run(), ctx.timeout()))
            .map(c -> Probe.applied(result(number, c))).orElseGet(Probe::notApplied);
      }
    };
  }

  /**
   * {@code github.openPullRequest}.
   *
   * @return the handler
   */
  public StepHandler openPullRequest() {
    return new StepHandler() {
      @Override
      public StepPreview preview(StepContext ctx) {
        return StepPreview.of("would open a pull request from " + ctx.params().get("head") + " to "
            + ctx.params().get("base") + " titled '" + ctx.params().get("title") + "'");
      }

      @Override
      public StepResult apply(StepContext ctx) {
        Budget budget = session.budget(ctx.run(), ctx.timeout());
        String head = GitHubContracts.HEAD.optional(ctx).orElse(null);
        String base = GitHubContracts.BASE.optional(ctx).orElse(null);
        String body = GitHubContracts.BODY.optional(ctx).orElse("") + "\n\n" + Steps.marker(ctx);
        try {
          GitHubApi.PullRef pr = session.api().openPull(head, base, GitHubContracts.TITLE.optional(ctx).orElse(""),
              body, GitHubContracts.DRAFT.optional(ctx).orElse(false), budget);
          return result(pr, "opened");
        } catch (GitHubOutcomeUnknownException e) {
          return session.api().openPull(session.owner(), head, base, budget).map(pr -> result(pr, "found"))
              .orElseThrow(() -> new GitHubOutcomeUnknownException(e.status(), e.getMessage()
                  + "; no open pull request from " + head + " to " + base + " was found; not opening it again", e));
        } catch (GitHubException e) {
          if (e.status() == 422 && e.getMessage().contains("already exists")) {
            return session.api().openPull(session.owner(), head, base, budget)
                .map(pr -> result(pr, "found the pull request already open")).orElseThrow(() -> e);
          }
          throw e;
        }
      }

      private StepResult result(GitHubApi.PullRef pr, String how) {
        return StepResult.of(how + " pull request #" + pr.number()).withValue(pr.number())
            .withOutput("url", pr.url()).withEvidence("url", pr.url());
      }

      @Override
      public Probe isApplied(StepContext ctx) {
        return session.api().openPull(session.owner(), GitHubContracts.HEAD.optional(ctx).orElse(null),
            GitHubContracts.BASE.optional(ctx).orElse(null),
            session.budget(ctx.run(), ctx.timeout())).map(pr -> Probe.applied(result(pr, "found")))
            .orElseGet(Probe::notApplied);
      }
    };
  }
}
