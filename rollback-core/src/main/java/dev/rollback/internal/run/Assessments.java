package dev.rollback.internal.run;

import dev.rollback.RollbackPlan;
import dev.rollback.Signal;
import dev.rollback.Snapshot;
import dev.rollback.internal.Texts;
import dev.rollback.internal.journal.RecordCodec;
import dev.rollback.report.RollbackReport.MeasurementReport;
import dev.rollback.run.RunOptions;
import dev.rollback.run.event.RunEvent;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.Measurement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The assessment: every adapter started ({@code onRunStart}) before anything changes, then every signal the
 * decision needs ({@link Snapshot#signalsOf}) measured once, journaled so that a resumed run decides from the same
 * values.
 */
final class Assessments {

  private Assessments() {}

  /**
   * Starts every adapter, before anything changes. An adapter the options allow to skip
   * ({@link RunOptions#skipUnavailable()}) that is not registered, though the plan uses it, or whose start fails,
   * is marked unavailable with the reason, journaled, and announced; its parts are skipped from then on. On resume,
   * an adapter the journal shows unavailable stays so.
   *
   * @param p the run's parts
   * @param recoveries whether the run carries out a recovery strategy, whose kinds count as used
   * @return why each adapter that may not be skipped could not start; empty when every needed adapter started
   */
  static List<String> startAdapters(RunParts p, boolean recoveries) {
    RollbackPlan plan = p.run.plan();
    List<String> troubles = new ArrayList<>();
    for (Map<String, Object> r : p.history.all(JournalRecords.ADAPTER_UNAVAILABLE)) {
      p.availability.mark((String) r.get("adapter"), (String) r.get("reason"));
    }
    for (String name : p.cfg.registry().unregistered(plan, recoveries)) {
      if (p.options.skipUnavailable().contains(name) && !p.availability.isUnavailable(name)) {
        unavailable(p, name, "no adapter named '" + name + "' is registered");
      }
    }
    for (Adapter a : p.cfg.registry().adapters()) {
      if (p.availability.isUnavailable(a.name())) {
        continue;
      }
      Attempts.Outcome<Boolean> o = p.calls.attempt(plan.defaultTimeout(), () -> {
        a.onRunStart(p.run);
        return Boolean.TRUE;
      });
      if (o.succeeded()) {
        continue;
      }
      String why = o.timedOut() ? "its start timed out after " + Texts.duration(plan.defaultTimeout())
          : p.calls.describe(o.failure());
      if (!p.options.skipUnavailable().contains(a.name())) {
        troubles.add("adapter '" + a.name() + "' could not start (" + why + ")");
      } else {
        unavailable(p, a.name(), why);
      }
    }
    return troubles;
  }

  private static void unavailable(RunParts p, String adapter, String reason) {
    Instant at = p.history.now();
    p.availability.mark(adapter, reason);
    p.history.record(JournalRecords.ADAPTER_UNAVAILABLE, null, at, History.fields("adapter", adapter, "reason",
        reason));
    p.events.emit(new RunEvent.AdapterUnavailable(p.run.runId(), at, adapter, reason));
  }

  /**
   * Measures the plan's assessment, or takes it from the journal.
   *
   * @param history the run's journal
   * @param measurer measures the signals, and keeps the assessment for conditions evaluated before anything changes
   * @param redactor masks what the journal keeps
   * @param plan the plan
   * @return the snapshot
   */
  @SuppressWarnings("unchecked")
  static Snapshot snapshot(History history, Measurer measurer, Redactor redactor, RollbackPlan plan) {
    List<Signal> signals = new ArrayList<>(Snapshot.signalsOf(plan));
    History.Entry<Snapshot> entry = History.Entry.of(JournalRecords.SNAPSHOT, r -> {
      Map<Signal, Measurement> measured = new LinkedHashMap<>();
      for (Object o : (List<Object>) r.get("measurements")) {
        Map<String, Object> m = (Map<String, Object>) o;
        measured.put(signals.get(((Number) m.get("index")).intValue()),
            RecordCodec.fromData(Measurement.class, (Map<String, Object>) m.get("measurement")));
      }
      return Snapshot.of(measured, Replay.at(r));
    }, s -> {
      List<Object> data = new ArrayList<>();
      for (int i = 0; i < signals.size(); i++) {
        Measurement m = s.measurement(signals.get(i)).get();
        data.add(History.fields("index", i, "signal", signals.get(i).displayName(),
            "measurement", RecordCodec.toData(masked(redactor, m), true)));
      }
      return History.fields("measurements", data);
    }, Snapshot::takenAt);
    Snapshot snapshot = history.once(null, entry, () -> measurer.snapshot(new LinkedHashSet<>(signals)));
    measurer.assessment(snapshot);
    return snapshot;
  }

  /**
   * The assessment as the report shows it.
   *
   * @param snapshot the assessment
   * @param redactor masks the summaries
   * @return a measurement report per signal
   */
  static List<MeasurementReport> reports(Snapshot snapshot, Redactor redactor) {
    List<MeasurementReport> out = new ArrayList<>();
    snapshot.measurements().forEach((signal, m) -> out.add(new MeasurementReport(signal.displayName(),
        signal.kind(), m.display(), m.asOptional(), redactor.redact(m.summary()))));
    return out;
  }

  private static Measurement masked(Redactor redactor, Measurement m) {
    return new Measurement(m.value(), m.unit(), redactor.redact(m.summary()), m.history(),
        redactor.redactMap(Outcomes.normalizeMap(m.evidence())));
  }
}
