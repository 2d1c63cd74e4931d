package dev.rollback.internal.run;

import dev.rollback.ApprovalPolicy;
import dev.rollback.Check;
import dev.rollback.Effect;
import dev.rollback.FailurePolicy;
import dev.rollback.Phase;
import dev.rollback.RetryPolicy;
import dev.rollback.RollbackException;
import dev.rollback.RollbackReport.CheckReport;
import dev.rollback.RollbackReport.CompensationReport;
import dev.rollback.RollbackReport.CompensationStatus;
import dev.rollback.RollbackReport.PhaseStatus;
import dev.rollback.RollbackReport.StepStatus;
import dev.rollback.RunEvent;
import dev.rollback.RunStatus;
import dev.rollback.Step;
import dev.rollback.internal.Texts;
import dev.rollback.internal.journal.RecordCodec;
import dev.rollback.internal.run.ReportBuilder.PhaseState;
import dev.rollback.internal.run.ReportBuilder.StepState;
import dev.rollback.RollbackReport.Intervention;
import dev.rollback.RollbackReport.InterventionReport;
import dev.rollback.Settlement;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.CheckContext;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.Interruption;
import dev.rollback.spi.Probe;
import dev.rollback.spi.Recovery;
import dev.rollback.spi.ResolvedParams;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Executes a procedure phase by phase: each step with its own approval, the adapter's backup before its first
 * change, its attempts, timeouts and retries; the validations that gate each phase; the failure policy; and
 * compensation in reverse order. Every step is announced in the journal, and synced, before it runs.
 */
final class Procedures {

  private final Session s;

  Procedures(Session s) {
    this.s = s;
  }

  /**
   * Runs the phases.
   *
   * @return whether a phase failed under {@link FailurePolicy#CONTINUE}
   * @throws Stop when a phase fails under halt or compensate, a step's approval is refused, or a step cannot be
   *     stopped or its outcome told
   */
  boolean execute() {
    boolean failures = false;
    List<PhaseState> phases = s.report.phases;
    for (int pi = 0; pi < phases.size(); pi++) {
      PhaseState ps = phases.get(pi);
      try {
        runPhase(pi, ps);
      } catch (Stop stop) {
        ps.status = PhaseStatus.FAILED;
        ps.failure = stop.getMessage();
        ps.finishedAt = s.now();
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
        boolean undone = compensate(pi);
        throw new Stop(undone ? RunStatus.COMPENSATED : RunStatus.COMPENSATION_FAILED, what + (undone
            ? "; the applied reversible steps were undone" : "; an undo failed, see the compensation section"));
      }
      failures = true;
    }
    return failures;
  }

  private void runPhase(int pi, PhaseState ps) {
    String key = "phase:" + (pi + 1);
    int count = s.report.phases.size();
    Optional<Map<String, Object>> started = s.replay.first(key, JournalRecords.PHASE_STARTED);
    if (started.isPresent()) {
      ps.startedAt = Replay.at(started.get());
    } else {
      ps.startedAt = s.now();
      s.record(JournalRecords.PHASE_STARTED, key, ps.startedAt, Session.fields("phase", ps.phase.name()));
    }
    Optional<Map<String, Object>> finished = s.replay.last(key, JournalRecords.PHASE_FINISHED);
    if (finished.isEmpty()) {
      s.emit(new RunEvent.PhaseStarted(s.runId(), ps.startedAt, ps.phase.name(), pi + 1, count));
    }
    String failure = null;
    for (int si = 0; si < ps.steps.size(); si++) {
      StepState st = ps.steps.get(si);
      if (!runStep(pi, si, st)) {
        failure = "step '" + st.step.name() + "' failed: " + st.error;
        break;
      }
    }
    if (failure == null) {
      List<Check> vs = ps.phase.validations();
      for (int k = 0; k < vs.size(); k++) {
        s.watchDeadline(s.deadlines.fromValidation(pi, k));
        CheckReport r = s.evaluate("validation", "validation:" + (pi + 1) + "." + (k + 1), vs.get(k));
        ps.validations.add(r);
        if (!r.passed() && !r.skipped() && failure == null) {
          failure = "validation '" + r.name() + "' " + r.status().name().toLowerCase(java.util.Locale.ROOT) + ": "
              + r.summary();
        }
      }
    }
    ps.status = failure == null ? PhaseStatus.PASSED : PhaseStatus.FAILED;
    ps.failure = failure;
    if (finished.isPresent()) {
      ps.finishedAt = Replay.at(finished.get());
    } else {
      ps.finishedAt = s.now();
      s.record(JournalRecords.PHASE_FINISHED, key, ps.finishedAt, Session.fields("passed", failure == null,
          "failure", failure));
      s.emit(new RunEvent.PhaseFinished(s.runId(), ps.finishedAt, ps.phase.name(), failure == null,
          Optional.ofNullable(failure)));
    }
  }

  /** Runs one step to its end; returns whether it was applied. */
  private boolean runStep(int pi, int si, StepState st) {
    Step step = st.step;
    String key = "step:" + (pi + 1) + "." + (si + 1);
    String phaseName = s.report.phases.get(pi).phase.name();
    List<Map<String, Object>> recs = s.replay.records(key);
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
        StepResult r = RecordCodec.fromData(StepResult.class, Session.result(last));
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
    Optional<String> skip = s.skipped(step.kind());
    if (skip.isPresent() && !interrupted) {
      Instant at = s.now();
      s.record(JournalRecords.STEP_SKIPPED, key, at, Session.fields("phase", phaseName, "step", step.name(),
          "reason", skip.get()));
      skipped(st, skip.get(), at);
      s.emit(new RunEvent.StepSkipped(s.runId(), at, phaseName, step.name(), skip.get()));
      return true;
    }
    if (step.approval().isPresent()) {
      ApprovalPolicy policy = step.approval().get();
      s.approve("approval:step:" + (pi + 1) + "." + (si + 1), "step '" + step.name() + "'", policy,
          step.effect() == Effect.IRREVERSIBLE && policy.requiresPeople() ? List.of(step.describe()) : List.of());
    }
    StepHandler handler = s.cfg.registry().step(step.kind());
    Duration timeout = step.timeout().orElse(s.plan.defaultTimeout());
    String owner = "step '" + step.name() + "'";
    if (interrupted) {
      String subject = "step '" + step.name() + "' in phase '" + phaseName + "'";
      recover(key, Interruption.Work.STEP, step, attempt, timeout, subject, st);
      Optional<Map<String, Object>> settled = settlement(recs, JournalRecords.STEP_STARTED);
      Probe p;
      if (settled.isPresent()) {
        boolean done = Settlement.Verdict.DONE.name().equals(settled.get().get("verdict"));
        p = done ? Probe.applied(StepResult.of(s.redactor.redact("settled as done by " + settled.get().get("by")
            + ": " + settled.get().get("reason")))) : Probe.notApplied();
      } else {
        p = probe(handler, step, attempt, timeout, owner);
        s.record(JournalRecords.STEP_PROBED, key, s.now(), Session.fields("attempt", attempt, "state", p.state(),
            "reason", p.reason().orElse(null)));
      }
      if (p.state() == Probe.State.APPLIED) {
        StepResult raw = Session.normalize(p.result().orElse(StepResult.of("applied before the interruption")));
        finishApplied(key, phaseName, st, raw, attempt);
        return true;
      }
      if (p.state() == Probe.State.UNKNOWN) {
        String why = s.redactor.redact(p.reason().orElse("the adapter cannot tell"));
        st.error = "its outcome is unknown after the interruption: " + why;
        st.status = StepStatus.FAILED;
        st.attempts = attempt;
        throw new Stop(RunStatus.STOPPED, "cannot tell whether step '" + step.name() + "' took effect before the run"
            + " was interrupted (" + why + "); nothing more ran. Check by hand, then settle it and go on: "
            + settleHint(step.name()));
      }
    }
    if (step.effect().mutates()) {
      String trouble = prepareAdapter(s.cfg.registry().ownerOfStep(step.kind()));
      if (trouble != null) {
        return failFinally(key, phaseName, st, trouble, attempt);
      }
    }
    RetryPolicy retry = step.retry();
    while (true) {
      s.watchDeadline(s.deadlines.fromStep(pi, si));
      ResolvedParams params;
      try {
        params = s.resolver.resolve(owner, step.params());
      } catch (RollbackException e) {
        return failFinally(key, phaseName, st, s.redactor.redact(e.getMessage()), attempt);
      }
      Instant at = s.now();
      s.record(JournalRecords.STEP_STARTED, key, at, Session.fields("attempt", attempt, "phase", phaseName, "step",
          step.name()));
      if (st.startedAt == null) {
        st.startedAt = at;
      }
      s.emit(new RunEvent.StepStarted(s.runId(), at, phaseName, step.name(), attempt));
      StepContext call = StepContext.of(s.run, step, params, attempt, timeout);
      Attempts.Outcome<StepResult> o = s.attempt(timeout, () -> handler.apply(call));
      if (o.succeeded() && o.value() != null) {
        finishApplied(key, phaseName, st, Session.normalize(o.value()), attempt);
        return true;
      }
      boolean stuck = o.timedOut() && !o.stopped();
      String error = o.timedOut() ? "timed out after " + Texts.duration(timeout)
          + (o.stopped() ? "" : " and did not stop when interrupted") : s.describe(o.failure());
      if (attempt < retry.maxAttempts() && !stuck) {
        Duration delay = retry.delayBefore(attempt);
        Instant now = s.now();
        s.record(JournalRecords.STEP_FAILED, key, now, Session.fields("attempt", attempt, "error", error, "final",
            false, "retryIn", delay));
        s.emit(new RunEvent.StepRetrying(s.runId(), now, phaseName, step.name(), attempt, delay, error));
        s.sleep(delay);
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

  /** How an operator settles a step: the launcher's options and the library's call. */
  private String settleHint(String step) {
    String quoted = "'" + step.replace("'", "'\\''") + "'";
    return "rollback resume " + s.runId() + " --step " + quoted + " --done \"<what you checked>\" if it took"
        + " effect, or --redo if it did not (in Java: executor.resume(plan, runId, Settlement.done(...) or"
        + " Settlement.redo(...)))";
  }

  /**
   * The operator's settlement of an activity's last cut-off attempt: the last {@code settled} record, when no
   * attempt started after it.
   */
  private static Optional<Map<String, Object>> settlement(List<Map<String, Object>> recs, String startType) {
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
   * Lets the adapter that owned a cut-off activity recover what it left half-done, before the activity is probed or
   * done again; journals and reports what it did, and stops the run when something blocks it.
   *
   * @param st the step's state, marked failed when the run stops; null for an undo
   */
  private void recover(String key, Interruption.Work work, Step step, int attempt, Duration timeout,
      String subject, StepState st) {
    Adapter adapter = s.cfg.registry().ownerOfStep(step.kind());
    if (adapter == null) {
      return;
    }
    Optional<StepContext> call;
    try {
      call = Optional.of(StepContext.of(s.run, step, s.resolver.resolve("step '" + step.name() + "'", step.params()),
          attempt, timeout));
    } catch (RollbackException e) {
      call = Optional.empty();
    }
    if (call.isEmpty()) {
      return;
    }
    Map.Entry<Long, Instant> by = s.replay.startedBy(s.replay.records(key));
    recover(key, adapter, new Interruption(work, call, by.getKey(), by.getValue()), attempt, subject, st);
  }

  private void recover(String key, Adapter adapter, Interruption cut, int attempt, String subject, StepState st) {
    Attempts.Outcome<Recovery> o = s.attempt(s.plan.defaultTimeout(), () -> adapter.recover(s.run, cut));
    Recovery r;
    if (o.succeeded() && o.value() != null) {
      r = o.value();
    } else {
      r = Recovery.blocked("adapter '" + adapter.name() + "' could not look at what " + cut.describe() + " left"
          + " behind (" + (o.timedOut() ? "timed out after " + Texts.duration(s.plan.defaultTimeout())
          : s.describe(o.failure())) + ")");
    }
    if (r.actions().isEmpty() && r.canGoOn()) {
      return;
    }
    Instant at = s.now();
    List<String> actions = r.actions().stream().map(s.redactor::redact).collect(Collectors.toList());
    s.record(JournalRecords.RECOVERED, key, at, Session.fields("attempt", attempt, "adapter", adapter.name(),
        "work", cut.work(), "subject", subject, "actions", actions, "blocked",
        r.blocked().map(s.redactor::redact).orElse(null)));
    if (!actions.isEmpty()) {
      String what = String.join("; ", actions);
      s.report.interventions.add(new InterventionReport(Intervention.RECOVERED, subject, what,
          "adapter '" + adapter.name() + "'", at));
      s.emit(new RunEvent.Intervened(s.runId(), at, Intervention.RECOVERED, subject, what,
          "adapter '" + adapter.name() + "'"));
    }
    if (!r.canGoOn()) {
      String why = s.redactor.redact(r.blocked().get());
      if (st != null) {
        st.error = "what the interruption left behind blocks it: " + why;
        st.status = StepStatus.FAILED;
        st.attempts = attempt;
      }
      throw new Stop(RunStatus.STOPPED, "the run was interrupted during " + subject + ", and what that left behind"
          + " cannot be cleared safely: " + why + "; nothing more ran. Once it is dealt with, resume the run: rollback"
          + " resume " + s.runId());
    }
  }

  private Probe probe(StepHandler handler, Step step, int attempt, Duration timeout, String owner) {
    if (step.appliedWhen().isPresent()) {
      return probeWith(step.appliedWhen().get());
    }
    ResolvedParams params;
    try {
      params = s.resolver.resolve(owner, step.params());
    } catch (RollbackException e) {
      return Probe.unknown(e.getMessage());
    }
    StepContext call = StepContext.of(s.run, step, params, attempt, timeout);
    Attempts.Outcome<Probe> o = s.attempt(timeout, () -> handler.isApplied(call));
    if (o.succeeded() && o.value() != null) {
      return o.value();
    }
    return Probe.unknown(o.timedOut() ? "the probe timed out after " + Texts.duration(timeout)
        : "the probe failed: " + s.describe(o.failure()));
  }

  /**
   * Evaluates a step's idempotency probe: passed, the step took effect; failed, it did not; anything else (unknown,
   * skipped, an error, a timeout), nobody can tell.
   */
  private Probe probeWith(Check check) {
    String which = "its idempotency probe, check '" + check.name() + "', ";
    Optional<String> skip = s.skipped(check.kind());
    if (skip.isPresent()) {
      return Probe.unknown(which + "was " + skip.get());
    }
    CheckEvaluator evaluator = s.cfg.registry().check(check.kind());
    Duration timeout = check.timeout().orElse(s.plan.defaultTimeout());
    ResolvedParams params;
    try {
      params = s.resolver.resolve("check '" + check.name() + "'", check.params());
    } catch (RollbackException e) {
      return Probe.unknown(which + "could not be evaluated: " + e.getMessage());
    }
    CheckContext call = CheckContext.of(s.run, check, params, timeout);
    Attempts.Outcome<CheckResult> o = s.attempt(timeout, () -> evaluator.evaluate(call));
    if (!o.succeeded() || o.value() == null) {
      return Probe.unknown(which + (o.timedOut() ? "timed out after " + Texts.duration(timeout)
          : "could not be evaluated: " + s.describe(o.failure())));
    }
    CheckResult r = o.value();
    if (r.status() == CheckResult.Status.PASSED) {
      return Probe.applied(StepResult.of("applied before the interruption: check '" + check.name() + "' passed ("
          + r.summary() + ")"));
    }
    if (r.status() == CheckResult.Status.FAILED) {
      return Probe.notApplied();
    }
    return Probe.unknown(which + "could not tell: " + r.summary());
  }

  /** Calls the adapter's hook before its first change, once per run; returns why it failed, or null. */
  private String prepareAdapter(Adapter adapter) {
    String key = "prepare:" + adapter.name();
    if (prepared.contains(adapter.name())) {
      return null;
    }
    List<Map<String, Object>> recs = s.replay.records(key);
    String subject = "adapter '" + adapter.name() + "' preparing its first change";
    if (s.replay.last(key, JournalRecords.ADAPTER_PREPARED).isPresent()) {
      prepared.add(adapter.name());
      return null;
    }
    if (!recs.isEmpty()) {
      // Cut off while preparing: let the adapter clear what its preparation left half-done first.
      Map.Entry<Long, Instant> by = s.replay.startedBy(recs);
      recover(key, adapter, new Interruption(Interruption.Work.PREPARATION, Optional.empty(), by.getKey(),
          by.getValue()), 1, subject, null);
    }
    s.record(JournalRecords.ADAPTER_PREPARING, key, s.now(), Session.fields("adapter", adapter.name()));
    Attempts.Outcome<Object> o = s.attempt(s.plan.defaultTimeout(), () -> {
      adapter.beforeFirstMutation(s.run);
      return Boolean.TRUE;
    });
    if (!o.succeeded()) {
      return "adapter '" + adapter.name() + "' could not prepare for its first change (" + (o.timedOut()
          ? "timed out" : s.describe(o.failure())) + "), so the step did not run";
    }
    s.record(JournalRecords.ADAPTER_PREPARED, key, s.now(), Session.fields("adapter", adapter.name()));
    prepared.add(adapter.name());
    return null;
  }

  private final java.util.Set<String> prepared = new java.util.HashSet<>();

  private void finishApplied(String key, String phaseName, StepState st, StepResult raw, int attempt) {
    StepResult shown = s.masked(raw);
    Instant at = s.now();
    s.record(JournalRecords.STEP_APPLIED, key, at, Session.fields("attempt", attempt, "result",
        RecordCodec.toData(shown, true)));
    applied(st, raw, shown, attempt, at);
    s.emit(new RunEvent.StepApplied(s.runId(), at, phaseName, st.step.name(), shown.summary()));
  }

  private void applied(StepState st, StepResult raw, StepResult shown, int attempt, Instant at) {
    st.status = StepStatus.APPLIED;
    st.applied = raw;
    st.shown = shown;
    st.attempts = attempt;
    st.finishedAt = at;
    s.bindStep(st.step, raw);
  }

  private boolean failFinally(String key, String phaseName, StepState st, String error, int attempt) {
    Instant at = s.now();
    s.record(JournalRecords.STEP_FAILED, key, at, Session.fields("attempt", attempt, "error", error, "final",
        true));
    failed(st, error, attempt, at);
    s.emit(new RunEvent.StepFailed(s.runId(), at, phaseName, st.step.name(), attempt, error));
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

  /**
   * Undoes the applied reversible steps of the failed phase, then of the earlier phases, each in reverse order.
   * After a failed undo nothing more is undone, since what came earlier may be needed by what could not be undone.
   *
   * @param failedPhase the index of the phase that failed
   * @return whether every undo attempted succeeded
   */
  private boolean compensate(int failedPhase) {
    boolean failedBefore = false;
    for (int pi = failedPhase; pi >= 0; pi--) {
      PhaseState ps = s.report.phases.get(pi);
      for (int si = ps.steps.size() - 1; si >= 0; si--) {
        StepState st = ps.steps.get(si);
        if (st.status != StepStatus.APPLIED || st.step.effect() == Effect.READ_ONLY) {
          continue;
        }
        CompensationReport c = undo(pi, si, ps.phase, st, failedBefore);
        s.report.compensation.add(c);
        if (c.status() == CompensationStatus.UNDONE) {
          st.status = StepStatus.COMPENSATED;
        } else if (c.status() == CompensationStatus.FAILED) {
          failedBefore = true;
        }
      }
    }
    return !failedBefore;
  }

  private CompensationReport undo(int pi, int si, Phase phase, StepState st, boolean failedBefore) {
    Step step = st.step;
    String key = "undo:" + (pi + 1) + "." + (si + 1);
    Optional<Map<String, Object>> done = s.replay.last(key, JournalRecords.UNDO_FINISHED);
    String subject = "the undo of step '" + step.name() + "' in phase '" + phase.name() + "'";
    if (done.isPresent()) {
      return RecordCodec.fromData(CompensationReport.class, Session.result(done.get()));
    }
    if (step.effect() == Effect.IRREVERSIBLE) {
      return new CompensationReport(phase.name(), step.name(), CompensationStatus.NOT_POSSIBLE,
          "irreversible: it cannot be undone", s.now());
    }
    StepHandler handler = s.cfg.registry().step(step.kind());
    Duration timeout = step.timeout().orElse(s.plan.defaultTimeout());
    ResolvedParams params;
    try {
      params = s.resolver.resolve("step '" + step.name() + "'", step.params());
    } catch (RollbackException e) {
      return new CompensationReport(phase.name(), step.name(), CompensationStatus.NOT_POSSIBLE,
          s.redactor.redact(e.getMessage()), s.now());
    }
    StepContext call = StepContext.of(s.run, step, params, st.attempts, timeout);
    if (!handler.canCompensate(call)) {
      return new CompensationReport(phase.name(), step.name(), CompensationStatus.NOT_POSSIBLE,
          "the " + s.cfg.registry().ownerOfStep(step.kind()).name() + " adapter cannot undo " + step.kind()
          + " steps", s.now());
    }
    if (failedBefore) {
      return new CompensationReport(phase.name(), step.name(), CompensationStatus.SKIPPED,
          "not attempted, because an earlier undo failed", s.now());
    }
    if (s.replay.first(key, JournalRecords.UNDO_STARTED).isPresent()) {
      List<Map<String, Object>> recs = s.replay.records(key);
      recover(key, Interruption.Work.UNDO, step, st.attempts, timeout, subject, null);
      Optional<Map<String, Object>> settled = settlement(recs, JournalRecords.UNDO_STARTED);
      Probe p;
      if (settled.isPresent()) {
        p = Settlement.Verdict.DONE.name().equals(settled.get().get("verdict")) ? Probe.notApplied()
            : Probe.applied(StepResult.of("to be undone again"));
        if (p.state() == Probe.State.NOT_APPLIED) {
          return finishUndo(key, phase, step, CompensationStatus.UNDONE, s.redactor.redact("settled as undone by "
              + settled.get().get("by") + ": " + settled.get().get("reason")));
        }
      } else {
        p = probe(handler, step, st.attempts, timeout, "step '" + step.name() + "'");
        if (p.state() == Probe.State.NOT_APPLIED) {
          return finishUndo(key, phase, step, CompensationStatus.UNDONE, "undone before the interruption");
        }
      }
      if (p.state() == Probe.State.UNKNOWN) {
        throw new Stop(RunStatus.STOPPED, "cannot tell whether the undo of step '" + step.name() + "' took effect"
            + " before the run was interrupted (" + s.redactor.redact(p.reason().orElse("?")) + "); nothing more"
            + " ran. Check by hand, then settle it and go on: " + settleHint(step.name()) + " (done: the undo took"
            + " effect; redo: undo it again)");
      }
    }
    s.record(JournalRecords.UNDO_STARTED, key, s.now(), Session.fields("phase", phase.name(), "step",
        step.name()));
    StepResult applied = st.applied;
    Attempts.Outcome<StepResult> o = s.attempt(timeout, () -> handler.compensate(call, applied));
    if (o.succeeded() && o.value() != null) {
      return finishUndo(key, phase, step, CompensationStatus.UNDONE,
          s.redactor.redact(o.value().summary()));
    }
    String error = o.timedOut() ? "timed out after " + Texts.duration(timeout) : s.describe(o.failure());
    return finishUndo(key, phase, step, CompensationStatus.FAILED, error);
  }

  private CompensationReport finishUndo(String key, Phase phase, Step step, CompensationStatus status,
      String summary) {
    Instant at = s.now();
    CompensationReport c = new CompensationReport(phase.name(), step.name(), status, summary, at);
    s.record(JournalRecords.UNDO_FINISHED, key, at, Session.fields("result", RecordCodec.toData(c, true)));
    s.emit(new RunEvent.StepCompensated(s.runId(), at, phase.name(), step.name(),
        status == CompensationStatus.UNDONE, summary));
    return c;
  }
}
