package dev.rollback.git.bisect;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;

import dev.rollback.Command;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.git.GitAdapter;
import dev.rollback.git.GitBisect;
import dev.rollback.git.GitChecks;
import dev.rollback.report.RollbackReport;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import java.nio.file.Path;

/**
 * A separate JVM running (or resuming) a plan whose one step bisects, so that a test can kill it with SIGKILL.
 * Arguments: {@code run|resume repo journal runId good bad probeScript ledgerDir k}. It prints the run's status,
 * culprit and probe count.
 */
public final class BisectChild {

  private BisectChild() {}

  static RollbackPlan plan(String good, String bad, String probe, String ledgers, int k) {
    return Rollback.plan("bisect and stop")
        .severity(severity("high").when(declared("red")).rollbackWithin(hours(1)).approval(single("maintainer")))
        .procedure(procedure("find").phase(phase("find").step(GitBisect.between(good, bad)
            .probe(Command.of("sh", probe, ledgers)).parallelism(k).step().as("culprit"))
            .validate(GitChecks.commitExists("HEAD"))))
        .build();
  }

  /**
   * Runs or resumes.
   *
   * @param args see the class documentation
   * @throws Exception when the run cannot start
   */
  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args[1]);
    RollbackPlan plan = plan(args[4], args[5], args[6], args[7], Integer.parseInt(args[8]));
    try (RollbackExecutor executor = RollbackExecutor.builder().workspace(repo).adapter(GitAdapter.open(repo))
        .journal(Journal.directory(Path.of(args[2]))).approver(Approvers.automatic("lead", "test")).build()) {
      RollbackReport report = args[0].equals("run")
          ? executor.run(plan, RunOptions.defaults().withDeclared("red").withRunId(args[3]))
          : executor.resume(plan, args[3]);
      System.out.println("STATUS " + report.status());
      System.out.println("CULPRIT " + report.outputs().get("culprit"));
      System.out.println("PROBES " + report.outputs().get("culprit.probes"));
      System.out.println("SUMMARY " + report.summary());
    }
  }
}
