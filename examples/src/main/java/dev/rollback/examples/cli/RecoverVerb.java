package dev.rollback.examples.cli;

import dev.rollback.RollbackPlan;
import dev.rollback.report.RollbackReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rollback recover <plan> <strategy>}: carries out one of the plan's recovery strategies (forward, hybrid,
 * full) with {@link dev.rollback.run.RollbackExecutor#recover}, which sends the plan's recovery notifications, and prints
 * its report; exit 0 when the recovery and its validation succeeded.
 */
@Command(name = "recover")
public final class RecoverVerb implements Verb {

  private final Map<String, String> environment;
  private final PrintStream progress;

  @Mixin
  HelpOption help;

  @Parameters(arity = "0..*", paramLabel = "<plan> <strategy>", hideParamSyntax = true,
      description = "the plan (" + PlanSource.ARGUMENT + "), then the name of one of its recovery strategies"
          + " (forward, hybrid, full)")
  List<String> positionals = new java.util.ArrayList<>();

  @Option(names = "--yes", description = "approve as you (the local user) instead of asking on the terminal")
  boolean yes;

  @Option(names = "--value", paramLabel = "NAME=TEXT",
      description = "a value for the plan's messages, such as fixes=Pin the image; repeatable (a list's items)")
  List<String> values = new java.util.ArrayList<>();

  @Mixin
  WhereOptions where;

  /** Creates the command, for the process's environment, with progress on standard error. */
  public RecoverVerb() {
    this(System.getenv(), System.err);
  }

  /**
   * Creates the command for another environment and standard error, as tests do.
   *
   * @param environment the variables the adapters are configured from ({@code GITHUB_TOKEN}, {@code DOCKER_HOST},
   *     ...)
   * @param progress standard error: where progress, questions and hints go
   */
  public RecoverVerb(Map<String, String> environment, PrintStream progress) {
    this.environment = Map.copyOf(environment);
    this.progress = Objects.requireNonNull(progress, "progress");
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
  public int execute(PrintStream out) {
    LaunchArgs a = LaunchArgs.of("<plan> and <strategy>", 2, positionals, where, null, yes, values);
    RollbackPlan plan = PlanSource.load(a.positional(), environment);
    String strategy = a.extra().get(0);
    RollbackReport report;
    try (var executor = Launch.executor(a, plan, Set.copyOf(a.skipUnavailable()), environment, progress)) {
      report = executor.recover(plan, strategy, a.options(plan).withPlanSource(RunVerb.source(a.positional())));
    }
    return RunVerb.print(report, out, progress);
  }
}
