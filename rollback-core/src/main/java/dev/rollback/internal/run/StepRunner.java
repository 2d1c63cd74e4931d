package dev.rollback.internal.run;

import dev.rollback.ApprovalPolicy;
import dev.rollback.Effect;
import dev.rollback.RetryPolicy;
import dev.rollback.RollbackException;
import dev.rollback.Step;
import dev.rollback.internal.Texts;
import dev.rollback.internal.journal.RecordCodec;
import dev.rollback.internal.run.ReportBuilder.StepState;
import dev.rollback.report.RollbackReport.StepStatus;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Settlement;
import dev.rollback.run.event.RunEvent;
import dev.rollback.spi.BoundOutputs;
import dev.rollback.spi.Interruption;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one step of a procedure to its end: taken from the journal when the run that was cut off finished it; skipped
 * when its adapter is unavailable; else its own approval, then, when an interruption cut it off, the adapter's
 * recovery and the settlement or probe that tells whether it took effect; the adapter's preparation before its first
 * change; then its attempts, each announced in the journal (synced) before it runs, under its timeout, with its
 * retries. What it applied is bound under its {@code .as(name)}.
 */
final class StepRunner {

  private final History history;
  private final Events events;
  private final Calls calls;
  private final Registry registry;
  private final Availability availability;
  private final Approvals approvals;
  private final Interruptions interruptions;
  private final Preparations preparations;
  private final RunState run;
  private final Redactor redactor;

  StepRunner(History history, Events events, Calls calls, Registry registry, Availability availability,
      Approvals approvals, Interruptions interruptions, Preparations preparations, RunState run, Redactor redactor) {
    this.history = history;
    this.events = events;
    this.calls = calls;
    this.registry = registry;
    this.availability = availability;
    this.approvals = approvals;
    this.interruptions = interruptions;
    this.preparations = preparations;
    this.run = run;
    this.redactor = redactor;
  }

  /**
   * Where a step stands in its procedure, and what it runs under.
   *
   * @param phase the phase's position, from 0
   * @param step the step's position in its phase, from 0
   * @param phaseName the phase's name
   * @param watch the deadline's watch
   * @param reason why the run asks for approvals, for the people asked
   */
  record Place(int phase, int step, String phaseName, DeadlineWatch watch, String reason) {
    String key() {
      return "step:" + (phase + 1) + "." + (step + 1);
    }
  }

  /**
   * Runs one step to its end.
   *
   * @param at where it stands
   * @param st its state, filled in
   * @return whether it was applied (or skipped)
   * @throws Stop when its approval is refused, it cannot be stopped, or its outcome after an interruption is unknown
   */
  boolean run(Place at, StepState st) {
    Step step = st.step;
    String key = at.key();
    String phaseName = at.phaseName();
    List<Map<String, Object>> recs = history.replay().records(key);
    int attempt = 1;
    boolean interrupted = false;
    for (Map<String, Object> r : recs) {
      if (JournalRecords.STEP_STARTED.equals(r.get("type")) && st.startedAt == null) {
        st.startedAt = Replay.at(r);
      }
    }
    if (!recs.isEmpty()) {
      Map<String, Object> last = recs.get(recs.size() - 1);
      String type = (String) last.get("type");
      if (JournalRecords.STEP_SKIPPED.equals(type)) {
        skipped(st, (String) last.get("reason"), Replay.at(last));
        return true;
      }
      int n = ((Number) last.getOrDefault("attempt", 1L)).intValue();
      if (JournalRecords.STEP_APPLIED.equals(type)) {
        StepResult r = RecordCodec.fromData(StepResult.class, History.result(last));
        applied(st, r, r, n, Replay.at(last));
        return true;
      }
      if (JournalRecords.STEP_FAILED.equals(type)) {
        if (Boolean.TRUE.equals(last.get("final"))) {
          failed(st, (String) last.get("error"), n, Replay.at(last));
          return false;
        }
        attempt = n + 1;
      } else {
        interrupted = true;
        attempt = n;
      }
    }
    Optional<String> skip = availability.skipped(step.kind());
    if (skip.isPresent() && !interrupted) {
      Instant now = history.now();
      history.record(JournalRecords.STEP_SKIPPED, key, now, History.fields("phase", phaseName, "step", step.name(),
          "reason", skip.get()));
      skipped(st, skip.get(), now);
      events.emit(new RunEvent.StepSkipped(run.runId(), now, phaseName, step.name(), skip.get()));
      return true;
    }
    if (step.approval().isPresent()) {
      ApprovalPolicy policy = step.approval().get();
      approvals.approve(new Approvals.Ask("approval:step:" + (at.phase() + 1) + "." + (at.step() + 1), "step '"
          + step.name() + "'", policy, step.effect() == Effect.IRREVERSIBLE && policy.requiresPeople()
          ? List.of(step.describe()) : List.of(), at.reason()));
    }
    StepHandler handler = registry.step(step.kind());
    if (interrupted) {
      String subject = "step '" + step.name() + "' in phase '" + phaseName + "'";
      interruptions.recover(key, Interruption.Work.STEP, step, attempt, subject, st);
      Optional<Map<String, Object>> settled = Interruptions.settlement(recs, JournalRecords.STEP_STARTED);
      Probe p;
      if (settled.isPresent()) {
        boolean done = Settlement.Verdict.DONE.name().equals(settled.get().get("verdict"));
        p = done ? Probe.applied(StepResult.of(redactor.redact("settled as done by " + settled.get().get("by")
            + ": " + settled.get().get("reason")))) : Probe.notApplied();
      } else {
        p = interruptions.probe(handler, step, attempt);
        history.record(JournalRecords.STEP_PROBED, key, history.now(), History.fields("attempt", attempt, "state",
            p.state(), "reason", p.reason().orElse(null)));
      }
      if (p.state() == Probe.State.APPLIED) {
        StepResult raw = Outcomes.normalize(p.result().orElse(StepResult.of("applied before the interruption")));
        finishApplied(key, phaseName, st, raw, attempt);
        return true;
      }
      if (p.state() == Probe.State.UNKNOWN) {
        String why = redactor.redact(p.reason().orElse("the adapter cannot tell"));
        st.error = "its outcome is unknown after the interruption: " + why;
        st.status = StepStatus.FAILED;
        st.attempts = attempt;
        throw new Stop(RunStatus.STOPPED, "cannot tell whether step '" + step.name() + "' took effect before the run"
            + " was interrupted (" + why + "); nothing more ran. Check by hand, then settle it and go on: "
            + interruptions.settleHint(step.name()));
      }
    }
    if (step.effect().mutates()) {
      String trouble = preparations.prepare(registry.ownerOfStep(step.kind()));
      if (trouble != null) {
        return failFinally(key, phaseName, st, trouble, attempt);
      }
    }
    RetryPolicy retry = step.retry();
    Duration timeout = step.timeout().orElse(run.plan().defaultTimeout());
    while (true) {
      at.watch().watch(at.watch().deadlines().fromStep(at.phase(), at.step()));
      StepContext call;
      try {
        call = run.context(step, attempt);
      } catch (RollbackException e) {
        return failFinally(key, phaseName, st, redactor.redact(e.getMessage()), attempt);
      }
      Instant now = history.now();
      history.record(JournalRecords.STEP_STARTED, key, now, History.fields("attempt", attempt, "phase", phaseName,
          "step", step.name()));
      if (st.startedAt == null) {
        st.startedAt = now;
      }
      events.emit(new RunEvent.StepStarted(run.runId(), now, phaseName, step.name(), attempt));
      Attempts.Outcome<StepResult> o = calls.attempt(timeout, () -> handler.apply(call));
      if (o.succeeded() && o.value() != null) {
        finishApplied(key, phaseName, st, Outcomes.normalize(o.value()), attempt);
        return true;
      }
      boolean stuck = o.timedOut() && !o.stopped();
      String error = o.timedOut() ? "timed out after " + Texts.duration(timeout)
          + (o.stopped() ? "" : " and did not stop when interrupted") : calls.describe(o.failure());
      if (attempt < retry.maxAttempts() && !stuck) {
        Duration delay = retry.delayBefore(attempt);
        Instant failedAt = history.now();
        history.record(JournalRecords.STEP_FAILED, key, failedAt, History.fields("attempt", attempt, "error", error,
            "final", false, "retryIn", delay));
        events.emit(new RunEvent.StepRetrying(run.runId(), failedAt, phaseName, step.name(), attempt, delay, error));
        calls.sleep(delay);
        attempt++;
        continue;
      }
      failFinally(key, phaseName, st, error, attempt);
      if (stuck) {
        throw new Stop(RunStatus.STOPPED, "step '" + step.name() + "' did not stop after its timeout of "
            + Texts.duration(timeout) + " and may still be changing things, so the run stops here, without"
            + " compensation");
      }
      return false;
    }
  }

  private void finishApplied(String key, String phaseName, StepState st, StepResult raw, int attempt) {
    StepResult shown = Outcomes.masked(raw, redactor);
    Instant at = history.now();
    history.record(JournalRecords.STEP_APPLIED, key, at, History.fields("attempt", attempt, "result",
        RecordCodec.toData(shown, true)));
    applied(st, raw, shown, attempt, at);
    events.emit(new RunEvent.StepApplied(run.runId(), at, phaseName, st.step.name(), shown.summary()));
  }

  private void applied(StepState st, StepResult raw, StepResult shown, int attempt, Instant at) {
    st.status = StepStatus.APPLIED;
    st.applied = raw;
    st.shown = shown;
    st.attempts = attempt;
    st.finishedAt = at;
    run.bindAll(BoundOutputs.ofStep(st.step, raw));
  }

  private boolean failFinally(String key, String phaseName, StepState st, String error, int attempt) {
    Instant at = history.now();
    history.record(JournalRecords.STEP_FAILED, key, at, History.fields("attempt", attempt, "error", error, "final",
        true));
    failed(st, error, attempt, at);
    events.emit(new RunEvent.StepFailed(run.runId(), at, phaseName, st.step.name(), attempt, error));
    return false;
  }

  private static void skipped(StepState st, String reason, Instant at) {
    st.status = StepStatus.SKIPPED;
    st.skipped = reason;
    st.finishedAt = at;
  }

  private static void failed(StepState st, String error, int attempt, Instant at) {
    st.status = StepStatus.FAILED;
    st.error = error;
    st.attempts = attempt;
    st.finishedAt = at;
  }
}
