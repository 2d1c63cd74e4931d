package dev.rollback.internal.run;

import dev.rollback.Effect;
import dev.rollback.Phase;
import dev.rollback.RollbackException;
import dev.rollback.Step;
import dev.rollback.internal.Texts;
import dev.rollback.internal.run.ReportBuilder.PhaseState;
import dev.rollback.internal.run.ReportBuilder.StepState;
import dev.rollback.report.RollbackReport.CompensationReport;
import dev.rollback.report.RollbackReport.CompensationStatus;
import dev.rollback.report.RollbackReport.StepStatus;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Settlement;
import dev.rollback.run.event.RunEvent;
import dev.rollback.spi.Interruption;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Undoes the applied reversible steps of a failed phase, then of the earlier phases, each in reverse order; each undo
 * announced in the journal before it runs and recorded after, so that a resumed run neither repeats a finished undo
 * nor trusts one that was cut off. After a failed undo nothing more is undone, since what came earlier may be needed
 * by what could not be undone.
 */
final class Compensation {

  private final History history;
  private final Events events;
  private final Calls calls;
  private final Registry registry;
  private final Interruptions interruptions;
  private final RunState run;
  private final Redactor redactor;
  private final List<CompensationReport> reports = new ArrayList<>();

  Compensation(History history, Events events, Calls calls, Registry registry, Interruptions interruptions,
      RunState run, Redactor redactor) {
    this.history = history;
    this.events = events;
    this.calls = calls;
    this.registry = registry;
    this.interruptions = interruptions;
    this.run = run;
    this.redactor = redactor;
  }

  /** What was undone, or not, in order. */
  List<CompensationReport> reports() {
    return reports;
  }

  /**
   * Undoes what the phases up to the failed one applied; an undone step's state becomes compensated.
   *
   * @param phases the procedure's phases, as they ran
   * @param failedPhase the index of the phase that failed
   * @return whether every undo attempted succeeded
   * @throws Stop when the outcome of an undo cut off by an interruption is unknown
   */
  boolean compensate(List<PhaseState> phases, int failedPhase) {
    boolean failedBefore = false;
    for (int pi = failedPhase; pi >= 0; pi--) {
      PhaseState ps = phases.get(pi);
      for (int si = ps.steps.size() - 1; si >= 0; si--) {
        StepState st = ps.steps.get(si);
        if (st.status != StepStatus.APPLIED || st.step.effect() == Effect.READ_ONLY) {
          continue;
        }
        CompensationReport c = undo(pi, si, ps.phase, st, failedBefore);
        reports.add(c);
        if (c.status() == CompensationStatus.UNDONE) {
          st.status = StepStatus.COMPENSATED;
        } else if (c.status() == CompensationStatus.FAILED) {
          failedBefore = true;
        }
      }
    }
    return !failedBefore;
  }

  private static final History.Entry<CompensationReport> UNDO = History.Entry.result(JournalRecords.UNDO_FINISHED,
      CompensationReport.class, CompensationReport::at);

  private CompensationReport undo(int pi, int si, Phase phase, StepState st, boolean failedBefore) {
    Step step = st.step;
    String key = "undo:" + (pi + 1) + "." + (si + 1);
    Optional<CompensationReport> done = history.replayed(key, UNDO);
    if (done.isPresent()) {
      return done.get();
    }
    // What cannot be undone, or is not attempted, is decided anew on every resume; only undos are recorded.
    if (step.effect() == Effect.IRREVERSIBLE) {
      return new CompensationReport(phase.name(), step.name(), CompensationStatus.NOT_POSSIBLE,
          "irreversible: it cannot be undone", history.now());
    }
    StepHandler handler = registry.step(step.kind());
    StepContext call;
    try {
      call = run.context(step, st.attempts);
    } catch (RollbackException e) {
      return new CompensationReport(phase.name(), step.name(), CompensationStatus.NOT_POSSIBLE,
          redactor.redact(e.getMessage()), history.now());
    }
    if (!handler.canCompensate(call)) {
      return new CompensationReport(phase.name(), step.name(), CompensationStatus.NOT_POSSIBLE,
          "the " + registry.ownerOfStep(step.kind()).name() + " adapter cannot undo " + step.kind()
          + " steps", history.now());
    }
    if (failedBefore) {
      return new CompensationReport(phase.name(), step.name(), CompensationStatus.SKIPPED,
          "not attempted, because an earlier undo failed", history.now());
    }
    if (history.replay().first(key, JournalRecords.UNDO_STARTED).isPresent()) {
      Optional<CompensationReport> settled = cutOff(key, phase, step, st, handler);
      if (settled.isPresent()) {
        return settled.get();
      }
    }
    history.record(JournalRecords.UNDO_STARTED, key, history.now(), History.fields("phase", phase.name(), "step",
        step.name()));
    StepResult applied = st.applied;
    Duration timeout = call.timeout();
    Attempts.Outcome<StepResult> o = calls.attempt(timeout, () -> handler.compensate(call, applied));
    if (o.succeeded() && o.value() != null) {
      return finish(key, phase, step, CompensationStatus.UNDONE, redactor.redact(o.value().summary()));
    }
    String error = o.timedOut() ? "timed out after " + Texts.duration(timeout) : calls.describe(o.failure());
    return finish(key, phase, step, CompensationStatus.FAILED, error);
  }

  /**
   * An undo an interruption cut off: the adapter recovers what it left, then the operator's settlement or the step's
   * probe tells whether the undo took effect.
   *
   * @return the undo's outcome when it took effect; empty when it is to be done again
   * @throws Stop when nobody can tell
   */
  private Optional<CompensationReport> cutOff(String key, Phase phase, Step step, StepState st, StepHandler handler) {
    String subject = "the undo of step '" + step.name() + "' in phase '" + phase.name() + "'";
    List<Map<String, Object>> recs = history.replay().records(key);
    interruptions.recover(key, Interruption.Work.UNDO, step, st.attempts, subject, null);
    Optional<Map<String, Object>> settled = Interruptions.settlement(recs, JournalRecords.UNDO_STARTED);
    Probe p;
    if (settled.isPresent()) {
      p = Settlement.Verdict.DONE.name().equals(settled.get().get("verdict")) ? Probe.notApplied()
          : Probe.applied(StepResult.of("to be undone again"));
      if (p.state() == Probe.State.NOT_APPLIED) {
        return Optional.of(finish(key, phase, step, CompensationStatus.UNDONE, redactor.redact("settled as undone by "
            + settled.get().get("by") + ": " + settled.get().get("reason"))));
      }
    } else {
      p = interruptions.probe(handler, step, st.attempts);
      if (p.state() == Probe.State.NOT_APPLIED) {
        return Optional.of(finish(key, phase, step, CompensationStatus.UNDONE, "undone before the interruption"));
      }
    }
    if (p.state() == Probe.State.UNKNOWN) {
      throw new Stop(RunStatus.STOPPED, "cannot tell whether the undo of step '" + step.name() + "' took effect"
          + " before the run was interrupted (" + redactor.redact(p.reason().orElse("?")) + "); nothing more"
          + " ran. Check by hand, then settle it and go on: " + interruptions.settleHint(step.name()) + " (done: the"
          + " undo took effect; redo: undo it again)");
    }
    return Optional.empty();
  }

  private CompensationReport finish(String key, Phase phase, Step step, CompensationStatus status, String summary) {
    CompensationReport c = history.record(key, UNDO, new CompensationReport(phase.name(), step.name(), status,
        summary, history.now()));
    events.emit(new RunEvent.StepCompensated(run.runId(), c.at(), phase.name(), step.name(),
        status == CompensationStatus.UNDONE, summary));
    return c;
  }
}
