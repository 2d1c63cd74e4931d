package dev.rollback.git;

import static dev.rollback.Rollback.branch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Checks;
import dev.rollback.PlanProblem;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Regression: a push whose local and remote branch are one name holds that name under two keys, and
 * {@code check()} listed its problem twice.
 */
class PushCheckTest {

  private static List<PlanProblem> refNameProblems(dev.rollback.Step push) {
    RollbackPlan plan = Rollback.plan("push")
        .severity(Rollback.severity("high").when(Rollback.declared("broken")).rollbackWithin(Rollback.hours(24))
            .approval(Rollback.single("maintainer")))
        .procedure(Rollback.procedure("p").phase(Rollback.phase("push").step(push)
            .validate(Checks.command("true"))))
        .build();
    return plan.check().problems().stream().filter(p -> p.rule() == PlanProblem.Rule.INVALID_REF_NAME)
        .collect(Collectors.toList());
  }

  @Test
  void aBadBranchNameOfAPushWithLeaseIsOneProblem() {
    List<PlanProblem> problems = refNameProblems(GitSteps.pushWithLease("origin", branch("a..b")));

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).message()).contains("a..b");
  }

  @Test
  void twoBadBranchNamesAreTwoProblems() {
    assertThat(refNameProblems(GitSteps.pushWithLease("origin", branch("a..b"), branch("c..d")))).hasSize(2);
  }
}
