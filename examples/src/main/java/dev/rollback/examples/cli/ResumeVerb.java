package dev.rollback.examples.cli;

import dev.rollback.RollbackException;
import dev.rollback.RollbackPlan;
import dev.rollback.report.RollbackReport;
import dev.rollback.run.Journal;
import dev.rollback.run.Settlement;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rollback resume <run>}: goes on with an interrupted run from its journal in {@code <workspace>/.rollback},
 * loading the plan again from where the run recorded it came from (the plan's hash must still match), and prints
 * the incident report; for a run that had finished, prints its report. {@code --step NAME --done "REASON"} or
 * {@code --step NAME --redo} settles, as the local user, a step the interruption cut off and no adapter could probe
 * ({@link Settlement}); the journal and the report record who, when and why.
 */
@Command(name = "resume")
public final class ResumeVerb implements Verb {

  private final Map<String, String> environment;
  private final PrintStream progress;

  @Mixin
  HelpOption help;

  @Parameters(arity = "0..*", paramLabel = "<run>", hideParamSyntax = true,
      description = "the run's id, as the run printed it and its journal names it (such as 20260101-030000-0a1b2c3d)")
  List<String> positionals = new java.util.ArrayList<>();

  @Option(names = "--yes", description = "approve as you (the local user) instead of asking on the terminal")
  boolean yes;

  @Option(names = "--step", paramLabel = "NAME",
      description = "the step the interruption cut off and no adapter could probe, as the report names it; settle it"
          + " with --done or --redo")
  String step;

  @Option(names = "--done", paramLabel = "WHAT YOU CHECKED",
      description = "the step took effect: say what you checked, such as \"the tag v41 is on origin\"")
  String done;

  @Option(names = "--redo", description = "the step did not take effect: run it again")
  boolean redo;

  @Mixin
  WhereOptions where;

  /** Creates the command, for the process's environment, with progress on standard error. */
  public ResumeVerb() {
    this(System.getenv(), System.err);
  }

  /**
   * Creates the command for another environment and standard error, as tests do.
   *
   * @param environment the variables the adapters are configured from ({@code GITHUB_TOKEN}, {@code DOCKER_HOST},
   *     ...)
   * @param progress standard error: where progress, questions and hints go
   */
  public ResumeVerb(Map<String, String> environment, PrintStream progress) {
    this.environment = Map.copyOf(environment);
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  @Override
  public String arguments() {
    return "<run> [--yes] [--step NAME --done \"WHAT YOU CHECKED\" | --step NAME --redo]" + LaunchArgs.WHERE_USAGE;
  }

  @Override
  public String summary() {
    return "go on with an interrupted run from its journal; --step settles a step no adapter could probe (--done:"
        + " it took effect, --redo: run it again); exit 1 unless it succeeded";
  }

  @Override
  public String needsValue(String option) {
    switch (option) {
      case "--step":
        return "--step needs the name of the step to settle, as the report names it";
      case "--done":
        return "--done needs the evidence: say what you checked, such as --done \"the tag v41 is on origin\"";
      default:
        return Verb.super.needsValue(option);
    }
  }

  @Override
  public int execute(PrintStream out) {
    Optional<Settlement> settlement = settlement(step, done, redo);
    LaunchArgs a = LaunchArgs.of("<run>", 1, positionals, where, null, yes, List.of());
    Journal journal = a.journal();
    String runId = a.positional();
    Journal.Header header;
    try {
      header = journal.header(runId).orElseThrow(() -> new UsageException("no run " + runId
          + " in " + journal.directory().orElseThrow() + runs(journal)));
    } catch (IllegalArgumentException e) {
      // Not a run id (a path such as ../../x): refused before any file is opened.
      throw new UsageException(e.getMessage() + runs(journal));
    }
    String source = header.options().planSource().orElseThrow(() -> new RollbackException("run " + runId
        + " recorded no plan source (it was started from Java code); resume it there with"
        + " RollbackExecutor.resume(plan, \"" + runId + "\")"));
    RollbackPlan plan = PlanSource.load(source, environment);
    Set<String> skip = new java.util.TreeSet<>(a.skipUnavailable());
    skip.addAll(header.options().skipUnavailable());
    RollbackReport report;
    try (var executor = Launch.executor(a, plan, skip,
        environment, progress)) {
      report = settlement.isPresent() ? executor.resume(plan, runId, settlement.get())
          : executor.resume(plan, runId);
    }
    return RunVerb.print(report, out, progress);
  }

  /**
   * The operator's verdict on a step the interruption cut off, settled by the local user: {@code --step NAME} with
   * {@code --done REASON} or {@code --redo}.
   *
   * @param step the step's name, or null
   * @param done the evidence that it took effect, or null
   * @param redo whether to run it again
   * @return the settlement, when asked for
   * @throws UsageException when the options do not fit together
   */
  static Optional<Settlement> settlement(String step, String done, boolean redo) {
    if (step == null && done == null && !redo) {
      return Optional.empty();
    }
    if (step == null) {
      throw new UsageException((redo ? "--redo" : "--done") + " settles one step: name it with --step NAME");
    }
    if (done != null && redo) {
      throw new UsageException("--step '" + step + "' takes --done or --redo, not both");
    }
    if (done == null && !redo) {
      throw new UsageException("--step '" + step + "' needs a verdict: --done \"what you checked\" if it took"
          + " effect, or --redo if it did not");
    }
    try {
      return Optional.of(redo ? Settlement.redo(step, "run again, as the operator asked (--redo)")
          : Settlement.done(step, done));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static String runs(Journal journal) {
    List<String> runs = journal.runs();
    return runs.isEmpty() ? "" : "; its runs are " + String.join(", ", runs);
  }
}
