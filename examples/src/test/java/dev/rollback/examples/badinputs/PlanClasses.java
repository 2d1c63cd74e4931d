package dev.rollback.examples.badinputs;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;

import dev.rollback.Checks;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Steps;

/** Plans given as a class, for the corpus's cases on plan classes that do not give one plan. */
public final class PlanClasses {

  private PlanClasses() {}

  /**
   * A plan with no problems.
   *
   * @return the plan
   */
  public static RollbackPlan valid() {
    return Rollback.plan("valid")
        .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
        .procedure(procedure("standard").phase(phase("one").step(Steps.command("true"))
            .validate(Checks.command("true"))))
        .build();
  }

  /**
   * No plan at all.
   *
   * @return null
   */
  public static RollbackPlan nothing() {
    return null;
  }

  /**
   * A plan that fails to build, as one reading a missing file does.
   *
   * @return never
   */
  public static RollbackPlan throwing() {
    throw new IllegalStateException("plans/p3-007.json is missing");
  }

  /**
   * A plan that never finishes building.
   *
   * @return never
   */
  public static RollbackPlan endless() {
    long n = 0;
    while (!Thread.currentThread().isInterrupted() || n >= 0) {
      n++;
    }
    return valid();
  }
}
