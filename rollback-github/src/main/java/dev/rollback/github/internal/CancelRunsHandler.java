package dev.rollback.github.internal;

import dev.rollback.github.GitHubOutcomeUnknownException;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code github.cancelRuns}: cancels every run of a workflow and branch that has not completed, in one listing and
 * one cancel per run (1 + k requests). A run that finished meanwhile answers 409: reported, not an error. A cancel
 * whose answer was lost is checked by reading the run, and sent once more if it still runs: cancelling twice is
 * harmless, unlike dispatching twice.
 */
public final class CancelRunsHandler implements StepHandler {

  private static final Logger LOG = LoggerFactory.getLogger(CancelRunsHandler.class);

  private final Session session;

  /**
   * Creates the handler.
   *
   * @param session the adapter's session
   */
  public CancelRunsHandler(Session session) {
    this.session = session;
  }

  private List<RunInfo> active(StepContext ctx, Budget budget) {
    RunQuery q = RunQuery.of(ctx.params());
    return session.api().runs(q.workflow(), q.filters(), Session.PAGE, 1, budget, true).runs().stream()
        .filter(RunInfo::active).collect(Collectors.toList());
  }

  @Override
  public StepPreview preview(StepContext ctx) {
    RunQuery q = RunQuery.of(ctx.params());
    if (!Session.unresolved(ctx).isEmpty()) {
      return StepPreview.of("would cancel the runs of " + q.describe() + " that have not completed");
    }
    List<RunInfo> active = active(ctx, session.budget(ctx.run(), ctx.timeout()));
    return StepPreview.of("would cancel " + active.size() + " runs of " + q.describe() + " that have not completed"
        + (active.isEmpty() ? "" : ": " + ids(active)))
        .withDetail("runs", active.stream().map(RunInfo::evidence).collect(Collectors.toList()));
  }

  @Override
  public StepResult apply(StepContext ctx) throws InterruptedException {
    Budget budget = session.budget(ctx.run(), ctx.timeout());
    RunQuery q = RunQuery.of(ctx.params());
    List<RunInfo> active = active(ctx, budget);
    ctx.run().remember(Steps.key(ctx, "cancelRuns"), active.stream().map(r -> Long.toString(r.id()))
        .collect(Collectors.joining(",")));
    List<Long> cancelled = new ArrayList<>();
    List<Long> finished = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    try {
      for (RunInfo r : active) {
        switch (cancel(r.id(), budget)) {
          case CANCELLED:
            cancelled.add(r.id());
            break;
          case ALREADY_FINISHED:
            LOG.info("run {} of {} finished before it could be cancelled", r.id(), q.describe());
            finished.add(r.id());
            break;
          default:
            unknown.add(Long.toString(r.id()));
        }
      }
    } finally {
      session.changed();
    }
    if (!unknown.isEmpty()) {
      throw new GitHubOutcomeUnknownException(0, "cancelled " + cancelled.size() + (cancelled.size() == 1 ? " run of " : " runs of ") + q.describe()
          + ", but GitHub did not confirm the cancel of run(s) " + String.join(", ", unknown)
          + ", which still had not completed when read again", null);
    }
    String summary = cancelled.isEmpty() && finished.isEmpty() ? "no run of " + q.describe() + " was in progress"
        : "cancelled " + cancelled.size() + (cancelled.size() == 1 ? " run of " : " runs of ") + q.describe()
            + (finished.isEmpty() ? "" : "; " + finished.size() + " had finished meanwhile (409)");
    Object confirm = ctx.params().get("confirmWithin");
    int polls = 0;
    if (confirm instanceof Duration && !cancelled.isEmpty()) {
      polls = confirm(ctx, cancelled, (Duration) confirm, budget);
      summary += ", confirmed completed";
    }
    StepResult result = StepResult.of(summary).withValue(cancelled).withOutput("cancelled", cancelled)
        .withOutput("alreadyFinished", finished)
        .withEvidence("runs", active.stream().map(RunInfo::evidence).collect(Collectors.toList()))
        .withEvidence("note", "GitHub accepts a cancel (202) and completes it asynchronously");
    return polls == 0 ? result : result.withEvidence("confirmationPolls", polls);
  }

  /** Waits until none of the cancelled runs is still active; returns the number of listings it took. */
  private int confirm(StepContext ctx, List<Long> cancelled, Duration within, Budget budget)
      throws InterruptedException {
    Budget b = budget.tighten(budget.now().plus(within));
    Duration interval = session.settings().pollInterval();
    long maxPolls = within.toMillis() / Math.max(1, interval.toMillis()) + 2;
    List<Long> still = cancelled;
    for (int i = 1; i <= maxPolls; i++) {
      java.util.Set<Long> active = active(ctx, b).stream().map(RunInfo::id).collect(Collectors.toSet());
      still = cancelled.stream().filter(active::contains).collect(Collectors.toList());
      if (still.isEmpty()) {
        return i;
      }
      Duration left = b.remaining().orElse(interval);
      if (left.isZero()) {
        break;
      }
      b.sleep(left.compareTo(interval) < 0 ? left : interval);
    }
    throw new dev.rollback.github.GitHubException(0, "run(s) " + still.stream().map(String::valueOf)
        .collect(Collectors.joining(", ")) + " still had not completed " + within.getSeconds()
        + "s after GitHub accepted their cancel");
  }

  private enum Outcome { CANCELLED, ALREADY_FINISHED, UNKNOWN }

  private Outcome cancel(long id, Budget budget) {
    for (int attempt = 1; attempt <= 2; attempt++) {
      try {
        return session.api().cancel(id, budget) == GitHubApi.Cancel.CANCELLED ? Outcome.CANCELLED
            : Outcome.ALREADY_FINISHED;
      } catch (GitHubOutcomeUnknownException e) {
        LOG.warn("the cancel of run {} may not have reached GitHub ({}); reading the run", id, e.getMessage());
        RunInfo now = session.api().run(id, budget, false);
        if (now.completed()) {
          return "cancelled".equals(now.conclusion()) ? Outcome.CANCELLED : Outcome.ALREADY_FINISHED;
        }
      }
    }
    return Outcome.UNKNOWN;
  }

  @Override
  public Probe isApplied(StepContext ctx) {
    RunQuery q = RunQuery.of(ctx.params());
    List<RunInfo> active = active(ctx, session.budget(ctx.run(), ctx.timeout()));
    if (!active.isEmpty()) {
      return Probe.notApplied();
    }
    List<Long> targets = ctx.run().recall(Steps.key(ctx, "cancelRuns")).filter(s -> !s.isEmpty())
        .map(s -> java.util.Arrays.stream(s.split(",")).map(Long::valueOf).collect(Collectors.toList()))
        .orElse(List.of());
    return Probe.applied(StepResult.of("no run of " + q.describe() + " is in progress").withValue(targets)
        .withOutput("cancelled", targets).withOutput("alreadyFinished", List.of()));
  }

  private static String ids(List<RunInfo> runs) {
    return runs.stream().map(r -> Long.toString(r.id())).collect(Collectors.joining(", "));
  }
}
