package dev.rollback.examples.cli;

import dev.rollback.RollbackPlan;
import dev.rollback.RollbackReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code rollback recover <plan> <strategy>}: carries out one of the plan's recovery strategies (forward, hybrid,
 * full) with {@link dev.rollback.RollbackExecutor#recover}, which sends the plan's recovery notifications, and prints
 * its report; exit 0 when the recovery and its validation succeeded.
 */
public final class RecoverVerb implements Verb {

  /** Creates the command. */
  public RecoverVerb() {}

  @Override
  public String name() {
    return "recover";
  }

  @Override
  public String arguments() {
    return "<plan> <strategy> [--yes] [--value NAME=TEXT]..." + LaunchArgs.WHERE_USAGE;
  }

  @Override
  public String summary() {
    return "carry out a recovery strategy of the plan and print its report; exit 1 unless it succeeded";
  }

  @Override
  public int run(List<String> args, PrintStream out) {
    LaunchArgs a = LaunchArgs.parse(this, "<plan> and <strategy>", 2, args, LaunchArgs.with("--yes", "--value"));
    RollbackPlan plan = PlanSource.load(a.positional());
    String strategy = a.extra().get(0);
    RollbackReport report;
    try (var executor = Launch.executor(a, plan, Set.copyOf(a.skipUnavailable()), System.getenv(),
        System.err)) {
      report = executor.recover(plan, strategy, a.options(plan).withPlanSource(RunVerb.source(a.positional())));
    }
    return RunVerb.print(report, out);
  }
}
