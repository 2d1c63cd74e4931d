package dev.rollback.functional;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.plan;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static dev.rollback.functional.TestAdapter.apply;
import static dev.rollback.functional.TestAdapter.check;
import static dev.rollback.functional.TestAdapter.read;

import dev.rollback.Effect;
import dev.rollback.FailurePolicy;
import dev.rollback.RollbackPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Every plan the executor's tests run, in one place, so that the preview test can show that no preview of any of
 * them changes anything.
 */
final class TestPlans {

  private TestPlans() {}

  /** Every plan of the test suite. */
  static List<RollbackPlan> all() {
    List<RollbackPlan> out = new ArrayList<>();
    for (FailurePolicy p : FailurePolicy.values()) {
      out.add(threePhases(p));
    }
    return out;
  }

  /**
   * Three phases; the second's validation fails. Phase one holds a read-only step, reversible steps and an
   * irreversible one; the severity's single maintainer approves.
   */
  static RollbackPlan threePhases(FailurePolicy policy) {
    return plan("three phases, " + policy)
        .severity(severity("high").when(declared("broken")).rollbackWithin(hours(24)).approval(single("maintainer")))
        .procedure(procedure("gradual")
            .phase(phase("one")
                .step(read("r1", "seen"), apply("a1", Effect.REVERSIBLE), apply("a2", Effect.IRREVERSIBLE),
                    apply("a3", Effect.REVERSIBLE))
                .validate(check("one holds", true)).onFailure(policy))
            .phase(phase("two")
                .step(apply("b1", Effect.REVERSIBLE), apply("b2", Effect.REVERSIBLE))
                .validate(check("two holds", false)).onFailure(policy))
            .phase(phase("three")
                .step(apply("c1", Effect.REVERSIBLE))
                .validate(check("three holds", true)).onFailure(policy)))
        .build();
  }
}
