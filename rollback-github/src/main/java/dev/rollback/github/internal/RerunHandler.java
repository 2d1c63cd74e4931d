package dev.rollback.github.internal;

import dev.rollback.github.GitHubException;
import dev.rollback.github.GitHubOutcomeUnknownException;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.util.Optional;

/**
 * {@code github.rerun}: re-runs a completed run. GitHub keeps the run's id and adds an attempt, so the attempt read
 * before the re-run tells afterwards (and on resume) whether it happened.
 */
public final class RerunHandler implements StepHandler {

  private final Session session;

  /**
   * Creates the handler.
   *
   * @param session the adapter's session
   */
  public RerunHandler(Session session) {
    this.session = session;
  }

  @Override
  public StepPreview preview(StepContext ctx) {
    return StepPreview.of("would re-run run " + ctx.params().get("run") + " as a new attempt");
  }

  @Override
  public StepResult apply(StepContext ctx) {
    Budget budget = session.budget(ctx.run(), ctx.timeout());
    long id = GitHubContracts.RUN.read(ctx);
    String key = Steps.key(ctx, "rerun");
    Optional<Integer> before = ctx.run().recall(key).filter(s -> !s.isEmpty()).map(Integer::valueOf);
    RunInfo run = session.api().run(id, budget, false);
    if (before.isPresent() && run.attempt() > before.get()) {
      return result(run, before.get(), "an earlier attempt of this step re-ran it");
    }
    if (!run.completed()) {
      throw new GitHubException(0, "run " + id + " is " + run.status() + "; GitHub re-runs completed runs only");
    }
    ctx.run().remember(key, Integer.toString(run.attempt()));
    try {
      session.api().rerun(id, budget);
    } catch (GitHubOutcomeUnknownException e) {
      RunInfo now = session.api().run(id, budget, false);
      if (now.attempt() > run.attempt()) {
        session.changed();
        return result(now, run.attempt(), "the re-run's answer was lost; the run shows a new attempt");
      }
      throw e;
    } finally {
      session.changed();
    }
    return result(new RunInfo(run.id(), run.workflowId(), run.path(), run.name(), run.title(), run.branch(),
        run.sha(), run.event(), "queued", null, run.attempt() + 1, run.createdAt(), run.updatedAt(), null,
        run.htmlUrl()), run.attempt(), "GitHub accepted the re-run");
  }

  private static StepResult result(RunInfo run, int before, String how) {
    return StepResult.of("re-ran run " + run.id() + " as attempt " + run.attempt()).withValue(run.id())
        .withOutput("attempt", run.attempt()).withEvidence("previousAttempt", before).withEvidence("how", how);
  }

  @Override
  public Probe isApplied(StepContext ctx) {
    Optional<Integer> before = ctx.run().recall(Steps.key(ctx, "rerun")).filter(s -> !s.isEmpty())
        .map(Integer::valueOf);
    if (before.isEmpty()) {
      return Probe.notApplied();
    }
    RunInfo run = session.api().run(GitHubContracts.RUN.read(ctx), session.budget(ctx.run(), ctx.timeout()), false);
    return run.attempt() > before.get() ? Probe.applied(result(run, before.get(), "found on resume"))
        : Probe.notApplied();
  }

  @Override
  public boolean canCompensate(StepContext ctx) {
    return true;
  }

  @Override
  public StepResult compensate(StepContext ctx, StepResult applied) {
    long id = GitHubContracts.RUN.read(ctx);
    Budget budget = session.budget(ctx.run(), ctx.timeout());
    RunInfo run = session.api().run(id, budget, false);
    if (run.completed()) {
      return StepResult.of("attempt " + run.attempt() + " of run " + id + " had completed; nothing to cancel");
    }
    GitHubApi.Cancel c = session.api().cancel(id, budget);
    session.changed();
    return StepResult.of(c == GitHubApi.Cancel.CANCELLED ? "cancelled attempt " + run.attempt() + " of run " + id
        : "run " + id + " completed before it could be cancelled");
  }
}
