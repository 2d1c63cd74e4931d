package dev.rollback.internal.run;

import dev.rollback.ApprovalPolicy;
import dev.rollback.Alert;
import dev.rollback.Check;
import dev.rollback.Effect;
import dev.rollback.Journal;
import dev.rollback.JournalException;
import dev.rollback.Monitor;
import dev.rollback.MonitorReport;
import dev.rollback.NotificationEvent;
import dev.rollback.Phase;
import dev.rollback.Procedure;
import dev.rollback.RecoveryStrategy;
import dev.rollback.RollbackException;
import dev.rollback.RollbackPlan;
import dev.rollback.RollbackReport;
import dev.rollback.RollbackReport.AlertReport;
import dev.rollback.RollbackReport.CheckReport;
import dev.rollback.RollbackReport.DecisionReport;
import dev.rollback.RunEvent;
import dev.rollback.RunLockedException;
import dev.rollback.RunOptions;
import dev.rollback.RunStage;
import dev.rollback.RunStatus;
import dev.rollback.Settlement;
import dev.rollback.SeverityLevel;
import dev.rollback.Snapshot;
import dev.rollback.Step;
import dev.rollback.internal.journal.JournalStore;
import dev.rollback.internal.journal.JournalText;
import dev.rollback.internal.journal.RecordCodec;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.Audit;
import dev.rollback.spi.Notifier;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Runs a plan: refuses it before anything runs when it is invalid, takes the lock for the plan on the target,
 * starts the journal, then assess, decide, approve, prepare, execute, verify, communicate, audit; and resumes an
 * interrupted run from its journal, taking what finished from the journal and going on from there.
 */
public final class RunEngine {

  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);

  private final Session s;
  private final Procedures procedures;
  private final Notifications notifications;
  private Procedure procedure;
  private Snapshot snapshot;

  private RunEngine(Session s) {
    this.s = s;
    this.procedures = new Procedures(s);
    this.notifications = new Notifications(s);
  }

  /**
   * Runs a plan.
   *
   * @param cfg the executor's settings
   * @param plan the plan
   * @param options the options
   * @return the report
   * @throws dev.rollback.PlanInvalidException when the plan has problems; nothing ran
   * @throws RunLockedException when another run of the plan holds the target
   * @throws JournalException when the journal cannot be written
   * @throws RollbackException when the options, adapters or secrets do not fit the plan; nothing ran
   */
  public static RollbackReport run(Settings cfg, RollbackPlan plan, RunOptions options) {
    Redactor redactor = cfg.newRedactor();
    try {
      refuse(cfg, plan, options);
      Map<String, String> secrets = secrets(cfg, plan, redactor, false);
      refuseSetup(cfg, plan);
      Instant startedAt = cfg.clock().instant();
      String runId = options.runId().orElseGet(() -> ID_TIME.format(startedAt) + "-"
          + String.format("%08x", ThreadLocalRandom.current().nextInt()));
      return underLock(cfg, plan, runId, startedAt, () -> {
        JournalStore.JournalFile file;
        try {
          file = cfg.journal().create(runId);
        } catch (FileAlreadyExistsException e) {
          throw new RollbackException("run " + runId + " already has a journal in the " + cfg.journal().describe()
              + "; resume it, or choose another run id");
        }
        try (RunJournal journal = RunJournal.of(file, redactor, "journal of run " + runId + " in the "
            + cfg.journal().describe())) {
          RunState run = new RunState(runId, plan, cfg.clock(), cfg.sleeper(), false, cfg.workspace(), startedAt, redactor,
              journal);
          Map<String, Object> header = JournalRecords.header(runId, plan.name(), plan.hash(), options, startedAt,
              cfg.workspace().toString());
          header.put("process", JournalRecords.process());
          journal.append(JournalRecords.RUN, null, startedAt, header);
          return new RunEngine(new Session(cfg, plan, options, run, Replay.empty(), secrets, false)).execute(false);
        }
      });
    } catch (IOException e) {
      throw redactor.scrub(new JournalException("the " + cfg.journal().describe() + " cannot be used: "
          + e.getMessage(), e));
    } catch (RuntimeException e) {
      throw redactor.scrub(e);
    }
  }

  /**
   * Resumes an interrupted run.
   *
   * @param cfg the executor's settings
   * @param plan the plan the run was started with
   * @param runId the run
   * @param settlement the operator's verdict on the step the interruption cut off, when given
   * @return the report of the whole run; for a run that had finished, its report as it was
   * @throws JournalException when there is no journal for the run, it cannot be read, or it was written for
   *     another plan or workspace
   * @throws RollbackException when the settlement names a step that is not waiting for one
   */
  public static RollbackReport resume(Settings cfg, RollbackPlan plan, String runId, Optional<Settlement> settlement) {
    Redactor redactor = cfg.newRedactor();
    try {
      String where = "journal of run " + runId + " in the " + cfg.journal().describe();
      Optional<RollbackReport> done = finished(read(cfg, plan, runId, where));
      if (done.isPresent()) {
        settlement.ifPresent(x -> refuseSettlement(runId, done.get(), x));
        return done.get();
      }
      return underLock(cfg, plan, runId, cfg.clock().instant(), () -> {
        // Read again under the lock: another process may have gone on with the run since.
        JournalText text = read(cfg, plan, runId, where);
        Optional<RollbackReport> meanwhile = finished(text);
        if (meanwhile.isPresent()) {
          settlement.ifPresent(x -> refuseSettlement(runId, meanwhile.get(), x));
          return meanwhile.get();
        }
        Journal.Header h = JournalRecords.header(text.records().get(0));
        List<Map<String, Object>> records = new ArrayList<>(text.records());
        Optional<Map<String, Object>> settled = settlement.map(x -> Settlements.record(plan, runId, records, x,
            cfg.clock().instant()));
        refuse(cfg, plan, h.options());
        Map<String, String> secrets = secrets(cfg, plan, redactor, false);
        refuseSetup(cfg, plan);
        try (RunJournal journal = RunJournal.of(cfg.journal().reopen(runId, text.validLength()), redactor, where)) {
          RunState run = new RunState(runId, plan, cfg.clock(), cfg.sleeper(), false, cfg.workspace(), h.startedAt(), redactor,
              journal);
          Instant now = cfg.clock().instant();
          journal.append(JournalRecords.RESUMED, null, now, Session.fields("tornLineDropped", text.torn(),
              "process", JournalRecords.process()));
          if (settled.isPresent()) {
            Map<String, Object> r = settled.get();
            Map<String, Object> fields = new LinkedHashMap<>(r);
            fields.keySet().removeAll(List.of("type", "key", "at"));
            journal.append((String) r.get("type"), (String) r.get("key"), Replay.at(r), fields);
            records.add(r);
          }
          // Without this resume's own record, so that it knows which earlier process was cut off.
          Replay replay = Replay.of(records);
          run.restore(replay.remembered());
          Session session = new Session(cfg, plan, h.options(), run, replay, secrets, false);
          session.report.resumedAt.addAll(replay.resumedAt());
          session.report.resumedAt.add(now);
          session.replayInterventions();
          settled.ifPresent(r -> session.emit(new RunEvent.Intervened(runId, now, Settlement.Verdict.DONE.name()
              .equals(r.get("verdict")) ? RollbackReport.Intervention.SETTLED_DONE
              : RollbackReport.Intervention.SETTLED_REDO, (String) r.get("subject"),
              redactor.redact((String) r.get("reason")), redactor.redact((String) r.get("by")))));
          return new RunEngine(session).execute(true);
        }
      });
    } catch (IOException e) {
      throw redactor.scrub(new JournalException("the journal of run " + runId + " in the "
          + cfg.journal().describe() + " cannot be used: " + e.getMessage(), e));
    } catch (RuntimeException e) {
      throw redactor.scrub(e);
    }
  }

  /** Reads a run's journal and checks that it belongs to this plan and workspace. */
  private static JournalText read(Settings cfg, RollbackPlan plan, String runId, String where) throws IOException {
    byte[] bytes = cfg.journal().read(runId).orElseThrow(() -> new JournalException("there is no journal of run "
        + runId + " in the " + cfg.journal().describe()));
    JournalText text = JournalText.parse(where, bytes);
    if (text.records().isEmpty()) {
      throw new JournalException("the " + where + " is empty: the run stopped before it recorded anything, so it"
          + " changed nothing and there is nothing to resume; start the plan again (./rollback run), and delete the"
          + " empty journal " + runId + ".jsonl");
    }
    Journal.Header h = JournalRecords.header(text.records().get(0));
    if (!h.planHash().equals(plan.hash())) {
      throw new JournalException("the " + where + " was written for plan '" + h.planName() + "' with hash "
          + h.planHash() + ", but the plan given, '" + plan.name() + "', has hash " + plan.hash()
          + "; resume with the plan that started the run" + h.options().planSource().map(src -> " (it came from "
          + src + "; put that back as it was when the run started)").orElse(""));
    }
    if (!h.workspace().equals(cfg.workspace().toString())) {
      throw new JournalException("run " + runId + " ran in workspace " + h.workspace()
          + ", but this executor's workspace is " + cfg.workspace() + "; resume it where it ran (the launcher:"
          + " ./rollback resume " + runId + " --repo " + h.workspace() + ")");
    }
    return text;
  }

  /**
   * The report of a run the journal shows finished; a run that stopped ({@link RunStatus#STOPPED}) has not finished:
   * it can go on once the cause is dealt with.
   */
  private static Optional<RollbackReport> finished(JournalText text) {
    List<Map<String, Object>> rs = text.records();
    Map<String, Object> last = rs.get(rs.size() - 1);
    return JournalRecords.FINISHED.equals(last.get("type")) && !RunStatus.STOPPED.name().equals(last.get("status"))
        ? Optional.of(RecordCodec.fromData(RollbackReport.class, Session.result(last))) : Optional.empty();
  }

  private static void refuseSettlement(String runId, RollbackReport report, Settlement x) {
    throw new RollbackException("run " + runId + " finished (" + report.status() + "), so no step of it is waiting"
        + " to be settled; step '" + x.step() + "' was not settled");
  }

  /**
   * Refuses, before anything runs, a plan with problems, options that do not fit it, or kinds no adapter
   * interprets.
   *
   * @param cfg the settings
   * @param plan the plan
   * @param options the options
   * @throws dev.rollback.PlanInvalidException when the plan has problems
   * @throws RollbackException when the options or adapters do not fit
   */
  static void refuse(Settings cfg, RollbackPlan plan, RunOptions options) {
    plan.check().orThrow();
    options.severity().ifPresent(name -> {
      if (plan.severity(name).isEmpty()) {
        throw new RollbackException("severity '" + name + "' chosen in the run options is not a severity level of"
            + " plan '" + plan.name() + "'; it has " + plan.severities().stream().map(SeverityLevel::name)
            .collect(Collectors.joining(", ")));
      }
    });
    if (options.recovery().isPresent()) {
      String name = options.recovery().get();
      if (plan.recovery(name).isEmpty()) {
        throw new RollbackException("recovery strategy '" + name + "' is not a recovery strategy of plan '"
            + plan.name() + "'; it has " + (plan.recoveries().isEmpty() ? "none" : plan.recoveries().stream()
            .map(dev.rollback.RecoveryStrategy::name).collect(Collectors.joining(", "))));
      }
      if (options.emergency() || options.severity().isPresent()) {
        throw new RollbackException("a recovery run takes no severity and no emergency procedure; run the rollback"
            + " and the recovery separately");
      }
    }
    for (String name : options.messageValues().keySet()) {
      if (!plan.messageValues().containsKey(name)) {
        throw new RollbackException("message value '" + name + "' given in the run options is not declared by plan '"
            + plan.name() + "'; it declares " + (plan.messageValues().isEmpty() ? "none; declare it with"
            + " .messageValue(\"" + name + "\", <default>)" : String.join(", ", plan.messageValues().keySet())));
      }
    }
    if (options.emergency() && plan.emergency().isEmpty()) {
      throw new RollbackException("the run options force the emergency procedure, but plan '" + plan.name()
          + "' has none; run without --emergency (RunOptions.withEmergency), or give the plan an emergency"
          + " procedure; nothing ran");
    }
    java.util.Set<String> facts = dev.rollback.internal.PlanParts.declaredFacts(plan, true);
    List<String> unread = options.declaredFacts().stream().filter(f -> !facts.contains(f)).sorted()
        .collect(Collectors.toList());
    if (!unread.isEmpty()) {
      throw new RollbackException((unread.size() == 1 ? "fact '" + unread.get(0) + "' is" : "facts '"
          + String.join("', '", unread) + "' are") + " declared in the run options (--declare), but plan '"
          + plan.name() + "' never reads " + (unread.size() == 1 ? "it" : "them") + "; it reads "
          + (facts.isEmpty() ? "no declared fact" : String.join(", ", facts)) + ". Declare one of those (a typo?);"
          + " nothing ran");
    }
    List<String> missing = cfg.registry().missing(plan, options.skipUnavailable(), options.recovery().isPresent());
    if (!missing.isEmpty()) {
      throw new RollbackException("plan '" + plan.name() + "' uses kinds no registered adapter interprets:\n  "
          + String.join("\n  ", missing));
    }
  }

  /**
   * What a preview lists as problems and a run refuses before anything runs, in the same words: each message's
   * channel that has no notifier.
   *
   * @param cfg the settings
   * @param plan the plan
   * @return the problems, empty when none
   */
  static List<String> setupProblems(Settings cfg, RollbackPlan plan) {
    List<String> out = new ArrayList<>();
    for (dev.rollback.MessageTemplate m : plan.messages()) {
      for (String channel : m.channels()) {
        if (!cfg.notifiers().containsKey(channel)) {
          out.add("message '" + m.name() + "' goes through channel '" + channel + "', which has no notifier");
        }
      }
    }
    return out;
  }

  /** Refuses, before anything runs, what a preview would list as a setup problem. */
  private static void refuseSetup(Settings cfg, RollbackPlan plan) {
    List<String> problems = setupProblems(cfg, plan);
    if (!problems.isEmpty()) {
      throw new RollbackException("plan '" + plan.name() + "' cannot run as set up; nothing ran:\n  "
          + String.join("\n  ", problems) + "\nGive each channel a notifier (the launcher: --notify "
          + plan.messages().stream().flatMap(m -> m.channels().stream())
              .filter(c -> !cfg.notifiers().containsKey(c)).distinct().map(c -> c + "=SPEC")
              .collect(Collectors.joining(" --notify ")) + ", such as files:DIR or log), or take the channel"
          + " off the message");
    }
  }

  /**
   * Resolves every secret the plan names and registers the values, with the adapters' and notifiers' own, for
   * masking.
   *
   * @param cfg the settings
   * @param plan the plan
   * @param redactor the run's redactor
   * @param lenient whether a missing secret is left out (a preview) instead of refused
   * @return values by name
   */
  static Map<String, String> secrets(Settings cfg, RollbackPlan plan, Redactor redactor, boolean lenient) {
    for (Adapter a : cfg.registry().adapters()) {
      redactor.addAll(a.secrets());
    }
    for (Notifier n : cfg.notifiers().values()) {
      redactor.addAll(n.secrets());
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String name : PlanWalk.secretNames(plan)) {
      Optional<String> v;
      try {
        v = cfg.secrets().resolve(name);
      } catch (Exception e) {
        throw new RollbackException("secret '" + name + "' could not be read: " + redactor.describe(e));
      }
      if (v.isPresent()) {
        redactor.add(v.get());
        values.put(name, v.get());
      } else {
        missing.add(name);
      }
    }
    if (!missing.isEmpty() && !lenient) {
      throw new RollbackException("plan '" + plan.name() + "' needs secrets that are not set: "
          + String.join(", ", missing) + "; nothing ran");
    }
    return values;
  }

  /** Work done while holding the lock for the plan on the target. */
  @FunctionalInterface
  private interface Locked<T> {
    T run() throws IOException;
  }

  private static <T> T underLock(Settings cfg, RollbackPlan plan, String runId, Instant at, Locked<T> body)
      throws IOException {
    JournalStore.JournalLock lock = lock(cfg, plan, runId, at);
    try {
      return body.run();
    } finally {
      lock.close();
    }
  }

  /**
   * Takes the locks of the workspace and of every adapter's target ({@link Adapter#runLocks()}), whatever the plan
   * and the journal, so that one run at a time works on a repository or workspace; all or none.
   */
  private static JournalStore.JournalLock lock(Settings cfg, RollbackPlan plan, String runId, Instant at)
      throws IOException {
    Map<Path, String> places = new LinkedHashMap<>();
    places.put(RunLocks.workspaceLock(cfg.workspace()), "workspace " + cfg.workspace());
    for (Adapter a : cfg.registry().adapters()) {
      java.util.Collection<Path> files;
      try {
        files = a.runLocks();
      } catch (Exception e) {
        throw new RollbackException("adapter '" + a.name() + "' cannot say where its run lock is: "
            + RunLocks.describe(e) + "; nothing ran");
      }
      for (Path f : files) {
        places.putIfAbsent(RunLocks.canonical(f), "the " + a.name() + " target of " + f.getParent());
      }
    }
    String holder = "run " + runId + " of plan '" + plan.name() + "' (process " + ProcessHandle.current().pid()
        + ", since " + at + ", journal in the " + cfg.journal().describe() + ")";
    List<JournalStore.JournalLock> held = new ArrayList<>();
    try {
      for (Map.Entry<Path, String> e : RunLocks.canonicalized(places).entrySet()) {
        try {
          held.add(cfg.journal().lock(e.getKey(), holder));
        } catch (RunLockedException x) {
          throw new RunLockedException("plan '" + plan.name() + "' cannot run on " + e.getValue() + ": "
              + (x.getMessage().isBlank() ? "another run" : x.getMessage()) + " is working on it; one run at a time"
              + " per repository and workspace, whatever the plan or journal. Wait for it to end, or resume it if it"
              + " was interrupted (lock file " + e.getKey() + ")");
        }
      }
    } catch (IOException | RuntimeException e) {
      RunLocks.release(held);
      throw e;
    }
    return () -> RunLocks.release(held);
  }

  private RollbackReport execute(boolean resumed) {
    s.emit(new RunEvent.RunStarted(s.runId(), s.now(), s.plan.name(), s.plan.hash(), false, resumed));
    s.bindBuiltIns();
    if (s.options.recovery().isPresent()) {
      return recover(s.plan.recovery(s.options.recovery().get()).orElseThrow());
    }
    try {
      assess();
      decide();
      approve();
      prepare();
      executeProcedure();
      verify();
    } catch (Stop stop) {
      s.report.status = stop.status;
      s.report.summary = stop.getMessage();
    }
    try {
      communicate();
      audit();
      monitor();
    } catch (Stop stop) {
      s.report.summary = s.report.summary + "; " + stop.getMessage() + " while reporting";
    }
    return finish();
  }

  /**
   * Carries out a recovery strategy: assess, approve the strategy by its policy, run its phases, prove it with its
   * recovery validation, send the recovery messages, audit.
   */
  private RollbackReport recover(RecoveryStrategy strategy) {
    try {
      assess();
      stage(RunStage.DECIDE);
      Instant detectedAt = s.options.detectedAt().orElse(s.run.startedAt());
      DecisionReport d = new DecisionReport(Optional.empty(), "recovery", false, Optional.of(strategy.name()),
          "Recovery: " + strategy.kind().name().toLowerCase(java.util.Locale.ROOT) + " recovery '" + strategy.name()
          + "'", strategy.approval().map(ApprovalPolicy::describe).orElse("none"), detectedAt, Optional.empty(),
          "recovery strategy '" + strategy.name() + "' was chosen by hand" + strategy.description()
          .map(x -> ": " + x).orElse(""), List.of(), List.of());
      s.bindDecision(d);
      s.emit(new RunEvent.Decided(s.runId(), s.now(), d.severity(), d.procedure(), d.deadline(), d.explanation()));
      s.report.procedure = strategy.name();
      s.report.phases(strategy.phases());
      s.deadlines = new Deadlines(s.plan, strategy.phases(), Optional.empty());
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
        s.approve("approval:recovery", "recovery '" + strategy.name() + "'", policy,
            policy.requiresPeople() ? irreversible : List.of());
      }
      stage(RunStage.EXECUTE);
      s.measurer.changing();
      boolean failures = procedures.execute();
      Optional<Map<String, Object>> rec = s.replay.last(JournalRecords.PROCEDURE_FINISHED);
      s.report.rolledBackAt = rec.map(Replay::at).orElseGet(s::now);
      if (rec.isEmpty()) {
        s.record(JournalRecords.PROCEDURE_FINISHED, null, s.report.rolledBackAt,
            Session.fields("procedure", strategy.name()));
      }
      stage(RunStage.VERIFY);
      List<Check> vs = strategy.validations();
      List<String> failed = evaluateAll("verification", vs, s.report.verification);
      if (failures) {
        phasesFailed("recovery '" + strategy.name() + "'");
      }
      conclude(failed, "recovery '" + strategy.name() + "'", "recovered with strategy '" + strategy.name() + "'",
          "recovery validation", vs.isEmpty());
    } catch (Stop stop) {
      s.report.status = stop.status;
      s.report.summary = stop.getMessage();
    }
    try {
      if (!resumable()) {
        stage(RunStage.COMMUNICATE);
        notifications.send(s.report.status == RunStatus.SUCCEEDED ? NotificationEvent.RECOVERY_COMPLETED
            : NotificationEvent.RECOVERY_FAILED, this::messageData);
      }
      audit();
    } catch (Stop stop) {
      s.report.summary = s.report.summary + "; " + stop.getMessage() + " while reporting";
    }
    return finish();
  }

  private void stage(RunStage stage) {
    Instant at = s.now();
    if (!s.replay.entered(stage.name())) {
      s.record(JournalRecords.STAGE, null, at, Session.fields("stage", stage.name()));
    }
    s.emit(new RunEvent.StageStarted(s.runId(), at, stage));
  }

  private void assess() {
    stage(RunStage.ASSESS);
    List<String> troubles = s.startAdapters(s.options.recovery().isPresent());
    if (!troubles.isEmpty()) {
      throw new Stop(RunStatus.STOPPED, troubles.get(0) + "; nothing was changed");
    }
    snapshot = Assessments.snapshot(s);
  }

  private void decide() {
    stage(RunStage.DECIDE);
    Optional<Map<String, Object>> rec = s.replay.last(JournalRecords.DECISION);
    DecisionReport d;
    if (rec.isPresent()) {
      d = RecordCodec.fromData(DecisionReport.class, Session.result(rec.get()));
    } else {
      d = Decisions.decide(s, snapshot, s.options.detectedAt().orElse(s.run.startedAt()));
      s.record(JournalRecords.DECISION, null, s.now(), Session.fields("result", RecordCodec.toData(d, true)));
    }
    s.bindDecision(d);
    s.emit(new RunEvent.Decided(s.runId(), s.now(), d.severity(), d.procedure(), d.deadline(), d.explanation()));
    if (d.undecided()) {
      throw new Stop(RunStatus.UNDECIDED, d.explanation().lines().findFirst().orElse("undecided")
          + "; nothing was changed");
    }
    if (d.procedure().isEmpty()) {
      throw new Stop(RunStatus.NO_ROLLBACK, d.explanation());
    }
    procedure = s.plan.procedure(d.procedure().get()).orElseThrow();
    s.report.procedure = procedure.name();
    s.report.phases(procedure.phases());
    s.deadlines = new Deadlines(s.plan, procedure.phases(), d.deadline());
    s.replay.last(JournalRecords.DEADLINE_AT_RISK).ifPresent(r -> s.deadlines.alreadyAtRisk(Replay.at(r)));
  }

  private void approve() {
    stage(RunStage.APPROVE);
    DecisionReport d = s.report.decision;
    Optional<SeverityLevel> level = d.severity().flatMap(s.plan::severity);
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
      s.watchDeadline(s.deadlines.beforeApproval(policy.timeout()));
      s.approve("approval:severity", "severity '" + level.get().name() + "'", policy,
          policy.requiresPeople() ? irreversible : List.of());
      if (policy.requiresPeople()) {
        return;
      }
    }
    if (!uncovered.isEmpty()) {
      Optional<ApprovalPolicy> fallback = Decisions.fallbackApproval(s.plan, procedure);
      if (fallback.isEmpty()) {
        throw new Stop(RunStatus.NOT_APPROVED, "irreversible steps " + String.join(", ", uncovered) + " need an"
            + " approval that asks people, and no severity level of the plan has one; nothing ran");
      }
      s.watchDeadline(s.deadlines.beforeApproval(fallback.get().timeout()));
      s.approve("approval:irreversible", "the irreversible steps of procedure '" + procedure.name() + "'",
          fallback.get(), uncovered);
    }
  }

  private void prepare() {
    stage(RunStage.PREPARE);
    s.watchDeadline(s.deadlines.beforeChecklist());
    List<String> failed = new ArrayList<>();
    List<Check> checks = s.plan.readinessChecks();
    for (int k = 0; k < checks.size(); k++) {
      CheckReport r = s.evaluate("checklist", "checklist:" + (k + 1), checks.get(k));
      s.report.checklist.add(r);
      if (!r.passed() && !r.skipped()) {
        failed.add("'" + r.name() + "' " + r.status().name().toLowerCase(java.util.Locale.ROOT) + ": " + r.summary());
      }
    }
    if (!failed.isEmpty()) {
      throw new Stop(RunStatus.NOT_READY, "the readiness checklist did not pass: " + String.join("; ", failed)
          + "; nothing was changed");
    }
    if (s.options.stopAfterPreparation()) {
      throw new Stop(RunStatus.PREPARED, "stopped after preparation, as asked: the checklist passed and nothing"
          + " was changed");
    }
  }

  private void executeProcedure() {
    stage(RunStage.EXECUTE);
    s.measurer.changing();
    notifications.send(NotificationEvent.ROLLBACK_STARTED, this::messageData);
    boolean failures = procedures.execute();
    Optional<Map<String, Object>> rec = s.replay.last(JournalRecords.PROCEDURE_FINISHED);
    if (rec.isPresent()) {
      s.report.rolledBackAt = Replay.at(rec.get());
    } else {
      s.report.rolledBackAt = s.now();
      s.record(JournalRecords.PROCEDURE_FINISHED, null, s.report.rolledBackAt,
          Session.fields("procedure", procedure.name()));
    }
    if (failures) {
      phasesFailed("procedure '" + procedure.name() + "'");
    }
  }

  private void verify() {
    stage(RunStage.VERIFY);
    List<Check> vs = s.plan.verifications();
    List<Check> hs = s.plan.healthChecks();
    List<String> failed = evaluateAll("verification", vs, s.report.verification);
    failed.addAll(evaluateAll("health", hs, s.report.health));
    conclude(failed, "procedure '" + procedure.name() + "'", "rolled back with procedure '" + procedure.name() + "'",
        "verification", vs.isEmpty() && hs.isEmpty());
  }

  /** A procedure or recovery whose phases failed under CONTINUE: the run completed with failures, saying which. */
  private void phasesFailed(String subject) {
    s.report.status = RunStatus.COMPLETED_WITH_FAILURES;
    s.report.summary = subject + " ran to the end, but phases failed: " + s.report.phases.stream()
        .filter(p -> p.failure != null).map(p -> "'" + p.phase.name() + "' (" + p.failure + ")")
        .collect(Collectors.joining("; "));
  }

  /**
   * The run's status and summary once its checks were evaluated: succeeded, verification failed, or completed with
   * failures (phases failed before), with what was skipped.
   */
  private void conclude(List<String> failed, String subject, String success, String checks, boolean noChecks) {
    if (s.report.status == RunStatus.COMPLETED_WITH_FAILURES) {
      if (!failed.isEmpty()) {
        s.report.summary += "; " + checks + " did not pass: " + String.join(", ", failed);
      }
    } else if (!failed.isEmpty()) {
      s.report.status = RunStatus.VERIFICATION_FAILED;
      s.report.summary = subject + " ran to the end, but " + checks + " did not pass: " + String.join(", ", failed);
    } else {
      s.report.status = RunStatus.SUCCEEDED;
      s.report.summary = success + (noChecks ? "" : "; " + checks + " passed");
    }
    s.report.summary += skippedNote();
  }

  /**
   * Evaluates a section's checks in order, or takes them from the journal, into the report.
   *
   * @return the quoted names of those that neither passed nor were skipped
   */
  private List<String> evaluateAll(String section, List<Check> checks, List<CheckReport> into) {
    List<String> failed = new ArrayList<>();
    for (int k = 0; k < checks.size(); k++) {
      CheckReport r = s.evaluate(section, section + ":" + (k + 1), checks.get(k));
      into.add(r);
      if (!r.passed() && !r.skipped()) {
        failed.add("'" + r.name() + "'");
      }
    }
    return failed;
  }

  /** What was skipped because adapters were unavailable, for the summary; empty when nothing was. */
  private String skippedNote() {
    if (s.report.unavailable.isEmpty()) {
      return "";
    }
    long steps = s.report.phases.stream().flatMap(p -> p.steps.stream())
        .filter(st -> st.status == dev.rollback.RollbackReport.StepStatus.SKIPPED).count();
    long checks = java.util.stream.Stream.of(s.report.checklist, s.report.verification, s.report.health)
        .flatMap(List::stream).filter(CheckReport::skipped).count()
        + s.report.phases.stream().flatMap(p -> p.validations.stream()).filter(CheckReport::skipped).count();
    long signals = s.report.snapshot.stream().filter(m -> m.summary().startsWith("skipped: ")).count();
    return "; skipped, as asked, because " + String.join(" and ", s.report.unavailable.keySet().stream()
        .map(a -> "adapter '" + a + "'").collect(Collectors.toList())) + (s.report.unavailable.size() == 1 ? " is"
        : " are") + " unavailable: " + steps + " step" + (steps == 1 ? "" : "s") + ", " + checks + " check"
        + (checks == 1 ? "" : "s") + " and " + signals + " signal" + (signals == 1 ? "" : "s");
  }

  private void communicate() {
    RunStatus st = s.report.status;
    // A stopped run has not ended: it goes on when resumed, and says how it ended then.
    if (st == RunStatus.PREPARED || st == RunStatus.NO_ROLLBACK || st == RunStatus.UNDECIDED) {
      return;
    }
    if (resumable()) {
      return;
    }
    stage(RunStage.COMMUNICATE);
    notifications.send(st == RunStatus.SUCCEEDED ? NotificationEvent.ROLLBACK_COMPLETED
        : NotificationEvent.ROLLBACK_FAILED, this::messageData);
  }

  /**
   * Whether the run stopped where it can be resumed: then its outcome is not final, and no failure is notified
   * (resuming notifies the outcome once there is one). The summary says so.
   */
  private boolean resumable() {
    if (s.report.status != RunStatus.STOPPED) {
      return false;
    }
    if (!s.plan.messages().isEmpty()) {
      s.report.summary += "; no failure was notified, since the run can be resumed";
    }
    return true;
  }

  private void audit() {
    stage(RunStage.AUDIT);
    for (Adapter a : s.cfg.registry().adapters()) {
      if (s.report.unavailable.containsKey(a.name())) {
        continue;
      }
      String key = "audit:" + a.name();
      Optional<Map<String, Object>> rec = s.replay.last(key, JournalRecords.AUDIT);
      if (rec.isPresent()) {
        Object r = rec.get().get("result");
        if (r != null) {
          s.report.audits.add(RecordCodec.fromData(Audit.class, Session.result(rec.get())));
        }
        continue;
      }
      Attempts.Outcome<Optional<Audit>> o = s.attempt(s.plan.defaultTimeout(), () -> a.onRunEnd(s.run));
      Optional<Audit> audit;
      if (o.succeeded()) {
        audit = o.value() == null ? Optional.empty() : o.value();
      } else {
        audit = Optional.of(new Audit(a.name(), false, "the audit could not be made: "
            + (o.timedOut() ? "timed out" : s.describe(o.failure())), Map.of()));
      }
      Optional<Audit> shown = audit.map(x -> new Audit(x.adapter(), x.passed(), s.redactor.redact(x.summary()),
          s.redactor.redactMap(Session.normalizeMap(x.evidence()))));
      s.record(JournalRecords.AUDIT, key, s.now(), Session.fields("result",
          shown.map(x -> RecordCodec.toData(x, true)).orElse(null)));
      shown.ifPresent(s.report.audits::add);
    }
  }

  /** Watches the plan's monitoring after a successful rollback, when the options ask for it. */
  private void monitor() {
    if (!s.options.monitor() || s.plan.monitoring().isEmpty() || s.report.status != RunStatus.SUCCEEDED) {
      return;
    }
    stage(RunStage.MONITOR);
    for (int i = 1; ; i++) {
      Optional<Map<String, Object>> rec = s.replay.last("alert:" + i, JournalRecords.ALERT);
      if (rec.isEmpty()) {
        break;
      }
      s.report.alerts.add(RecordCodec.fromData(AlertReport.class, Session.result(rec.get())));
    }
    if (s.replay.last(JournalRecords.MONITOR_FINISHED).isPresent()) {
      return;
    }
    MonitorReport watched = Monitor.forPlan(s.plan).measure(s.measurer::measure).clock(s.cfg.clock())
        .sleeper(s.cfg.sleeper()).baselines(s.baselines).declaredFacts(s.options.declaredFacts())
        .sink(this::alert).build().run();
    s.record(JournalRecords.MONITOR_FINISHED, null, s.now(), Session.fields("intervals", watched.ticks(),
        "alerts", watched.alerts().size(), "cancelled", watched.cancelled()));
  }

  private void alert(Alert a) {
    AlertReport r = new AlertReport(a.rule().name(), a.action(), s.redactor.redact(a.evaluation().explanation()),
        a.at());
    s.report.alerts.add(r);
    String key = "alert:" + s.report.alerts.size();
    s.record(JournalRecords.ALERT, key, a.at(), Session.fields("result", RecordCodec.toData(r, true)));
    s.emit(new RunEvent.AlertRaised(s.runId(), a.at(), r.rule(), r.action(), r.explanation()));
    Map<String, Object> data = new LinkedHashMap<>(messageData());
    data.put("alert", Session.fields("rule", r.rule(), "action", r.action(), "explanation", r.explanation(),
        "at", r.at().toString()));
    notifications.send(NotificationEvent.ALERT, data, ":" + s.report.alerts.size());
  }

  private RollbackReport finish() {
    Instant finishedAt = s.now();
    Optional<Instant> deadline = s.report.decision == null ? Optional.empty() : s.report.decision.deadline();
    Optional<Instant> atRisk = s.deadlines == null ? Optional.empty() : s.deadlines.atRiskAt();
    RollbackReport r = s.report.build(s.runId(), s.plan.name(), s.plan.hash(), s.run.startedAt(), finishedAt,
        deadline, atRisk, s.redactor.redactMap(Session.normalizeMap(s.run.outputs())));
    s.record(JournalRecords.FINISHED, null, finishedAt, Session.fields("status", r.status(), "result",
        RecordCodec.toData(r, true)));
    s.emit(new RunEvent.RunFinished(s.runId(), finishedAt, r.status(), r.summary()));
    if (s.interrupted) {
      Thread.currentThread().interrupt();
    }
    return r;
  }

  /**
   * The reason in one line, for a sentence such as "rolled back due to {{reason}}": the decided severity's
   * description, then what decided it (the explanation's first line).
   */
  private String reason(DecisionReport d) {
    String first = d.explanation().lines().findFirst().orElse("").strip();
    String description = d.severity().flatMap(s.plan::severity).map(SeverityLevel::description).orElse("");
    return description.isBlank() ? first : description + " (" + first + ")";
  }

  /**
   * What message templates can use, as {@link dev.rollback.MessageTemplate} documents it: the plan's message values
   * with the run's overriding them, every output, then what every run gives (the run, the decision, the measured
   * signals as {@code metrics.<signal>}, the timeline, the steps, the recovery).
   */
  private Map<String, Object> messageData() {
    ReportBuilder b = s.report;
    Map<String, Object> d = new LinkedHashMap<>(s.plan.messageValues());
    d.putAll(s.options.messageValues());
    d.putAll(s.run.outputs());
    d.put("runId", s.runId());
    d.put("plan", s.plan.name());
    d.put("planHash", s.plan.hash());
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
    metrics.putAll(s.measurer.latest());
    d.put("metrics", metrics);
    Map<String, Object> timeline = new LinkedHashMap<>();
    timeline.put("detected", b.decision == null ? "" : b.decision.detectedAt().toString());
    timeline.put("started", s.run.startedAt().toString());
    timeline.put("completed", b.rolledBackAt == null ? "" : b.rolledBackAt.toString());
    d.put("timeline", timeline);
    List<Object> steps = new ArrayList<>();
    for (ReportBuilder.PhaseState p : b.phases) {
      for (ReportBuilder.StepState st : p.steps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase", p.phase.name());
        m.put("name", st.step.name());
        m.put("status", st.status.name());
        m.put("summary", st.shown != null ? st.shown.summary() : st.error != null ? st.error : "");
        steps.add(m);
      }
    }
    d.put("steps", steps);
    s.options.recovery().ifPresent(r -> d.put("recovery", r));
    return Session.normalizeMap(d);
  }
}
