package dev.rollback.github.internal;

import dev.rollback.spi.CheckContext;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.CheckResult;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The evaluators of the {@code github.*} checks. */
public final class RunChecks {

  /** How many runs {@link #lastSuccessfulCommit()} looks through. */
  static final int SCAN = 3 * Session.PAGE;

  private final Session session;

  /**
   * Creates the evaluators.
   *
   * @param session the adapter's session
   */
  public RunChecks(Session session) {
    this.session = session;
  }

  private interface Evaluate {
    CheckResult apply(CheckContext ctx, RunQuery q, List<RunInfo> newestFirst);
  }

  private CheckEvaluator evaluator(int count, Evaluate e) {
    return ctx -> {
      List<String> unknown = Session.unresolved(ctx);
      if (!unknown.isEmpty()) {
        return CheckResult.unknown("known once " + String.join(", ", unknown) + " is resolved");
      }
      RunQuery q = RunQuery.of(ctx.params());
      List<RunInfo> runs = session.recent(ctx.run(), q, count, session.budget(ctx.run(), ctx.timeout()));
      if (runs.isEmpty()) {
        return CheckResult.unknown("no runs of " + q.describe());
      }
      return e.apply(ctx, q, runs);
    };
  }

  /**
   * {@code github.lastSuccessfulCommit}: the commit of the newest successful run, a rollback target.
   *
   * @return the evaluator
   */
  public CheckEvaluator lastSuccessfulCommit() {
    return evaluator(Session.PAGE, (ctx, q, runs) -> {
      Optional<RunInfo> green = runs.stream().filter(r -> r.completed() && "success".equals(r.conclusion()))
          .findFirst();
      if (green.isEmpty() && runs.size() >= Session.PAGE) {
        runs = session.recent(ctx.run(), q, SCAN, session.budget(ctx.run(), ctx.timeout()));
        green = runs.stream().filter(r -> r.completed() && "success".equals(r.conclusion())).findFirst();
      }
      if (green.isEmpty()) {
        return CheckResult.failed("none of the newest " + runs.size() + " runs of " + q.describe() + " succeeded")
            .withEvidence("runs", RunStats.tally(runs));
      }
      RunInfo r = green.get();
      return CheckResult.passed("the newest successful run of " + q.describe() + " is " + r.id() + ", at commit "
          + r.sha()).withValue(r.sha()).withEvidence("run", r.evidence());
    });
  }

  /**
   * {@code github.ciPassing}: the newest run with a verdict succeeded.
   *
   * @return the evaluator
   */
  public CheckEvaluator ciPassing() {
    return evaluator(Session.PAGE, (ctx, q, runs) -> {
      Optional<RunInfo> last = runs.stream().filter(RunStats::verdict).findFirst();
      if (last.isEmpty()) {
        return CheckResult.unknown("none of the newest " + runs.size() + " runs of " + q.describe()
            + " has a verdict yet").withEvidence("runs", RunStats.tally(runs));
      }
      RunInfo r = last.get();
      CheckResult result = "success".equals(r.conclusion())
          ? CheckResult.passed("the newest run of " + q.describe() + " with a verdict, " + r.id() + ", succeeded")
          : CheckResult.failed("the newest run of " + q.describe() + " with a verdict, " + r.id() + ", concluded "
              + r.conclusion());
      return result.withValue(r.conclusion()).withEvidence("run", r.evidence());
    });
  }

  /**
   * {@code github.noRunsInProgress}: none of the newest 100 runs is queued or in progress.
   *
   * @return the evaluator
   */
  public CheckEvaluator noRunsInProgress() {
    return evaluator(Session.PAGE, (ctx, q, runs) -> {
      List<RunInfo> active = runs.stream().filter(RunInfo::active).collect(Collectors.toList());
      if (active.isEmpty()) {
        return CheckResult.passed("no run of " + q.describe() + " is queued or in progress");
      }
      return CheckResult.failed(active.size() + " runs of " + q.describe() + " are queued or in progress: "
          + active.stream().map(r -> Long.toString(r.id())).collect(Collectors.joining(", ")))
          .withEvidence("runs", active.stream().map(RunInfo::id).collect(Collectors.toList()));
    });
  }

  /**
   * {@code github.suspects}: the range from the commit of the newest successful run to the commit of the first
   * failed run after it, as {@code green..red}, the suspects of a bisection.
   *
   * @return the evaluator
   */
  public CheckEvaluator suspects() {
    return evaluator(Session.PAGE, (ctx, q, runs) -> {
      int green = -1;
      for (int i = 0; i < runs.size(); i++) {
        if (runs.get(i).completed() && "success".equals(runs.get(i).conclusion())) {
          green = i;
          break;
        }
      }
      if (green < 0 && runs.size() >= Session.PAGE) {
        runs = session.recent(ctx.run(), q, SCAN, session.budget(ctx.run(), ctx.timeout()));
        for (int i = 0; i < runs.size(); i++) {
          if (runs.get(i).completed() && "success".equals(runs.get(i).conclusion())) {
            green = i;
            break;
          }
        }
      }
      if (green < 0) {
        return CheckResult.failed("none of the newest " + runs.size() + " runs of " + q.describe() + " succeeded:"
            + " no green end for the suspects").withEvidence("runs", RunStats.tally(runs));
      }
      RunInfo g = runs.get(green);
      RunInfo red = null;
      for (int i = green - 1; i >= 0; i--) {
        RunInfo r = runs.get(i);
        if (r.completed() && "failure".equals(r.conclusion()) && !r.sha().equals(g.sha())) {
          red = r;
          break;
        }
      }
      if (red == null) {
        return CheckResult.failed("no run of " + q.describe() + " failed after the newest successful one, " + g.id()
            + " at " + g.sha()).withEvidence("green", g.evidence());
      }
      return CheckResult.passed("the suspects of " + q.describe() + " are " + g.sha() + ".." + red.sha()
          + ": green in run " + g.id() + ", first red in run " + red.id())
          .withValue(g.sha() + ".." + red.sha()).withEvidence("green", g.evidence()).withEvidence("red",
              red.evidence());
    });
  }

  /**
   * {@code github.stillRed}: the newest run with a verdict did not succeed (a guardrail: when CI is green again, no
   * automatic revert).
   *
   * @return the evaluator
   */
  public CheckEvaluator stillRed() {
    return evaluator(Session.PAGE, (ctx, q, runs) -> {
      Optional<RunInfo> last = runs.stream().filter(RunStats::verdict).findFirst();
      if (last.isEmpty()) {
        return CheckResult.unknown("none of the newest " + runs.size() + " runs of " + q.describe()
            + " has a verdict yet").withEvidence("runs", RunStats.tally(runs));
      }
      RunInfo r = last.get();
      return ("success".equals(r.conclusion())
          ? CheckResult.failed("refused: CI is green again: the newest run of " + q.describe() + ", " + r.id()
              + " at " + r.sha() + ", succeeded; no automatic revert")
          : CheckResult.passed("the newest run of " + q.describe() + " with a verdict, " + r.id() + ", concluded "
              + r.conclusion())).withValue(r.conclusion()).withEvidence("run", r.evidence());
    });
  }
}
