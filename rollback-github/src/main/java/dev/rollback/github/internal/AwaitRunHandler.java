package dev.rollback.github.internal;

import dev.rollback.github.GitHubException;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code github.awaitRun}: waits for a run to conclude, polling at an interval, never past the step's timeout, the
 * given timeout or the run's deadline. Each poll after the first is conditional: while the run is unchanged GitHub
 * answers 304, which costs no rate limit.
 */
public final class AwaitRunHandler implements StepHandler {

  private final Session session;

  /**
   * Creates the handler.
   *
   * @param session the adapter's session
   */
  public AwaitRunHandler(Session session) {
    this.session = session;
  }

  @Override
  public boolean appliesInPreview(StepContext ctx) {
    return false;
  }

  @Override
  public StepPreview preview(StepContext ctx) {
    Duration timeout = GitHubContracts.TIMEOUT.optional(ctx).orElse(ctx.timeout());
    Duration interval = GitHubContracts.INTERVAL.optional(ctx).orElse(session.settings().pollInterval());
    return StepPreview.of("would wait up to " + timeout.getSeconds() + "s for run " + ctx.params().get("run")
        + " to conclude" + (requireSuccess(ctx) ? " successfully" : "") + ", polling every " + interval.getSeconds()
        + "s");
  }

  private static boolean requireSuccess(StepContext ctx) {
    return GitHubContracts.REQUIRE_SUCCESS.optional(ctx).orElse(true);
  }

  @Override
  public StepResult apply(StepContext ctx) throws InterruptedException {
    long id = GitHubContracts.RUN.read(ctx);
    Duration timeout = GitHubContracts.TIMEOUT.optional(ctx).orElse(ctx.timeout());
    Duration interval = GitHubContracts.INTERVAL.optional(ctx).orElse(session.settings().pollInterval());
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("step '" + ctx.step().name() + "': the polling interval must be positive,"
          + " was " + interval);
    }
    Budget budget = session.budget(ctx.run(), ctx.timeout()).tighten(ctx.run().clock().instant().plus(timeout));
    Instant started = budget.now();
    long maxPolls = timeout.toMillis() / interval.toMillis() + 2;
    int polls = 0;
    int notModified = 0;
    RunInfo run = null;
    for (long i = 0; i < maxPolls; i++) {
      Response r = session.api().http().get(runPath(id), java.util.Map.of(), budget, true).require("read run " + id);
      polls++;
      if (r.notModified()) {
        notModified++;
      }
      run = RunInfo.of(r.body());
      if (run.completed()) {
        break;
      }
      Duration left = budget.remaining().orElse(interval);
      if (left.isZero()) {
        break;
      }
      budget.sleep(left.compareTo(interval) < 0 ? left : interval);
    }
    Duration waited = Duration.between(started, budget.now());
    if (run == null || !run.completed()) {
      throw new GitHubException(0, "run " + id + " is still " + (run == null ? "unknown" : run.status()) + " after "
          + waited.getSeconds() + "s; not waiting past " + budget.deadline().map(Instant::toString).orElse("the"
          + " timeout"));
    }
    if (requireSuccess(ctx) && !"success".equals(run.conclusion())) {
      throw new GitHubException(0, "run " + id + (run.name() == null ? "" : " of " + run.name()) + " concluded "
          + run.conclusion() + " after " + waited.getSeconds() + "s" + (run.htmlUrl() == null ? ""
          : ": " + run.htmlUrl()));
    }
    return StepResult.of("run " + id + " concluded " + run.conclusion() + " after " + waited.getSeconds() + "s")
        .withValue(run.conclusion()).withOutput("conclusion", run.conclusion()).withOutput("attempt", run.attempt())
        .withEvidence("run", run.evidence()).withEvidence("polls", polls).withEvidence("notModified", notModified);
  }

  private String runPath(long id) {
    return session.runPath(id);
  }
}
