package dev.rollback.internal.run;

import dev.rollback.Check;
import dev.rollback.FailurePolicy;
import dev.rollback.internal.run.ReportBuilder.PhaseState;
import dev.rollback.internal.run.ReportBuilder.StepState;
import dev.rollback.report.RollbackReport.CheckReport;
import dev.rollback.report.RollbackReport.PhaseStatus;
import dev.rollback.report.RunStatus;
import dev.rollback.run.event.RunEvent;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Executes a procedure (or a recovery strategy's phases) phase by phase: each step to its end ({@link StepRunner}),
 * then the validations that gate the next phase; a failed phase is handled by its failure policy: halt, compensate
 * ({@link Compensation}), or continue.
 */
final class Procedures {

  private final History history;
  private final Events events;
  private final Evaluations evaluations;
  private final StepRunner steps;
  private final Compensation compensation;
  private final String runId;

  Procedures(History history, Events events, Evaluations evaluations, StepRunner steps, Compensation compensation,
      String runId) {
    this.history = history;
    this.events = events;
    this.evaluations = evaluations;
    this.steps = steps;
    this.compensation = compensation;
    this.runId = runId;
  }

  /**
   * Runs the phases.
   *
   * @param phases the phases to run, their states filled in as they run
   * @param watch the deadline's watch
   * @param reason why the run asks for a step's approval, for the people asked
   * @return whether a phase failed under {@link FailurePolicy#CONTINUE}
   * @throws Stop when a phase fails under halt or compensate, a step's approval is refused, or a step cannot be
   *     stopped or its outcome told
   */
  boolean execute(List<PhaseState> phases, DeadlineWatch watch, String reason) {
    boolean failures = false;
    for (int pi = 0; pi < phases.size(); pi++) {
      PhaseState ps = phases.get(pi);
      try {
        runPhase(pi, phases.size(), ps, watch, reason);
      } catch (Stop stop) {
        ps.status = PhaseStatus.FAILED;
        ps.failure = stop.getMessage();
        ps.finishedAt = history.now();
        throw stop;
      }
      if (ps.status == PhaseStatus.PASSED) {
        continue;
      }
      String what = "phase '" + ps.phase.name() + "' failed: " + ps.failure;
      FailurePolicy policy = ps.phase.onFailure();
      if (policy == FailurePolicy.HALT) {
        throw new Stop(RunStatus.HALTED, what + "; the run halted and nothing more ran");
      }
      if (policy == FailurePolicy.COMPENSATE) {
        boolean undone = compensation.compensate(phases, pi);
        throw new Stop(undone ? RunStatus.COMPENSATED : RunStatus.COMPENSATION_FAILED, what + (undone
            ? "; the applied reversible steps were undone" : "; an undo failed, see the compensation section"));
      }
      failures = true;
    }
    return failures;
  }

  private void runPhase(int pi, int count, PhaseState ps, DeadlineWatch watch, String reason) {
    String key = "phase:" + (pi + 1);
    String name = ps.phase.name();
    ps.startedAt = history.once(key, History.Entry.instant(JournalRecords.PHASE_STARTED, "phase", name),
        history::now);
    History.Entry<Instant> finished = History.Entry.of(JournalRecords.PHASE_FINISHED, Replay::at,
        at -> History.fields("passed", ps.failure == null, "failure", ps.failure), at -> at);
    boolean ended = history.replayed(key, finished).isPresent();
    if (!ended) {
      events.emit(new RunEvent.PhaseStarted(runId, ps.startedAt, name, pi + 1, count));
    }
    String failure = null;
    for (int si = 0; si < ps.steps.size(); si++) {
      StepState st = ps.steps.get(si);
      if (!steps.run(new StepRunner.Place(pi, si, name, watch, reason), st)) {
        failure = "step '" + st.step.name() + "' failed: " + st.error;
        break;
      }
    }
    if (failure == null) {
      List<Check> vs = ps.phase.validations();
      for (int k = 0; k < vs.size(); k++) {
        watch.watch(watch.deadlines().fromValidation(pi, k));
        CheckReport r = evaluations.evaluate("validation", "validation:" + (pi + 1) + "." + (k + 1), vs.get(k));
        ps.validations.add(r);
        if (!r.passed() && !r.skipped() && failure == null) {
          failure = "validation '" + r.name() + "' " + r.status().name().toLowerCase(Locale.ROOT) + ": "
              + r.summary();
        }
      }
    }
    ps.status = failure == null ? PhaseStatus.PASSED : PhaseStatus.FAILED;
    ps.failure = failure;
    ps.finishedAt = history.once(key, finished, history::now, at -> events.emit(new RunEvent.PhaseFinished(runId, at,
        name, ps.failure == null, Optional.ofNullable(ps.failure))));
  }
}
