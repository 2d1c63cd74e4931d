package dev.rollback.examples.cli;

import dev.rollback.RollbackPlan;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rollback run <plan>}: runs the plan, showing progress on standard error, and prints the incident report
 * on standard output; exit 0 when it succeeded (or no rollback was called for), 3 when it could not decide (a
 * severity depended on an unknown signal), 1 otherwise. The journal goes to
 * {@code <workspace>/.rollback}, recording where the plan came from so that {@code rollback resume} finds it.
 */
@Command(name = "run")
public final class RunVerb implements Verb {

  private final Map<String, String> environment;
  private final PrintStream progress;

  @Mixin
  HelpOption help;

  @Parameters(arity = "0..*", paramLabel = "<plan>", hideParamSyntax = true, description = PlanSource.ARGUMENT)
  List<String> positionals = new java.util.ArrayList<>();

  @Mixin
  RunChoices choices;

  @Option(names = "--yes", description = "approve as you (the local user) instead of asking on the terminal")
  boolean yes;

  @Option(names = "--monitor", description = "after a successful rollback, watch the plan's monitoring window")
  boolean monitor;

  @Option(names = "--value", paramLabel = "NAME=TEXT",
      description = "a value for the plan's messages, such as fixes=Pin the image; repeatable (a list's items)")
  List<String> values = new java.util.ArrayList<>();

  @Mixin
  WhereOptions where;

  /** Creates the command, for the process's environment, with progress on standard error. */
  public RunVerb() {
    this(System.getenv(), System.err);
  }

  /**
   * Creates the command for another environment and standard error, as tests do.
   *
   * @param environment the variables the adapters are configured from ({@code GITHUB_TOKEN}, {@code DOCKER_HOST},
   *     ...)
   * @param progress standard error: where progress, questions and hints go
   */
  public RunVerb(Map<String, String> environment, PrintStream progress) {
    this.environment = Map.copyOf(environment);
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  @Override
  public String arguments() {
    return "<plan> [--emergency] [--severity NAME] [--yes] [--declare FACT]... [--monitor] [--value NAME=TEXT]..."
        + LaunchArgs.WHERE_USAGE;
  }

  @Override
  public String summary() {
    return "run the plan and print its incident report; --yes approves as you; exit 1 unless it succeeded, 3 if it"
        + " could not decide";
  }

  @Override
  public int execute(PrintStream out) {
    choices.monitor = monitor;
    LaunchArgs a = LaunchArgs.of("<plan>", 1, positionals, where, choices, yes, values);
    RollbackPlan plan = PlanSource.load(a.positional(), environment);
    RollbackReport report;
    try (var executor = Launch.executor(a, plan, Set.copyOf(a.skipUnavailable()),
        environment, progress)) {
      report = executor.run(plan, a.options(plan).withPlanSource(source(a.positional())));
    }
    return print(report, out, progress);
  }

  /**
   * Where a plan comes from, as the journal records it for {@code resume}: a script's absolute path, or the class.
   *
   * @param argument the plan argument
   * @return the source
   */
  static String source(String argument) {
    Path file = Path.of(argument);
    return Files.isRegularFile(file) ? file.toAbsolutePath().normalize().toString() : argument;
  }

  /**
   * Prints a report and tells how a stopped run can go on.
   *
   * @param report the report
   * @param out where it goes
   * @param err where the hint to resume goes (standard error)
   * @return the exit status: 0 when the run succeeded or no rollback was called for, 3 when it could not decide
   *     (a severity depended on an unknown signal), else 1
   */
  static int print(RollbackReport report, PrintStream out, PrintStream err) {
    out.print(report.toMarkdown());
    if (report.status() == RunStatus.STOPPED) {
      err.println("rollback: run " + report.runId() + " stopped; once the cause is dealt with, go on with"
          + " ./rollback resume " + report.runId());
    }
    if (report.status() == RunStatus.UNDECIDED) {
      err.println("rollback: run " + report.runId() + " could not decide (exit 3): " + report.summary());
    }
    return exitStatus(report.status());
  }

  /**
   * The launcher's exit status for how a run ended: 0 success (or no rollback called for, or stopped after
   * preparation as asked), 3 could not decide, 1 anything else (a run that failed, stopped or was not approved).
   *
   * @param status how the run ended
   * @return the exit status
   */
  static int exitStatus(RunStatus status) {
    switch (status) {
      case SUCCEEDED:
      case NO_ROLLBACK:
      case PREPARED:
        return 0;
      case UNDECIDED:
        return RollbackCli.UNDECIDED;
      default:
        return 1;
    }
  }
}
