package dev.rollback.internal.run;

import dev.rollback.ApprovalPolicy;
import dev.rollback.Check;
import dev.rollback.Effect;
import dev.rollback.NotificationEvent;
import dev.rollback.Phase;
import dev.rollback.Procedure;
import dev.rollback.RecoveryStrategy;
import dev.rollback.RollbackPlan;
import dev.rollback.SeverityLevel;
import dev.rollback.Snapshot;
import dev.rollback.Step;
import dev.rollback.internal.journal.RecordCodec;
import dev.rollback.monitor.Alert;
import dev.rollback.monitor.Monitor;
import dev.rollback.monitor.MonitorReport;
import dev.rollback.report.RollbackReport.AlertReport;
import dev.rollback.report.RollbackReport.CheckReport;
import dev.rollback.report.RollbackReport.DecisionReport;
import dev.rollback.report.RollbackReport.Intervention;
import dev.rollback.report.RollbackReport.InterventionReport;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Settlement;
import dev.rollback.run.event.RunEvent;
import dev.rollback.run.event.RunStage;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.Audit;
import dev.rollback.spi.BoundOutputs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The stages of a run, in order: assess, decide, approve, prepare, execute, verify, communicate, audit, monitor; or,
 * for a recovery, assess, approve the strategy, execute its phases, validate, communicate, audit. Each stage does its
 * work through the run's parts ({@link RunParts}), which replay what the journal shows finished and do and record the
 * rest; {@link RunEngine} starts, resumes and locks the run around it.
 */
final class RunPipeline {

  private static final History.Entry<DecisionReport> DECISION = History.Entry.result(JournalRecords.DECISION,
      DecisionReport.class, null);
  private static final History.Entry<Optional<Audit>> AUDIT = History.Entry.of(JournalRecords.AUDIT,
      r -> Optional.ofNullable(History.result(r)).map(x -> RecordCodec.fromData(Audit.class, x)),
      a -> History.fields("result", a.map(x -> RecordCodec.toData(x, true)).orElse(null)), null);
  private static final History.Entry<AlertReport> ALERT = History.Entry.result(JournalRecords.ALERT,
      AlertReport.class, AlertReport::at);

  private final RunParts p;
  private final RollbackPlan plan;
  private final ReportBuilder report = new ReportBuilder();
  /** What earlier resumes recovered or settled, from the journal. */
  private final List<InterventionReport> replayedInterventions = new ArrayList<>();
  private Procedure procedure;
  private Snapshot snapshot;
  private DeadlineWatch watch;

  /**
   * Prepares the stages of a run.
   *
   * @param parts the run's parts
   * @param resumedAt when the run was resumed before, and now, in order; empty for a fresh run
   */
  RunPipeline(RunParts parts, List<Instant> resumedAt) {
    this.p = parts;
    this.plan = parts.run.plan();
    report.resumedAt.addAll(resumedAt);
    replayInterventions();
  }

  /**
   * Runs the stages to the end and reports.
   *
   * @param resumed whether the run was resumed
   * @return the report, also journaled
   */
  RollbackReport execute(boolean resumed) {
    p.events.emit(new RunEvent.RunStarted(p.run.runId(), p.history.now(), plan.name(), plan.hash(), false, resumed));
    p.run.bindAll(BoundOutputs.builtIns(p.run.runId(), p.run.startedAt(), plan));
    if (p.options.recovery().isPresent()) {
      return recover(plan.recovery(p.options.recovery().get()).orElseThrow());
    }
    return stages(() -> {
      assess();
      decide();
      approve();
      prepare();
      executeProcedure();
      verify();
    }, () -> {
      communicate();
      audit();
      monitor();
    });
  }

  /**
   * Runs the stages that do the work, then those that report it, each group until a stage stops the run, then
   * finishes: a stop while working decides the run's status; a stop while reporting is added to the summary.
   */
  private RollbackReport stages(Runnable work, Runnable reporting) {
    try {
      work.run();
    } catch (Stop stop) {
      report.status = stop.status;
      report.summary = stop.getMessage();
    }
    try {
      reporting.run();
    } catch (Stop stop) {
      report.summary = report.summary + "; " + stop.getMessage() + " while reporting";
    }
    return finish();
  }

  /**
   * Carries out a recovery strategy: assess, approve the strategy by its policy, run its phases, prove it with its
   * recovery validation, send the recovery messages, audit.
   */
  private RollbackReport recover(RecoveryStrategy strategy) {
    return stages(() -> {
      assess();
      stage(RunStage.DECIDE);
      Instant detectedAt = p.options.detectedAt().orElse(p.run.startedAt());
      DecisionReport d = new DecisionReport(Optional.empty(), "recovery", false, Optional.of(strategy.name()),
          "Recovery: " + strategy.kind().name().toLowerCase(Locale.ROOT) + " recovery '" + strategy.name()
          + "'", strategy.approval().map(ApprovalPolicy::describe).orElse("none"), detectedAt, Optional.empty(),
          "recovery strategy '" + strategy.name() + "' was chosen by hand" + strategy.description()
          .map(x -> ": " + x).orElse(""), List.of(), List.of());
      bindDecision(d);
      p.events.emit(new RunEvent.Decided(p.run.runId(), p.history.now(), d.severity(), d.procedure(), d.deadline(),
          d.explanation()));
      report.procedure = strategy.name();
      report.phases(strategy.phases());
      watch = new DeadlineWatch(new Deadlines(plan, strategy.phases(), Optional.empty()), p.history, p.events,
          p.run.runId());
      stage(RunStage.APPROVE);
      List<String> irreversible = new ArrayList<>();
      for (Phase ph : strategy.phases()) {
        for (Step st : ph.steps()) {
          if (st.effect() == Effect.IRREVERSIBLE) {
            irreversible.add("'" + st.name() + "' in phase '" + ph.name() + "'");
          }
        }
      }
      if (strategy.approval().isPresent()) {
        ApprovalPolicy policy = strategy.approval().get();
        approve("approval:recovery", "recovery '" + strategy.name() + "'", policy,
            policy.requiresPeople() ? irreversible : List.of());
      }
      boolean failures = runPhases(strategy.name());
      stage(RunStage.VERIFY);
      List<Check> vs = strategy.validations();
      List<String> failed = evaluateAll("verification", vs, report.verification);
      if (failures) {
        phasesFailed("recovery '" + strategy.name() + "'");
      }
      conclude(failed, "recovery '" + strategy.name() + "'", "recovered with strategy '" + strategy.name() + "'",
          "recovery validation", vs.isEmpty());
    }, () -> {
      if (!resumable()) {
        stage(RunStage.COMMUNICATE);
        p.notifications.send(report.status == RunStatus.SUCCEEDED ? NotificationEvent.RECOVERY_COMPLETED
            : NotificationEvent.RECOVERY_FAILED, this::messageData);
      }
      audit();
    });
  }

  private void stage(RunStage stage) {
    Instant at = p.history.now();
    String name = stage.name();
    p.history.once(null, new History.Entry<>(JournalRecords.STAGE, Replay::at, x -> History.fields("stage", name),
        x -> x, r -> name.equals(r.get("stage"))), () -> at);
    p.events.emit(new RunEvent.StageStarted(p.run.runId(), at, stage));
  }

  private void assess() {
    stage(RunStage.ASSESS);
    List<String> troubles = Assessments.startAdapters(p, p.options.recovery().isPresent());
    if (!troubles.isEmpty()) {
      throw new Stop(RunStatus.STOPPED, troubles.get(0) + "; nothing was changed");
    }
    snapshot = Assessments.snapshot(p.history, p.measurer, p.redactor, plan);
    report.snapshot.clear();
    report.snapshot.addAll(Assessments.reports(snapshot, p.redactor));
  }

  private void decide() {
    stage(RunStage.DECIDE);
    DecisionReport d = p.history.once(null, DECISION, () -> Decisions.decide(plan, p.options, p.baselines,
        p.redactor, snapshot, p.options.detectedAt().orElse(p.run.startedAt())));
    bindDecision(d);
    p.events.emit(new RunEvent.Decided(p.run.runId(), p.history.now(), d.severity(), d.procedure(), d.deadline(),
        d.explanation()));
    if (d.undecided()) {
      throw new Stop(RunStatus.UNDECIDED, d.explanation().lines().findFirst().orElse("undecided")
          + "; nothing was changed");
    }
    if (d.procedure().isEmpty()) {
      throw new Stop(RunStatus.NO_ROLLBACK, d.explanation());
    }
    procedure = plan.procedure(d.procedure().get()).orElseThrow();
    report.procedure = procedure.name();
    report.phases(procedure.phases());
    watch = new DeadlineWatch(new Deadlines(plan, procedure.phases(), d.deadline()), p.history, p.events,
        p.run.runId());
  }

  /** Records the decision in the report, binds {@code decision.*}, and sets the run's deadline. */
  private void bindDecision(DecisionReport d) {
    report.decision = d;
    p.run.bindAll(Decisions.outputs(d));
    p.run.deadline(d.deadline());
  }

  private void approve(String key, String scope, ApprovalPolicy policy, List<String> covers) {
    p.approvals.approve(new Approvals.Ask(key, scope, policy, covers, reason()));
  }

  /** Why the run asks for approvals, for the people asked: the decision's explanation, masked. */
  private String reason() {
    return p.redactor.redact(report.decision.explanation());
  }

  private void approve() {
    stage(RunStage.APPROVE);
    DecisionReport d = report.decision;
    Optional<SeverityLevel> level = d.severity().flatMap(plan::severity);
    List<String> irreversible = new ArrayList<>();
    List<String> uncovered = new ArrayList<>();
    for (Phase ph : procedure.phases()) {
      for (Step st : ph.steps()) {
        if (st.effect() == Effect.IRREVERSIBLE) {
          String what = "'" + st.name() + "' in phase '" + ph.name() + "'";
          irreversible.add(what);
          if (!st.approval().map(ApprovalPolicy::requiresPeople).orElse(false)) {
            uncovered.add(what);
          }
        }
      }
    }
    if (level.isPresent()) {
      ApprovalPolicy policy = level.get().approval();
      watch.watch(watch.deadlines().beforeApproval(policy.timeout()));
      approve("approval:severity", "severity '" + level.get().name() + "'", policy,
          policy.requiresPeople() ? irreversible : List.of());
      if (policy.requiresPeople()) {
        return;
      }
    }
    if (!uncovered.isEmpty()) {
      Optional<ApprovalPolicy> fallback = Decisions.fallbackApproval(plan, procedure);
      if (fallback.isEmpty()) {
        throw new Stop(RunStatus.NOT_APPROVED, "irreversible steps " + String.join(", ", uncovered) + " need an"
            + " approval that asks people, and no severity level of the plan has one; nothing ran");
      }
      watch.watch(watch.deadlines().beforeApproval(fallback.get().timeout()));
      approve("approval:irreversible", "the irreversible steps of procedure '" + procedure.name() + "'",
          fallback.get(), uncovered);
    }
  }

  private void prepare() {
    stage(RunStage.PREPARE);
    watch.watch(watch.deadlines().beforeChecklist());
    List<String> failed = new ArrayList<>();
    List<Check> checks = plan.readinessChecks();
    for (int k = 0; k < checks.size(); k++) {
      CheckReport r = p.evaluations.evaluate("checklist", "checklist:" + (k + 1), checks.get(k));
      report.checklist.add(r);
      if (!r.passed() && !r.skipped()) {
        failed.add("'" + r.name() + "' " + r.status().name().toLowerCase(Locale.ROOT) + ": " + r.summary());
      }
    }
    if (!failed.isEmpty()) {
      throw new Stop(RunStatus.NOT_READY, "the readiness checklist did not pass: " + String.join("; ", failed)
          + "; nothing was changed");
    }
    if (p.options.stopAfterPreparation()) {
      throw new Stop(RunStatus.PREPARED, "stopped after preparation, as asked: the checklist passed and nothing"
          + " was changed");
    }
  }

  private void executeProcedure() {
    stage(RunStage.EXECUTE);
    p.measurer.changing();
    p.notifications.send(NotificationEvent.ROLLBACK_STARTED, this::messageData);
    boolean failures = runPhases0(procedure.name());
    if (failures) {
      phasesFailed("procedure '" + procedure.name() + "'");
    }
  }

  /** The execute stage of a recovery: its phases, then the record that they ended. */
  private boolean runPhases(String name) {
    stage(RunStage.EXECUTE);
    p.measurer.changing();
    return runPhases0(name);
  }

  private boolean runPhases0(String name) {
    boolean failures = p.procedures.execute(report.phases, watch, reason());
    report.rolledBackAt = p.history.once(null, History.Entry.instant(JournalRecords.PROCEDURE_FINISHED,
        "procedure", name), p.history::now);
    return failures;
  }

  private void verify() {
    stage(RunStage.VERIFY);
    List<Check> vs = plan.verifications();
    List<Check> hs = plan.healthChecks();
    List<String> failed = evaluateAll("verification", vs, report.verification);
    failed.addAll(evaluateAll("health", hs, report.health));
    conclude(failed, "procedure '" + procedure.name() + "'", "rolled back with procedure '" + procedure.name() + "'",
        "verification", vs.isEmpty() && hs.isEmpty());
  }

  /** A procedure or recovery whose phases failed under CONTINUE: the run completed with failures, saying which. */
  private void phasesFailed(String subject) {
    report.status = RunStatus.COMPLETED_WITH_FAILURES;
    report.summary = subject + " ran to the end, but phases failed: " + report.phases.stream()
        .filter(x -> x.failure != null).map(x -> "'" + x.phase.name() + "' (" + x.failure + ")")
        .collect(Collectors.joining("; "));
  }

  /**
   * The run's status and summary once its checks were evaluated: succeeded, verification failed, or completed with
   * failures (phases failed before), with what was skipped.
   */
  private void conclude(List<String> failed, String subject, String success, String checks, boolean noChecks) {
    if (report.status == RunStatus.COMPLETED_WITH_FAILURES) {
      if (!failed.isEmpty()) {
        report.summary += "; " + checks + " did not pass: " + String.join(", ", failed);
      }
    } else if (!failed.isEmpty()) {
      report.status = RunStatus.VERIFICATION_FAILED;
      report.summary = subject + " ran to the end, but " + checks + " did not pass: " + String.join(", ", failed);
    } else {
      report.status = RunStatus.SUCCEEDED;
      report.summary = success + (noChecks ? "" : "; " + checks + " passed");
    }
    report.summary += skippedNote();
  }

  /**
   * Evaluates a section's checks in order, or takes them from the journal, into the report.
   *
   * @return the quoted names of those that neither passed nor were skipped
   */
  private List<String> evaluateAll(String section, List<Check> checks, List<CheckReport> into) {
    List<String> failed = new ArrayList<>();
    for (int k = 0; k < checks.size(); k++) {
      CheckReport r = p.evaluations.evaluate(section, section + ":" + (k + 1), checks.get(k));
      into.add(r);
      if (!r.passed() && !r.skipped()) {
        failed.add("'" + r.name() + "'");
      }
    }
    return failed;
  }

  /** What was skipped because adapters were unavailable, for the summary; empty when nothing was. */
  private String skippedNote() {
    Map<String, String> unavailable = p.availability.unavailable();
    if (unavailable.isEmpty()) {
      return "";
    }
    long steps = report.phases.stream().flatMap(x -> x.steps.stream())
        .filter(st -> st.status == RollbackReport.StepStatus.SKIPPED).count();
    long checks = Stream.of(report.checklist, report.verification, report.health)
        .flatMap(List::stream).filter(CheckReport::skipped).count()
        + report.phases.stream().flatMap(x -> x.validations.stream()).filter(CheckReport::skipped).count();
    long signals = report.snapshot.stream().filter(m -> m.summary().startsWith("skipped: ")).count();
    return "; skipped, as asked, because " + String.join(" and ", unavailable.keySet().stream()
        .map(a -> "adapter '" + a + "'").collect(Collectors.toList())) + (unavailable.size() == 1 ? " is"
        : " are") + " unavailable: " + steps + " step" + (steps == 1 ? "" : "s") + ", " + checks + " check"
        + (checks == 1 ? "" : "s") + " and " + signals + " signal" + (signals == 1 ? "" : "s");
  }

  private void communicate() {
    RunStatus st = report.status;
    // A stopped run has not ended: it goes on when resumed, and says how it ended then.
    if (st == RunStatus.PREPARED || st == RunStatus.NO_ROLLBACK || st == RunStatus.UNDECIDED) {
      return;
    }
    if (resumable()) {
      return;
    }
    stage(RunStage.COMMUNICATE);
    p.notifications.send(st == RunStatus.SUCCEEDED ? NotificationEvent.ROLLBACK_COMPLETED
        : NotificationEvent.ROLLBACK_FAILED, this::messageData);
  }

  /**
   * Whether the run stopped where it can be resumed: then its outcome is not final, and no failure is notified
   * (resuming notifies the outcome once there is one). The summary says so.
   */
  private boolean resumable() {
    if (report.status != RunStatus.STOPPED) {
      return false;
    }
    if (!plan.messages().isEmpty()) {
      report.summary += "; no failure was notified, since the run can be resumed";
    }
    return true;
  }

  private void audit() {
    stage(RunStage.AUDIT);
    for (Adapter a : p.cfg.registry().adapters()) {
      if (p.availability.isUnavailable(a.name())) {
        continue;
      }
      p.history.once("audit:" + a.name(), AUDIT, () -> auditNow(a)).ifPresent(report.audits::add);
    }
  }

  private Optional<Audit> auditNow(Adapter a) {
    Attempts.Outcome<Optional<Audit>> o = p.calls.attempt(plan.defaultTimeout(), () -> a.onRunEnd(p.run));
    Optional<Audit> audit;
    if (o.succeeded()) {
      audit = o.value() == null ? Optional.empty() : o.value();
    } else {
      audit = Optional.of(new Audit(a.name(), false, "the audit could not be made: "
          + (o.timedOut() ? "timed out" : p.calls.describe(o.failure())), Map.of()));
    }
    return audit.map(x -> new Audit(x.adapter(), x.passed(), p.redactor.redact(x.summary()),
        p.redactor.redactMap(Outcomes.normalizeMap(x.evidence()))));
  }

  /** Watches the plan's monitoring after a successful rollback, when the options ask for it. */
  private void monitor() {
    if (!p.options.monitor() || plan.monitoring().isEmpty() || report.status != RunStatus.SUCCEEDED) {
      return;
    }
    stage(RunStage.MONITOR);
    for (int i = 1; ; i++) {
      Optional<AlertReport> r = p.history.replayed("alert:" + i, ALERT);
      if (r.isEmpty()) {
        break;
      }
      report.alerts.add(r.get());
    }
    p.history.once(null, History.Entry.fields(JournalRecords.MONITOR_FINISHED, r -> true), () -> {
      MonitorReport watched = Monitor.forPlan(plan).measure(p.measurer::measure).clock(p.cfg.clock())
          .sleeper(p.cfg.sleeper()).baselines(p.baselines).declaredFacts(p.options.declaredFacts())
          .sink(this::alert).build().run();
      return History.fields("intervals", watched.ticks(), "alerts", watched.alerts().size(), "cancelled",
          watched.cancelled());
    });
  }

  private void alert(Alert a) {
    AlertReport r = new AlertReport(a.rule().name(), a.action(), p.redactor.redact(a.evaluation().explanation()),
        a.at());
    report.alerts.add(r);
    p.history.record("alert:" + report.alerts.size(), ALERT, r);
    p.events.emit(new RunEvent.AlertRaised(p.run.runId(), a.at(), r.rule(), r.action(), r.explanation()));
    Map<String, Object> data = new LinkedHashMap<>(messageData());
    data.put("alert", History.fields("rule", r.rule(), "action", r.action(), "explanation", r.explanation(),
        "at", r.at().toString()));
    p.notifications.send(NotificationEvent.ALERT, data, ":" + report.alerts.size());
  }

  private RollbackReport finish() {
    Instant finishedAt = p.history.now();
    Optional<Instant> deadline = report.decision == null ? Optional.empty() : report.decision.deadline();
    Optional<Instant> atRisk = watch == null ? Optional.empty() : watch.deadlines().atRiskAt();
    report.approvals.addAll(p.approvals.reports());
    report.compensation.addAll(p.compensation.reports());
    report.notifications.addAll(p.notifications.reports());
    report.unavailable.putAll(p.availability.unavailable());
    report.interventions.addAll(replayedInterventions);
    report.interventions.addAll(p.interruptions.recovered());
    RollbackReport r = report.build(p.run.runId(), plan.name(), plan.hash(), p.run.startedAt(), finishedAt,
        deadline, atRisk, p.redactor.redactMap(Outcomes.normalizeMap(p.run.outputs())));
    p.history.record(JournalRecords.FINISHED, null, finishedAt, History.fields("status", r.status(), "result",
        RecordCodec.toData(r, true)));
    p.events.emit(new RunEvent.RunFinished(p.run.runId(), finishedAt, r.status(), r.summary()));
    if (p.calls.wasInterrupted()) {
      Thread.currentThread().interrupt();
    }
    return r;
  }

  /** What earlier resumes recovered or settled, from the journal, for the report. */
  @SuppressWarnings("unchecked")
  private void replayInterventions() {
    Redactor redactor = p.redactor;
    for (Map<String, Object> r : p.history.replay().interventions()) {
      String subject = redactor.redact(String.valueOf(r.get("subject")));
      if (JournalRecords.RECOVERED.equals(r.get("type"))) {
        List<String> actions = (List<String>) r.getOrDefault("actions", List.of());
        if (!actions.isEmpty()) {
          replayedInterventions.add(new InterventionReport(Intervention.RECOVERED, subject,
              redactor.redact(String.join("; ", actions)), "adapter '" + r.get("adapter") + "'", Replay.at(r)));
        }
      } else {
        replayedInterventions.add(new InterventionReport(Settlement.Verdict.DONE.name().equals(r.get("verdict"))
            ? Intervention.SETTLED_DONE : Intervention.SETTLED_REDO, subject,
            redactor.redact(String.valueOf(r.get("reason"))), redactor.redact(String.valueOf(r.get("by"))),
            Replay.at(r)));
      }
    }
  }

  /**
   * The reason in one line, for a sentence such as "rolled back due to {{reason}}": the decided severity's
   * description, then what decided it (the explanation's first line).
   */
  private String reason(DecisionReport d) {
    String first = d.explanation().lines().findFirst().orElse("").strip();
    String description = d.severity().flatMap(plan::severity).map(SeverityLevel::description).orElse("");
    return description.isBlank() ? first : description + " (" + first + ")";
  }

  /**
   * What message templates can use, as {@link dev.rollback.MessageTemplate} documents it: the plan's message values
   * with the run's overriding them, every output, then what every run gives (the run, the decision, the measured
   * signals as {@code metrics.<signal>}, the timeline, the steps, the recovery).
   */
  private Map<String, Object> messageData() {
    ReportBuilder b = report;
    Map<String, Object> d = new LinkedHashMap<>(plan.messageValues());
    d.putAll(p.options.messageValues());
    d.putAll(p.run.outputs());
    d.put("runId", p.run.runId());
    d.put("plan", plan.name());
    d.put("planHash", plan.hash());
    d.put("status", b.status.name());
    d.put("summary", b.summary);
    if (b.decision != null) {
      d.put("severity", b.decision.severity().orElse("none"));
      d.put("reason", reason(b.decision));
      d.put("procedure", b.decision.procedure().orElse("none"));
      d.put("emergency", b.decision.emergency());
      d.put("deadline", b.decision.deadline().map(Instant::toString).orElse("none"));
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    b.snapshot.forEach(m -> metrics.put(m.signal(), m.value()));
    metrics.putAll(p.measurer.latest());
    d.put("metrics", metrics);
    Map<String, Object> timeline = new LinkedHashMap<>();
    timeline.put("detected", b.decision == null ? "" : b.decision.detectedAt().toString());
    timeline.put("started", p.run.startedAt().toString());
    timeline.put("completed", b.rolledBackAt == null ? "" : b.rolledBackAt.toString());
    d.put("timeline", timeline);
    List<Object> steps = new ArrayList<>();
    for (ReportBuilder.PhaseState ph : b.phases) {
      for (ReportBuilder.StepState st : ph.steps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase", ph.phase.name());
        m.put("name", st.step.name());
        m.put("status", st.status.name());
        m.put("summary", st.shown != null ? st.shown.summary() : st.error != null ? st.error : "");
        steps.add(m);
      }
    }
    d.put("steps", steps);
    p.options.recovery().ifPresent(r -> d.put("recovery", r));
    return Outcomes.normalizeMap(d);
  }
}
