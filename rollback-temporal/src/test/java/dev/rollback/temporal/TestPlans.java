package dev.rollback.temporal;

import static dev.rollback.Rollback.branch;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.ref;

import dev.rollback.Effect;
import dev.rollback.FailurePolicy;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Steps;
import dev.rollback.git.GitAdapter;
import dev.rollback.git.GitChecks;
import dev.rollback.git.GitSteps;
import dev.rollback.spi.Adapter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The plans the fleet tests run, by source name, as a worker loads them. */
public final class TestPlans {

  private TestPlans() {}

  /** One severity: the bad change broke CI; roll back within 2 hours, approved by a maintainer (the fleet's signal). */
  private static dev.rollback.SeverityLevel.Builder severity(String procedure) {
    return Rollback.severity("high").description("the shared CI change broke CI").when(Rollback.declared("bad-ci"))
        .rollbackWithin(Rollback.hours(2)).approval(Rollback.single("maintainer")).procedure(procedure);
  }

  private static final dev.rollback.Check REVERTED = GitChecks.reverted(ref("culprit")).named("The bad change is"
      + " reverted");

  /** Find the bad change, revert it on main, push main with a lease. */
  public static final RollbackPlan REVERT = Rollback.plan("Revert the bad shared CI change").severity(severity("revert"))
      .checklist(GitChecks.commitMatching("^BAD-CI").oldest().as("culprit").named("Find the bad CI change"))
      .procedure(procedure("revert").phase(phase("Revert and push")
          .step(GitSteps.revert(ref("culprit")), GitSteps.pushWithLease("origin", branch("main")))
          .validate(REVERTED)))
      .build();

  /** Revert, then a step that fails: the phase compensates, so the revert is undone and nothing is pushed. */
  public static final RollbackPlan REVERT_THEN_FAIL = Rollback.plan("Revert, then fail and compensate").severity(severity("revert"))
      .checklist(GitChecks.commitMatching("^BAD-CI").oldest().as("culprit").named("Find the bad CI change"))
      .procedure(procedure("revert").phase(phase("Revert and check").onFailure(FailurePolicy.COMPENSATE)
          .step(GitSteps.revert(ref("culprit")), Steps.command("false").named("a check that fails"))
          .validate(REVERTED)))
      .build();

  /** Wait an hour (a durable timer), then revert and push. */
  public static final RollbackPlan WAIT_THEN_REVERT = Rollback.plan("Wait, then revert").severity(severity("revert"))
      .checklist(GitChecks.commitMatching("^BAD-CI").oldest().as("culprit").named("Find the bad CI change"))
      .procedure(procedure("revert").phase(phase("Wait, revert and push")
          .step(Steps.waitFor(Duration.ofHours(1)), GitSteps.revert(ref("culprit")),
              GitSteps.pushWithLease("origin", branch("main"))).validate(REVERTED)))
      .build();

  /** A second of read-only work (a command), then revert and push: most of a fleet's time is in flight on a worker. */
  public static final RollbackPlan SLOW_REVERT = Rollback.plan("Slow revert").severity(severity("revert"))
      .checklist(GitChecks.commitMatching("^BAD-CI").oldest().as("culprit").named("Find the bad CI change"))
      .procedure(procedure("revert").phase(phase("Look, revert and push")
          .step(Steps.command("sleep", "1").effect(Effect.READ_ONLY).named("look around for a second"),
              GitSteps.revert(ref("culprit")), GitSteps.pushWithLease("origin", branch("main")))
          .validate(REVERTED)))
      .build();

  /**
   * A plan by source name.
   *
   * @param source revert, revert-then-fail, wait-then-revert
   * @return the plan
   */
  public static RollbackPlan load(String source) {
    switch (source) {
      case "revert":
        return REVERT;
      case "revert-then-fail":
        return REVERT_THEN_FAIL;
      case "slow-revert":
        return SLOW_REVERT;
      case "wait-then-revert":
        return WAIT_THEN_REVERT;
      default:
        throw new IllegalArgumentException("no test plan '" + source + "'");
    }
  }

  /**
   * The adapters of a target: Git on its clone.
   *
   * @param t the target
   * @return the adapters
   */
  public static List<Adapter> adapters(FleetTarget t) {
    return List.of(GitAdapter.open(Path.of(t.repository())));
  }
}
