package dev.rollback.internal.run;

import dev.rollback.RecoveryStrategy;
import dev.rollback.RollbackException;
import dev.rollback.RollbackPlan;
import dev.rollback.SeverityLevel;
import dev.rollback.internal.journal.JournalStore;
import dev.rollback.internal.journal.JournalText;
import dev.rollback.internal.journal.RecordCodec;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Journal;
import dev.rollback.run.JournalException;
import dev.rollback.run.RunLockedException;
import dev.rollback.run.RunOptions;
import dev.rollback.run.Settlement;
import dev.rollback.run.event.RunEvent;
import dev.rollback.spi.Adapter;
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
 * A run's lifecycle: refuses a plan before anything runs when it, the options, the adapters or the secrets do not
 * fit, takes the locks of the workspace and the adapters' targets, starts the journal (or, to resume, reads it,
 * checks that it belongs to the plan and workspace, and records the operator's settlement), then hands the run to
 * its stages ({@link RunPipeline}), which take what finished from the journal and go on from there.
 */
public final class RunEngine {

  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);

  private RunEngine() {}

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
          RunState run = new RunState(runId, plan, cfg.clock(), cfg.sleeper(), false, cfg.workspace(), startedAt,
              secrets, Map.of(), redactor, journal);
          Map<String, Object> header = JournalRecords.header(runId, plan.name(), plan.hash(), options, startedAt,
              cfg.workspace().toString());
          header.put("process", JournalRecords.process());
          journal.append(JournalRecords.RUN, null, startedAt, header);
          RunParts parts = new RunParts(cfg, options, run, Replay.empty(), redactor, journal);
          return new RunPipeline(parts, List.of()).execute(false);
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
          Instant now = cfg.clock().instant();
          journal.append(JournalRecords.RESUMED, null, now, History.fields("tornLineDropped", text.torn(),
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
          RunState run = new RunState(runId, plan, cfg.clock(), cfg.sleeper(), false, cfg.workspace(), h.startedAt(),
              secrets, replay.remembered(), redactor, journal);
          RunParts parts = new RunParts(cfg, h.options(), run, replay, redactor, journal);
          List<Instant> resumedAt = new ArrayList<>(replay.resumedAt());
          resumedAt.add(now);
          RunPipeline pipeline = new RunPipeline(parts, resumedAt);
          settled.ifPresent(r -> parts.events.emit(new RunEvent.Intervened(runId, now, Settlement.Verdict.DONE.name()
              .equals(r.get("verdict")) ? RollbackReport.Intervention.SETTLED_DONE
              : RollbackReport.Intervention.SETTLED_REDO, (String) r.get("subject"),
              redactor.redact((String) r.get("reason")), redactor.redact((String) r.get("by")))));
          return pipeline.execute(true);
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
        ? Optional.of(RecordCodec.fromData(RollbackReport.class, History.result(last))) : Optional.empty();
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
}
