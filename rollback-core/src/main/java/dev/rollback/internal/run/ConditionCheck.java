package dev.rollback.internal.run;

import dev.rollback.Checks;
import dev.rollback.Condition;
import dev.rollback.RollbackException;
import dev.rollback.decide.Conditions;
import dev.rollback.decide.Evaluation;
import dev.rollback.spi.CheckContext;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.CheckResult;

/**
 * {@code core.condition} checks ({@link Checks#that(Condition)}): measures the condition's signals through the
 * registered sources (the assessment's values while nothing has changed yet), evaluates it with
 * {@link Conditions#evaluate}, and passes when it is true, fails when false, is unknown when data is missing; the
 * explanation and the values are the evidence.
 */
public final class ConditionCheck implements CheckEvaluator {

  @Override
  public CheckResult evaluate(CheckContext check) {
    if (!(check.run() instanceof RunState)) {
      throw new RollbackException("core.condition checks are evaluated by a RollbackExecutor");
    }
    ConditionScope scope = ((RunState) check.run()).conditions();
    Condition condition = check.check().condition().orElseThrow(() -> new RollbackException("check '"
        + check.check().name() + "' of kind " + Checks.CONDITION + " has no condition"));
    Evaluation e = scope.evaluate(condition);
    CheckResult r;
    switch (e.truth()) {
      case TRUE:
        r = CheckResult.passed(e.explanation());
        break;
      case FALSE:
        r = CheckResult.failed(e.explanation());
        break;
      default:
        r = CheckResult.unknown(e.explanation());
    }
    for (java.util.Map.Entry<String, Double> v : e.values().entrySet()) {
      r = r.withEvidence(v.getKey(), v.getValue());
    }
    return r;
  }
}
