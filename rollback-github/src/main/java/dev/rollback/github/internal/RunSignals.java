package dev.rollback.github.internal;

import dev.rollback.Unit;
import dev.rollback.spi.Measurement;
import dev.rollback.spi.Sample;
import dev.rollback.spi.SignalContext;
import dev.rollback.spi.SignalSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** The sources of the {@code github.*} signals, over the run histories of {@link Session#recent}. */
public final class RunSignals {

  private final Session session;

  /**
   * Creates the sources.
   *
   * @param session the adapter's session
   */
  public RunSignals(Session session) {
    this.session = session;
  }

  private interface Measure {
    Measurement apply(SignalContext ctx, RunQuery q, List<RunInfo> newestFirst);
  }

  private SignalSource source(Unit unit, int defaultRuns, Measure m) {
    return ctx -> {
      List<String> unknown = Session.unresolved(ctx);
      if (!unknown.isEmpty()) {
        return Measurement.unknown(unit, "known once " + String.join(", ", unknown) + " is resolved");
      }
      RunQuery q = RunQuery.of(ctx.params());
      int n = runs(ctx, defaultRuns);
      List<RunInfo> runs = session.recent(ctx.run(), q, n, session.budget(ctx.run(), null));
      if (runs.isEmpty()) {
        return Measurement.unknown(unit, "no runs of " + q.describe());
      }
      return m.apply(ctx, q, runs);
    };
  }

  private static int runs(SignalContext ctx, int fallback) {
    Object v = ctx.params().get("runs");
    return v instanceof Number ? ((Number) v).intValue() : fallback;
  }

  /**
   * {@code github.successRate}: the share of the last N runs with a verdict that succeeded.
   *
   * @return the source
   */
  public SignalSource successRate() {
    return source(Unit.RATIO, 10, (ctx, q, all) -> {
      int n = runs(ctx, 10);
      List<RunInfo> last = all.subList(0, Math.min(n, all.size()));
      OptionalDouble rate = RunStats.successRate(last);
      long counted = last.stream().filter(RunStats::verdict).count();
      if (rate.isEmpty()) {
        return Measurement.unknown(Unit.RATIO, "none of the last " + last.size() + " runs of " + q.describe()
            + " has a verdict (" + RunStats.tally(last) + ")").withEvidence("runs", RunStats.tally(last));
      }
      long ok = last.stream().filter(r -> "success".equals(r.conclusion())).count();
      String summary = ok + " of " + counted + " runs of " + q.describe() + " with a verdict succeeded (last "
          + last.size() + " runs: " + RunStats.tally(last) + ")";
      return new Measurement(rate, Unit.RATIO, summary, history(all, n, RunStats::successRate),
          java.util.Map.of()).withEvidence("runs", RunStats.tally(last)).withEvidence("counted", counted)
          .withEvidence("newestRun", last.get(0).id());
    });
  }

  /**
   * {@code github.runDuration}: a statistic of the durations of the last N runs.
   *
   * @return the source
   */
  public SignalSource runDuration() {
    return source(Unit.SECONDS, 10, (ctx, q, all) -> {
      int n = runs(ctx, 10);
      String statistic = String.valueOf(ctx.params().getOrDefault("statistic", "p50"));
      List<RunInfo> last = all.subList(0, Math.min(n, all.size()));
      OptionalDouble v = RunStats.duration(last, statistic);
      if (v.isEmpty()) {
        return Measurement.unknown(Unit.SECONDS, "none of the last " + last.size() + " runs of " + q.describe()
            + " completed with success, failure or timed_out (" + RunStats.tally(last) + ")");
      }
      List<Double> durations = RunStats.durations(last);
      String summary = statistic + " of the durations of " + durations.size() + " completed runs of " + q.describe()
          + " (of the last " + last.size() + "): " + Unit.SECONDS.format(v.getAsDouble());
      List<Double> oldestFirst = new ArrayList<>(durations);
      Collections.reverse(oldestFirst);
      return new Measurement(v, Unit.SECONDS, summary, history(all, n, w -> RunStats.duration(w, statistic)),
          java.util.Map.of()).withEvidence("durations", oldestFirst).withEvidence("statistic", statistic);
    });
  }

  /**
   * {@code github.lastRunSucceeded}: 1 when the newest run with a verdict succeeded, 0 when it failed.
   *
   * @return the source
   */
  public SignalSource lastRunSucceeded() {
    return source(Unit.NUMBER, Session.PAGE, (ctx, q, all) -> {
      Optional<RunInfo> last = all.stream().filter(RunStats::verdict).findFirst();
      if (last.isEmpty()) {
        return Measurement.unknown(Unit.NUMBER, "none of the newest " + all.size() + " runs of " + q.describe()
            + " has a verdict (" + RunStats.tally(all) + ")");
      }
      RunInfo r = last.get();
      double v = "success".equals(r.conclusion()) ? 1 : 0;
      List<RunInfo> oldestFirst = reversed(all);
      List<Sample> history = oldestFirst.stream().filter(RunStats::verdict)
          .map(x -> new Sample(x.createdAt(), "success".equals(x.conclusion()) ? 1 : 0)).collect(Collectors.toList());
      return new Measurement(OptionalDouble.of(v), Unit.NUMBER, "the newest run of " + q.describe()
          + " with a verdict, " + r.id() + ", concluded " + r.conclusion(), history, java.util.Map.of())
          .withEvidence("run", r.evidence());
    });
  }

  /**
   * {@code github.runsInProgress}: how many of the newest 100 runs have not completed.
   *
   * @return the source
   */
  public SignalSource runsInProgress() {
    return source(Unit.COUNT, Session.PAGE, (ctx, q, all) -> {
      List<RunInfo> active = all.stream().filter(RunInfo::active).collect(Collectors.toList());
      return Measurement.of(active.size(), Unit.COUNT, active.size() + " of the newest " + all.size() + " runs of "
          + q.describe() + " have not completed")
          .withEvidence("runs", active.stream().map(RunInfo::id).collect(Collectors.toList()));
    });
  }

  /**
   * {@code github.failureStreak}: how many runs with a verdict failed in a row, up to now.
   *
   * @return the source
   */
  public SignalSource failureStreak() {
    return source(Unit.COUNT, Session.PAGE, (ctx, q, all) -> {
      Optional<Integer> streak = RunStats.failureStreak(all);
      if (streak.isEmpty()) {
        return Measurement.unknown(Unit.COUNT, "none of the newest " + all.size() + " runs of " + q.describe()
            + " has a verdict");
      }
      List<RunInfo> oldestFirst = reversed(all);
      List<Sample> history = new ArrayList<>();
      for (int i = 0; i < oldestFirst.size(); i++) {
        if (RunStats.verdict(oldestFirst.get(i))) {
          List<RunInfo> upTo = reversed(oldestFirst.subList(0, i + 1));
          history.add(new Sample(oldestFirst.get(i).createdAt(), RunStats.failureStreak(upTo).orElse(0)));
        }
      }
      return new Measurement(OptionalDouble.of(streak.get()), Unit.COUNT, streak.get()
          + " runs of " + q.describe() + " with a verdict failed in a row", history, java.util.Map.of());
    });
  }

  private static List<Sample> history(List<RunInfo> newestFirst, int n,
      java.util.function.Function<List<RunInfo>, OptionalDouble> statistic) {
    return RunStats.windows(reversed(newestFirst), n, statistic);
  }

  private static List<RunInfo> reversed(List<RunInfo> l) {
    List<RunInfo> r = new ArrayList<>(l);
    Collections.reverse(r);
    return r;
  }
}
