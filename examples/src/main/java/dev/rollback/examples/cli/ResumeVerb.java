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

/**
 * {@code rollback resume <run>}: goes on with an interrupted run from its journal in {@code <workspace>/.rollback},
 * loading the plan again from where the run recorded it came from (the plan's hash must still match), and prints
 * the incident report; for a run that had finished, prints its report. {@code --step NAME --done "REASON"} or
 * {@code --step NAME --redo} settles, as the local user, a step the interruption cut off and no adapter could probe
 * ({@link Settlement}); the journal and the report record who, when and why.
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
    return "<run> [--yes] [--step NAME --done \"WHAT YOU CHECKED\" | --step NAME --redo]" + LaunchArgs.WHERE_USAGE;
  }

  @Override
  public String summary() {
    return "go on with an interrupted run from its journal; --step settles a step no adapter could probe (--done:"
        + " it took effect, --redo: run it again); exit 1 unless it succeeded";
  }

  @Override
  public int run(List<String> args, PrintStream out) {
    List<String> rest = new java.util.ArrayList<>();
    Optional<Settlement> settlement = settlement(args, rest);
    LaunchArgs a = LaunchArgs.parse(this, "<run>", 1, rest, LaunchArgs.with("--yes"));
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
   * Takes {@code --step NAME} with {@code --done REASON} or {@code --redo} out of the arguments: the operator's
   * verdict on a step the interruption cut off, settled by the local user.
   *
   * @param args the arguments
   * @param rest where the other arguments go, in order
   * @return the settlement, when asked for
   * @throws UsageException when the options do not fit together
   */
  static Optional<Settlement> settlement(List<String> args, List<String> rest) {
    String step = null;
    String done = null;
    boolean redo = false;
    for (int i = 0; i < args.size(); i++) {
      String x = args.get(i);
      if (x.equals("--step") || x.equals("--done")) {
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
          throw new UsageException(x.equals("--step") ? "--step needs the name of the step to settle, as the report"
              + " names it" : "--done needs the evidence: say what you checked, such as --done \"the tag v41 is on"
              + " origin\"");
        }
        String v = args.get(++i);
        if (x.equals("--step")) {
          step = v;
        } else {
          done = v;
        }
      } else if (x.equals("--redo")) {
        redo = true;
      } else {
        rest.add(x);
      }
    }
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
