package dev.rollback.examples.cli;

import dev.rollback.RollbackPlan;
import dev.rollback.run.Preview;
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
 * {@code rollback preview <plan>}: the dry run, as Markdown on standard output; exit 1 when it found problems (a
 * step that would fail, a secret not set, a channel with no notifier), 3 when the decision matrix could not decide
 * (a severity depended on an unknown signal).
 */
@Command(name = "preview")
public final class PreviewVerb implements Verb {

  private final Map<String, String> environment;
  private final PrintStream progress;

  @Mixin
  HelpOption help;

  @Parameters(arity = "0..*", paramLabel = "<plan>", hideParamSyntax = true, description = PlanSource.ARGUMENT)
  List<String> positionals = new java.util.ArrayList<>();

  @Mixin
  RunChoices choices;

  @Option(names = "--value", paramLabel = "NAME=TEXT",
      description = "a value for the plan's messages, such as fixes=Pin the image; repeatable (a list's items)")
  List<String> values = new java.util.ArrayList<>();

  @Mixin
  WhereOptions where;

  /** Creates the command, for the process's environment, with progress on standard error. */
  public PreviewVerb() {
    this(System.getenv(), System.err);
  }

  /**
   * Creates the command for another environment and standard error, as tests do.
   *
   * @param environment the variables the adapters are configured from ({@code GITHUB_TOKEN}, {@code DOCKER_HOST},
   *     ...)
   * @param progress standard error: where progress, questions and hints go
   */
  public PreviewVerb(Map<String, String> environment, PrintStream progress) {
    this.environment = Map.copyOf(environment);
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  @Override
  public String arguments() {
    return "<plan> [--severity NAME] [--emergency] [--declare FACT]... [--value NAME=TEXT]..." + LaunchArgs.WHERE_USAGE;
  }

  @Override
  public String summary() {
    return "dry run: real reads, described writes; exit 1 if it finds problems, 3 if it cannot decide";
  }

  @Override
  public int execute(PrintStream out) {
    LaunchArgs a = LaunchArgs.of("<plan>", 1, positionals, where, choices, false, values);
    RollbackPlan plan = PlanSource.load(a.positional(), environment);
    Preview preview;
    try (var executor = Launch.executor(a, plan, Set.copyOf(a.skipUnavailable()),
        environment, progress)) {
      preview = executor.preview(plan, a.options(plan));
    }
    out.print(preview.toMarkdown());
    if (preview.decision().map(d -> d.undecided()).orElse(false)) {
      return RollbackCli.UNDECIDED;
    }
    return preview.problems().isEmpty() ? 0 : 1;
  }
}
