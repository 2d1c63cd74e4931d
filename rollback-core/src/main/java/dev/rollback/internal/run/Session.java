package dev.rollback.internal.run;

import dev.rollback.ApprovalPolicy;
import dev.rollback.Baselines;
import dev.rollback.Check;
import dev.rollback.RollbackException;
import dev.rollback.RollbackPlan;
import dev.rollback.RollbackReport.ApprovalOutcome;
import dev.rollback.RollbackReport.ApprovalReport;
import dev.rollback.RollbackReport.CheckReport;
import dev.rollback.RollbackReport.DecisionReport;
import dev.rollback.RunEvent;
import dev.rollback.RunOptions;
import dev.rollback.RunStatus;
import dev.rollback.Step;
import dev.rollback.internal.Texts;
import dev.rollback.internal.journal.PlainJson;
import dev.rollback.internal.journal.RecordCodec;
import dev.rollback.spi.ApprovalRequest;
import dev.rollback.spi.BoundOutputs;
import dev.rollback.spi.CheckContext;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.ResolvedParams;
import dev.rollback.spi.StepResult;
import dev.rollback.spi.Vote;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * One run's shared state and the activities every stage uses: journaling, events, evaluating a check, asking for
 * an approval, binding outputs, watching the deadline. Each activity has a key; on resume, an activity the journal
 * shows finished is taken from the journal instead of being done again.
 */
final class Session {

  final Settings cfg;
  final RollbackPlan plan;
  final RunOptions options;
  final RunState run;
  final Replay replay;
  final Events events;
  final Redactor redactor;
  final ReportBuilder report = new ReportBuilder();
  final ParamResolver resolver;
  final Measurer measurer;
  final Baselines baselines;
  final boolean preview;
  Deadlines deadlines;
  boolean interrupted;

  Session(Settings cfg, RollbackPlan plan, RunOptions options, RunState run, Replay replay, Map<String, String> secrets,
      boolean preview) {
    this.cfg = cfg;
    this.plan = plan;
    this.options = options;
    this.run = run;
    this.replay = replay;
    this.redactor = run.redactor();
    this.events = new Events(cfg.listeners(), redactor);
    this.resolver = new ParamResolver(run::output, secrets, preview);
    this.measurer = new Measurer(this);
    this.baselines = Baselines.forWorkspace(cfg.workspace());
    this.preview = preview;
    run.session(this);
  }

  Instant now() {
    return cfg.clock().instant();
  }

  String runId() {
    return run.runId();
  }

  void emit(RunEvent e) {
    events.emit(e);
  }

  void record(String type, String key, Instant at, Map<String, Object> fields) {
    run.journal().append(type, key, at, fields);
  }

  static Map<String, Object> fields(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Runs a handler call on a worker with its timeout; an interrupt of this thread stops the run. */
  <T> Attempts.Outcome<T> attempt(Duration timeout, Callable<T> body) {
    try {
      return Attempts.call(timeout, body);
    } catch (InterruptedException e) {
      interrupted = true;
      throw new Stop(RunStatus.STOPPED, "the run was interrupted");
    }
  }

  void sleep(Duration d) {
    try {
      cfg.sleeper().sleep(d);
    } catch (InterruptedException e) {
      interrupted = true;
      throw new Stop(RunStatus.STOPPED, "the run was interrupted");
    }
  }

  String describe(Throwable t) {
    return t == null ? "no result" : redactor.describe(t);
  }

  /**
   * Starts every adapter ({@code onRunStart}), before anything changes. An adapter the options allow to skip
   * ({@link RunOptions#skipUnavailable()}) that is not registered, though the plan uses it, or whose start fails,
   * is marked unavailable with the reason, journaled, and announced; its parts are skipped from then on. On resume,
   * an adapter the journal shows unavailable stays so.
   *
   * @param recoveries whether the run carries out a recovery strategy, whose kinds count as used
   * @return why each adapter that may not be skipped could not start; empty when every needed adapter started
   */
  List<String> startAdapters(boolean recoveries) {
    List<String> troubles = new java.util.ArrayList<>();
    for (Map<String, Object> r : replay.all(JournalRecords.ADAPTER_UNAVAILABLE)) {
      report.unavailable.put((String) r.get("adapter"), (String) r.get("reason"));
    }
    for (String name : cfg.registry().unregistered(plan, recoveries)) {
      if (options.skipUnavailable().contains(name) && !report.unavailable.containsKey(name)) {
        unavailable(name, "no adapter named '" + name + "' is registered");
      }
    }
    for (dev.rollback.spi.Adapter a : cfg.registry().adapters()) {
      if (report.unavailable.containsKey(a.name())) {
        continue;
      }
      Attempts.Outcome<Boolean> o = attempt(plan.defaultTimeout(), () -> {
        a.onRunStart(run);
        return Boolean.TRUE;
      });
      if (o.succeeded()) {
        continue;
      }
      String why = o.timedOut() ? "its start timed out after " + Texts.duration(plan.defaultTimeout())
          : describe(o.failure());
      if (!options.skipUnavailable().contains(a.name())) {
        troubles.add("adapter '" + a.name() + "' could not start (" + why + ")");
      } else {
        unavailable(a.name(), why);
      }
    }
    return troubles;
  }

  private void unavailable(String adapter, String reason) {
    Instant at = now();
    report.unavailable.put(adapter, reason);
    if (!preview) {
      record(JournalRecords.ADAPTER_UNAVAILABLE, null, at, fields("adapter", adapter, "reason",
          reason));
    }
    emit(new RunEvent.AdapterUnavailable(runId(), at, adapter, reason));
  }

  /**
   * Why a step, check or signal of this kind is skipped: its adapter was marked unavailable.
   *
   * @param kind the kind, such as {@code docker.runComposeService}
   * @return the reason, starting with "skipped", or empty when it runs
   */
  Optional<String> skipped(String kind) {
    String adapter = Registry.namespace(kind);
    String why = report.unavailable.get(adapter);
    return why == null ? Optional.empty() : Optional.of("skipped: adapter '" + adapter + "' is unavailable (" + why
        + ")");
  }

  /** Adds to the report what earlier resumes recovered or settled, from the journal. */
  @SuppressWarnings("unchecked")
  void replayInterventions() {
    for (Map<String, Object> r : replay.interventions()) {
      String subject = redactor.redact(String.valueOf(r.get("subject")));
      if (JournalRecords.RECOVERED.equals(r.get("type"))) {
        List<String> actions = (List<String>) r.getOrDefault("actions", List.of());
        if (!actions.isEmpty()) {
          report.interventions.add(new dev.rollback.RollbackReport.InterventionReport(
              dev.rollback.RollbackReport.Intervention.RECOVERED, subject, redactor.redact(String.join("; ", actions)),
              "adapter '" + r.get("adapter") + "'", Replay.at(r)));
        }
      } else {
        report.interventions.add(new dev.rollback.RollbackReport.InterventionReport(
            dev.rollback.Settlement.Verdict.DONE.name().equals(r.get("verdict"))
            ? dev.rollback.RollbackReport.Intervention.SETTLED_DONE
            : dev.rollback.RollbackReport.Intervention.SETTLED_REDO, subject,
            redactor.redact(String.valueOf(r.get("reason"))), redactor.redact(String.valueOf(r.get("by"))),
            Replay.at(r)));
      }
    }
  }

  /** A step or check result with numbers normalized, so it equals itself after a trip through the journal. */
  static StepResult normalize(StepResult r) {
    return new StepResult(r.summary(), r.value().map(PlainJson::normalize), normalizeMap(r.outputs()),
        normalizeMap(r.evidence()));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> normalizeMap(Map<String, Object> m) {
    return m.isEmpty() ? m : (Map<String, Object>) PlainJson.normalize(m);
  }

  StepResult masked(StepResult r) {
    if (redactor.isEmpty()) {
      return r;
    }
    return new StepResult(redactor.redact(r.summary()), r.value().map(redactor::redactData),
        redactor.redactMap(r.outputs()), redactor.redactMap(r.evidence()));
  }

  /** Binds {@code run.*} and {@code plan.*}, the built-in outputs known from the start. */
  void bindBuiltIns() {
    BoundOutputs.builtIns(runId(), run.startedAt(), plan).forEach(run::bind);
  }

  /** Records the decision in the report, binds {@code decision.*}, and sets the run's deadline. */
  void bindDecision(DecisionReport d) {
    report.decision = d;
    run.bind("decision.severity", d.severity().orElse("none"));
    run.bind("decision.reason", d.explanation());
    run.bind("decision.deadline", d.deadline().map(Instant::toString).orElse("none"));
    run.bind("decision.detectedAt", d.detectedAt().toString());
    run.deadline(d.deadline());
  }

  void bindStep(Step step, StepResult raw) {
    BoundOutputs.ofStep(step, raw).forEach(run::bind);
  }

  /** Warns once when the time left is less than the worst case of the work left. */
  void watchDeadline(Duration work) {
    if (deadlines == null) {
      return;
    }
    Instant at = now();
    deadlines.atRisk(at, work).ifPresent(left -> {
      record(JournalRecords.DEADLINE_AT_RISK, null, at, fields("remaining", left, "worstCase", work));
      emit(new RunEvent.DeadlineAtRisk(runId(), at, deadlines.deadline().get(), left, work));
    });
  }

  /**
   * Evaluates a check, or takes its result from the journal, and binds what it identified.
   *
   * @param section for events: checklist, validation, verification, health
   * @param key the activity's key
   * @param check the check
   * @return the check's report
   */
  CheckReport evaluate(String section, String key, Check check) {
    Optional<Map<String, Object>> rec = replay.last(key, JournalRecords.CHECK);
    CheckReport r;
    Object raw;
    if (rec.isPresent()) {
      r = RecordCodec.fromData(CheckReport.class, result(rec.get()));
      raw = r.value().orElse(null);
    } else {
      CheckResult result = evaluateNow(check);
      raw = result.value().map(PlainJson::normalize).orElse(null);
      Instant at = now();
      r = new CheckReport(check.name(), check.kind(), result.status(), redactor.redact(result.summary()),
          Optional.ofNullable(raw).map(redactor::redactData), redactor.redactMap(normalizeMap(result.evidence())), at);
      record(JournalRecords.CHECK, key, at, fields("section", section, "result", RecordCodec.toData(r, true)));
      emit(new RunEvent.CheckEvaluated(runId(), at, section, check.name(), r.status(), r.summary()));
    }
    if (raw != null) {
      Object v = raw;
      check.output().ifPresent(name -> run.bind(name, v));
    }
    return r;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> result(Map<String, Object> record) {
    return (Map<String, Object>) record.get("result");
  }

  private CheckResult evaluateNow(Check check) {
    Optional<String> skip = skipped(check.kind());
    if (skip.isPresent()) {
      return new CheckResult(CheckResult.Status.SKIPPED, skip.get(), Optional.empty(), Map.of());
    }
    CheckEvaluator evaluator = cfg.registry().check(check.kind());
    Duration timeout = check.timeout().orElse(plan.defaultTimeout());
    ResolvedParams params;
    try {
      params = resolver.resolve("check '" + check.name() + "'", check.params());
    } catch (RollbackException e) {
      return CheckResult.failed(redactor.redact(e.getMessage()));
    }
    CheckContext call = CheckContext.of(run, check, params, timeout);
    Attempts.Outcome<CheckResult> o = attempt(timeout, () -> evaluator.evaluate(call));
    if (o.succeeded() && o.value() != null) {
      return o.value();
    }
    if (o.timedOut()) {
      return CheckResult.failed("timed out after " + Texts.duration(timeout));
    }
    return CheckResult.failed("could not be evaluated: " + describe(o.failure()));
  }

  /**
   * Asks for an approval, or takes its outcome from the journal; team discretion is granted at once and recorded
   * as such.
   *
   * @param key the activity's key
   * @param scope what is to be approved, in words
   * @param policy the policy
   * @param covers the irreversible steps it covers
   * @return the approval's report
   * @throws Stop when the approval is denied or expires
   */
  ApprovalReport approve(String key, String scope, ApprovalPolicy policy, List<String> covers) {
    Optional<Map<String, Object>> rec = replay.last(key, JournalRecords.APPROVAL);
    ApprovalReport r;
    if (rec.isPresent()) {
      r = RecordCodec.fromData(ApprovalReport.class, result(rec.get()));
    } else {
      r = policy.requiresPeople() ? ask(key, scope, policy, covers) : discretion(scope, policy, covers);
      record(JournalRecords.APPROVAL, key, r.decidedAt(), fields("result", RecordCodec.toData(r, true)));
      if (r.granted()) {
        emit(new RunEvent.ApprovalGranted(runId(), r.decidedAt(), scope, r.outcome() == ApprovalOutcome.AUTOMATIC
            ? List.of("team discretion") : r.votes().stream().filter(v -> v.counted() && v.approve())
            .map(v -> v.person() + " via " + v.via()).collect(java.util.stream.Collectors.toList())));
      } else {
        emit(new RunEvent.ApprovalDenied(runId(), r.decidedAt(), scope, r.explanation()));
      }
    }
    report.approvals.add(r);
    if (!r.granted()) {
      throw new Stop(RunStatus.NOT_APPROVED, scope + " was not approved: " + r.explanation() + "; nothing more ran");
    }
    return r;
  }

  private ApprovalReport discretion(String scope, ApprovalPolicy policy, List<String> covers) {
    Instant at = now();
    return new ApprovalReport(scope, policy.describe(), ApprovalOutcome.AUTOMATIC, covers, at, Optional.empty(), at,
        List.of(), "team discretion: granted without asking anyone");
  }

  private ApprovalReport ask(String key, String scope, ApprovalPolicy policy, List<String> covers) {
    Instant at = now();
    Instant expires = at.plus(policy.timeout());
    Optional<Instant> deadline = run.deadline();
    if (deadline.isPresent() && deadline.get().isAfter(at) && deadline.get().isBefore(expires)) {
      expires = deadline.get();
    }
    String reason = report.decision == null ? scope : redactor.redact(report.decision.explanation());
    ApprovalRequest request = new ApprovalRequest(runId(), plan.name(), scope, policy, reason, covers, at, expires);
    record(JournalRecords.APPROVAL_REQUESTED, key, at, fields("scope", scope, "policy", policy.describe(),
        "covers", covers, "expiresAt", expires));
    emit(new RunEvent.ApprovalRequested(runId(), at, request));
    List<Vote> votes = List.of();
    String trouble = null;
    if (cfg.approver().isEmpty()) {
      trouble = "no approver is configured; register one with RollbackExecutor.builder().approver(...)";
    } else {
      try {
        List<Vote> v = cfg.approver().get().requestApproval(request);
        votes = v == null ? List.of() : v;
      } catch (InterruptedException e) {
        interrupted = true;
        throw new Stop(RunStatus.STOPPED, "the run was interrupted while waiting for approval");
      } catch (dev.rollback.internal.ConsoleApprover.EndOfInputException e) {
        trouble = e.getMessage();
      } catch (Exception e) {
        trouble = "the approver failed: " + describe(e);
      }
    }
    ApprovalRules.Verdict v = ApprovalRules.evaluate(policy, votes, expires);
    String explanation = redactor.redact(trouble != null && v.outcome() == ApprovalOutcome.EXPIRED ? trouble
        : v.explanation());
    List<dev.rollback.RollbackReport.VoteReport> shown = v.votes().stream()
        .map(x -> new dev.rollback.RollbackReport.VoteReport(x.person(), x.roles(), x.approve(), x.at(), x.via(),
            x.comment().map(redactor::redact), x.counted(), x.note()))
        .collect(java.util.stream.Collectors.toList());
    return new ApprovalReport(scope, policy.describe(), v.outcome(), covers, at, Optional.of(expires), now(), shown,
        explanation);
  }
}
