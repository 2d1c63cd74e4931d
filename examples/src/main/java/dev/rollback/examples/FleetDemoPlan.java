package dev.rollback.examples;

import static dev.rollback.Rollback.branch;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.ref;

import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.git.GitChecks;
import dev.rollback.git.GitSteps;

/**
 * The plan {@code ./rollback demo fleet} runs on every repository of its fleet: find the shared CI change that
 * broke them, revert it on main, push main with a lease, and check it is reverted.
 */
public final class FleetDemoPlan {

  /** The subject the demo's bad shared CI change starts with. */
  public static final String BAD_CHANGE = "CI-TEMPLATE-V2";

  private FleetDemoPlan() {}

  /**
   * The plan.
   *
   * @return the plan
   */
  public static RollbackPlan plan() {
    return Rollback.plan("Revert the shared CI template v2 across the fleet")
        .severity(Rollback.severity("high").description("the shared CI template v2 broke CI")
            .when(Rollback.declared("ci-template-v2-broke-ci")).rollbackWithin(Rollback.hours(2))
            .approval(Rollback.single("platform-lead")).procedure("revert"))
        .checklist(GitChecks.commitMatching("^" + BAD_CHANGE).oldest().as("culprit")
            .named("Find the shared CI change"))
        .procedure(procedure("revert").phase(phase("Revert on main and push")
            .step(GitSteps.checkout(branch("main")), GitSteps.revert(ref("culprit")),
                GitSteps.pushWithLease("origin", branch("main")))
            .validate(GitChecks.reverted(ref("culprit")).named("The shared CI change is reverted on main"))))
        .build();
  }
}
