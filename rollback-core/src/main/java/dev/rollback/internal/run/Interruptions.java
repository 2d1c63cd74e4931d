package dev.rollback.internal.run;

import dev.rollback.RollbackException;
import dev.rollback.Step;
import dev.rollback.internal.Texts;
import dev.rollback.internal.run.ReportBuilder.StepState;
import dev.rollback.report.RollbackReport.Intervention;
import dev.rollback.report.RollbackReport.InterventionReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.event.RunEvent;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.Interruption;
import dev.rollback.spi.Probe;
import dev.rollback.spi.Recovery;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an interruption left of work that had started and never finished (a step, an undo, an adapter's
 * preparation): the adapter that owned it recovers what it left half-done ({@link Adapter#recover}); then the
 * operator's settlement, when there is one, or the step's probe tells whether it took effect. Keeps what adapters
 * recovered, for the report.
 */
final class Interruptions {

  private final History history;
  private final Events events;
  private final Calls calls;
  private final Registry registry;
  private final Evaluations evaluations;
  private final RunState run;
  private final Redactor redactor;
  private final List<InterventionReport> recovered = new ArrayList<>();

  Interruptions(History history, Events events, Calls calls, Registry registry, Evaluations evaluations, RunState run,
      Redactor redactor) {
    this.history = history;
    this.events = events;
    this.calls = calls;
    this.registry = registry;
    this.evaluations = evaluations;
    this.run = run;
    this.redactor = redactor;
  }

  /** What adapters recovered after an interruption during this process's work on the run, in order. */
  List<InterventionReport> recovered() {
    return recovered;
  }

  /**
   * Lets the adapter that owned a cut-off step or undo recover what it left half-done, before the work is probed or
   * done again; journals and reports what it did, and stops the run when something blocks it.
   *
   * @param key the activity's key
   * @param work a step or an undo
   * @param step the step
   * @param attempt the attempt that was cut off
   * @param subject the work in words, for the report
   * @param st the step's state, marked failed when the run stops; null for an undo
   * @throws Stop when what the interruption left cannot be cleared safely
   */
  void recover(String key, Interruption.Work work, Step step, int attempt, String subject, StepState st) {
    Adapter adapter = registry.ownerOfStep(step.kind());
    if (adapter == null) {
      return;
    }
    StepContext call;
    try {
      call = run.context(step, attempt);
    } catch (RollbackException e) {
      return;
    }
    Map.Entry<Long, Instant> by = history.replay().startedBy(history.replay().records(key));
    recover(key, adapter, new Interruption(work, Optional.of(call), by.getKey(), by.getValue()), attempt, subject,
        st);
  }

  /**
   * Lets an adapter recover what its cut-off preparation left half-done, before it prepares again.
   *
   * @param key the preparation's key
   * @param adapter the adapter
   * @param subject the work in words, for the report
   * @throws Stop when what the interruption left cannot be cleared safely
   */
  void recoverPreparation(String key, Adapter adapter, String subject) {
    Map.Entry<Long, Instant> by = history.replay().startedBy(history.replay().records(key));
    recover(key, adapter, new Interruption(Interruption.Work.PREPARATION, Optional.empty(), by.getKey(),
        by.getValue()), 1, subject, null);
  }

  private void recover(String key, Adapter adapter, Interruption cut, int attempt, String subject, StepState st) {
    Attempts.Outcome<Recovery> o = calls.attempt(run.plan().defaultTimeout(), () -> adapter.recover(run, cut));
    Recovery r;
    if (o.succeeded() && o.value() != null) {
      r = o.value();
    } else {
      r = Recovery.blocked("adapter '" + adapter.name() + "' could not look at what " + cut.describe() + " left"
          + " behind (" + (o.timedOut() ? "timed out after " + Texts.duration(run.plan().defaultTimeout())
          : calls.describe(o.failure())) + ")");
    }
    if (r.actions().isEmpty() && r.canGoOn()) {
      return;
    }
    Instant at = history.now();
    List<String> actions = r.actions().stream().map(redactor::redact).collect(Collectors.toList());
    history.record(JournalRecords.RECOVERED, key, at, History.fields("attempt", attempt, "adapter", adapter.name(),
        "work", cut.work(), "subject", subject, "actions", actions, "blocked",
        r.blocked().map(redactor::redact).orElse(null)));
    if (!actions.isEmpty()) {
      String what = String.join("; ", actions);
      recovered.add(new InterventionReport(Intervention.RECOVERED, subject, what, "adapter '" + adapter.name() + "'",
          at));
      events.emit(new RunEvent.Intervened(run.runId(), at, Intervention.RECOVERED, subject, what,
          "adapter '" + adapter.name() + "'"));
    }
    if (!r.canGoOn()) {
      String why = redactor.redact(r.blocked().get());
      if (st != null) {
        st.error = "what the interruption left behind blocks it: " + why;
        st.status = dev.rollback.report.RollbackReport.StepStatus.FAILED;
        st.attempts = attempt;
      }
      throw new Stop(RunStatus.STOPPED, "the run was interrupted during " + subject + ", and what that left behind"
          + " cannot be cleared safely: " + why + "; nothing more ran. Once it is dealt with, resume the run: rollback"
          + " resume " + run.runId());
    }
  }

  /**
   * The operator's settlement of an activity's last cut-off attempt: the last {@code settled} record, when no
   * attempt started after it.
   *
   * @param recs the activity's records
   * @param startType the type of the record that starts an attempt
   * @return the settlement's record
   */
  static Optional<Map<String, Object>> settlement(List<Map<String, Object>> recs, String startType) {
    for (int i = recs.size() - 1; i >= 0; i--) {
      Object type = recs.get(i).get("type");
      if (JournalRecords.SETTLED.equals(type)) {
        return Optional.of(recs.get(i));
      }
      if (startType.equals(type)) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Asks whether a step took effect: its own probe ({@code appliedWhen}) when it has one, else its handler's.
   *
   * @param handler the step's handler
   * @param step the step
   * @param attempt the attempt that was cut off
   * @return what the probe tells; unknown when it cannot tell
   */
  Probe probe(StepHandler handler, Step step, int attempt) {
    if (step.appliedWhen().isPresent()) {
      return evaluations.probe(step.appliedWhen().get());
    }
    StepContext call;
    try {
      call = run.context(step, attempt);
    } catch (RollbackException e) {
      return Probe.unknown(e.getMessage());
    }
    Attempts.Outcome<Probe> o = calls.attempt(call.timeout(), () -> handler.isApplied(call));
    if (o.succeeded() && o.value() != null) {
      return o.value();
    }
    return Probe.unknown(o.timedOut() ? "the probe timed out after " + Texts.duration(call.timeout())
        : "the probe failed: " + calls.describe(o.failure()));
  }

  /**
   * How an operator settles a step: the launcher's options and the library's call.
   *
   * @param step the step's name
   * @return the hint
   */
  String settleHint(String step) {
    String quoted = "'" + step.replace("'", "'\\''") + "'";
    return "rollback resume " + run.runId() + " --step " + quoted + " --done \"<what you checked>\" if it took"
        + " effect, or --redo if it did not (in Java: executor.resume(plan, runId, Settlement.done(...) or"
        + " Settlement.redo(...)))";
  }
}
