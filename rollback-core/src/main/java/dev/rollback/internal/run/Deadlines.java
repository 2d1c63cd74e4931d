package dev.rollback.internal.run;

import dev.rollback.Check;
import dev.rollback.Phase;
import dev.rollback.RollbackPlan;
import dev.rollback.internal.PlanChecker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tracks the decided deadline against the worst case of the work left (each remaining step's attempts times its
 * timeout plus its retry waits, each remaining validation's timeout, as {@link PlanChecker#worstCase} counts them),
 * precomputed per position so that each check is constant time.
 */
final class Deadlines {

  private final Optional<Instant> deadline;
  private final Duration[][] fromStep;
  private final Duration[][] fromValidation;
  private final Duration total;
  private final Duration checklist;
  private Instant atRiskAt;

  Deadlines(RollbackPlan plan, List<Phase> phases, Optional<Instant> deadline) {
    this.deadline = deadline;
    int n = phases.size();
    fromStep = new Duration[n][];
    fromValidation = new Duration[n][];
    Duration after = Duration.ZERO;
    for (int i = n - 1; i >= 0; i--) {
      Phase p = phases.get(i);
      List<Check> vs = p.validations();
      fromValidation[i] = new Duration[vs.size() + 1];
      fromValidation[i][vs.size()] = after;
      for (int k = vs.size() - 1; k >= 0; k--) {
        fromValidation[i][k] = fromValidation[i][k + 1].plus(vs.get(k).timeout().orElse(plan.defaultTimeout()));
      }
      fromStep[i] = new Duration[p.steps().size() + 1];
      fromStep[i][p.steps().size()] = fromValidation[i][0];
      for (int j = p.steps().size() - 1; j >= 0; j--) {
        fromStep[i][j] = fromStep[i][j + 1].plus(PlanChecker.worstCase(plan, p.steps().get(j)));
      }
      after = fromStep[i][0];
    }
    total = after;
    checklist = PlanChecker.checklistWorstCase(plan);
  }

  Optional<Instant> deadline() {
    return deadline;
  }

  /** The worst case from a step of a phase to the end of the procedure. */
  Duration fromStep(int phase, int step) {
    return fromStep[phase][step];
  }

  /** The worst case from a validation of a phase to the end of the procedure. */
  Duration fromValidation(int phase, int validation) {
    return fromValidation[phase][validation];
  }

  /** The worst case of the checklist and the whole procedure, plus an approval's wait. */
  Duration beforeApproval(Duration approvalTimeout) {
    return approvalTimeout.plus(checklist).plus(total);
  }

  /** The worst case of the checklist and the whole procedure. */
  Duration beforeChecklist() {
    return checklist.plus(total);
  }

  /**
   * Whether the deadline just came at risk: the first time the time left is less than the work left.
   *
   * @param now the instant
   * @param work the worst case of the work left
   * @return the time left, when the deadline came at risk now
   */
  Optional<Duration> atRisk(Instant now, Duration work) {
    if (deadline.isEmpty() || atRiskAt != null) {
      return Optional.empty();
    }
    Duration left = Duration.between(now, deadline.get());
    if (left.compareTo(work) < 0) {
      atRiskAt = now;
      return Optional.of(left);
    }
    return Optional.empty();
  }

  void alreadyAtRisk(Instant at) {
    atRiskAt = at;
  }

  Optional<Instant> atRiskAt() {
    return Optional.ofNullable(atRiskAt);
  }
}
