package dev.rollback.examples.cli;

import dev.rollback.Journal;
import dev.rollback.RollbackException;
import dev.rollback.RollbackPlan;
import dev.rollback.RollbackReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code rollback resume <run>}: goes on with an interrupted run from its journal in {@code <workspace>/.rollback},
 * loading the plan again from where the run recorded it came from (the plan's hash must still match), and prints
 * the incident report; for a run that had finished, prints its report.
 */
public final class ResumeVerb implements Verb {

  private final Map<String, String> environment;
  private final PrintStream progress;

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
  public String name() {
    return "resume";
  }

  @Override
  public String arguments() {
    return "<run> [--yes]" + LaunchArgs.WHERE_USAGE;
  }

  @Override
  public String summary() {
    return "go on with an interrupted run from its journal; exit 1 unless it succeeded";
  }

  @Override
  public int run(List<String> args, PrintStream out) {
    LaunchArgs a = LaunchArgs.parse(this, "<run>", 1, args, LaunchArgs.with("--yes"));
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
      report = executor.resume(plan, runId);
    }
    return RunVerb.print(report, out, progress);
  }

  private static String runs(Journal journal) {
    List<String> runs = journal.runs();
    return runs.isEmpty() ? "" : "; its runs are " + String.join(", ", runs);
  }
}
