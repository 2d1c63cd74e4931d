package dev.rollback.internal.run;

import dev.rollback.run.Journal;
import dev.rollback.run.JournalException;
import dev.rollback.run.RunOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The layout of journal records. Every record is a JSON object with a {@code type}, the instant {@code at} (ISO-8601
 * text) and, for the records of one activity (a step, a check, an approval), the activity's {@code key}. The first
 * record, of type {@value #RUN}, holds the format, the run id, the plan's name, hash and source, the options, and
 * the workspace. It and every {@value #RESUMED} record also hold the {@code process} working on the run: its id and
 * when, by the operating system's clock, it started working on the run ({@link #process()}), so that a later resume
 * can tell what that process may have left behind.
 */
public final class JournalRecords {

  /** The format written in the first record. */
  public static final String FORMAT = "rollback-journal/1";

  static final String RUN = "run";
  static final String RESUMED = "resumed";
  static final String STAGE = "stage";
  static final String SNAPSHOT = "snapshot";
  static final String DECISION = "decision";
  static final String APPROVAL_REQUESTED = "approval.requested";
  static final String APPROVAL = "approval";
  static final String CHECK = "check";
  static final String PHASE_STARTED = "phase.started";
  static final String PHASE_FINISHED = "phase.finished";
  static final String ADAPTER_PREPARING = "adapter.preparing";
  static final String ADAPTER_PREPARED = "adapter.prepared";
  /** What an adapter recovered (or what blocked it) on resume, under the cut-off activity's key. */
  static final String RECOVERED = "recovered";
  /** An operator's verdict on a cut-off step or undo, under its key. */
  static final String SETTLED = "settled";
  static final String STEP_STARTED = "step.started";
  static final String STEP_APPLIED = "step.applied";
  static final String STEP_FAILED = "step.failed";
  static final String STEP_PROBED = "step.probed";
  static final String STEP_SKIPPED = "step.skipped";
  static final String ADAPTER_UNAVAILABLE = "adapter.unavailable";
  static final String UNDO_STARTED = "undo.started";
  static final String UNDO_FINISHED = "undo";
  static final String PROCEDURE_FINISHED = "procedure.finished";
  static final String DEADLINE_AT_RISK = "deadline.atRisk";
  static final String REMEMBER = "remember";
  static final String NOTIFICATION = "notification";
  static final String AUDIT = "audit";
  static final String ALERT = "alert";
  static final String MONITOR_FINISHED = "monitor.finished";
  static final String FINISHED = "finished";
  /** The type of a run's last record once it finished, for {@link dev.rollback.run.Journal#finishedAt}. */
  public static final String FINISHED_TYPE = FINISHED;

  private JournalRecords() {}

  /**
   * The first record of a run's journal.
   *
   * @param runId the run
   * @param planName the plan's name
   * @param planHash the plan's hash
   * @param options the options, the plan's source among them
   * @param startedAt when the run started
   * @param workspace the workspace
   * @return the record's fields
   */
  static Map<String, Object> header(String runId, String planName, String planHash, RunOptions options,
      Instant startedAt, String workspace) {
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put("name", planName);
    plan.put("hash", planHash);
    plan.put("source", options.planSource().orElse(null));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("format", FORMAT);
    r.put("runId", runId);
    r.put("plan", plan);
    r.put("options", options(options));
    r.put("startedAt", startedAt.toString());
    r.put("workspace", workspace);
    return r;
  }

  /**
   * The process working on the run from now, for the {@value #RUN} and {@value #RESUMED} records: its id, and the
   * operating system's time now (files it writes from now on are newer).
   *
   * @return the field's value
   */
  static Map<String, Object> process() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pid", ProcessHandle.current().pid());
    m.put("since", Instant.now().toString());
    return m;
  }

  private static Map<String, Object> options(RunOptions o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("severity", o.severity().orElse(null));
    m.put("emergency", o.emergency());
    m.put("stopAfterPreparation", o.stopAfterPreparation());
    m.put("monitor", o.monitor());
    m.put("declaredFacts", new ArrayList<>(o.declaredFacts()));
    m.put("detectedAt", o.detectedAt().map(Instant::toString).orElse(null));
    m.put("runId", o.runId().orElse(null));
    m.put("planSource", o.planSource().orElse(null));
    m.put("skipUnavailable", new ArrayList<>(o.skipUnavailable()));
    m.put("recovery", o.recovery().orElse(null));
    m.put("messageValues", new LinkedHashMap<>(o.messageValues()));
    return m;
  }

  /**
   * Reads the first record of a journal.
   *
   * @param r the record
   * @return the header
   * @throws JournalException when the record is not a run header this version can read
   */
  @SuppressWarnings("unchecked")
  public static Journal.Header header(Map<String, Object> r) {
    if (!RUN.equals(r.get("type")) || !FORMAT.equals(r.get("format"))) {
      throw new JournalException("its first line is not a " + FORMAT + " run header (" + (r.get("type") == null
          ? "it has no type" : "type '" + r.get("type") + "', format '" + r.get("format") + "'") + "): the file is"
          + " not a journal of Rollback, or one of another version; move it out of the journal directory");
    }
    try {
      Map<String, Object> plan = (Map<String, Object>) r.get("plan");
      Map<String, Object> o = (Map<String, Object>) r.get("options");
      RunOptions options = new RunOptions(Optional.ofNullable((String) o.get("severity")),
          Boolean.TRUE.equals(o.get("emergency")), Boolean.TRUE.equals(o.get("stopAfterPreparation")),
          Boolean.TRUE.equals(o.get("monitor")),
          new LinkedHashSet<>((List<String>) o.get("declaredFacts")),
          Optional.ofNullable((String) o.get("detectedAt")).map(Instant::parse),
          Optional.ofNullable((String) o.get("runId")), Optional.ofNullable((String) o.get("planSource")),
          new LinkedHashSet<>((List<String>) o.getOrDefault("skipUnavailable", List.of())),
          Optional.ofNullable((String) o.get("recovery")),
          (Map<String, Object>) o.getOrDefault("messageValues", Map.of()));
      return new Journal.Header((String) r.get("runId"), (String) plan.get("name"), (String) plan.get("hash"),
          options, Instant.parse((String) r.get("startedAt")), (String) r.get("workspace"));
    } catch (RuntimeException e) {
      throw new JournalException("the journal's run record cannot be read: " + e, e);
    }
  }
}
