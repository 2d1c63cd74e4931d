package dev.rollback.internal.run;

import dev.rollback.RollbackReport.MeasurementReport;
import dev.rollback.Signal;
import dev.rollback.Snapshot;
import dev.rollback.internal.journal.RecordCodec;
import dev.rollback.spi.Measurement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The assessment: every signal the decision needs ({@link Snapshot#signalsOf}) measured once, before anything
 * changes, journaled so that a resumed run decides from the same values.
 */
final class Assessments {

  private Assessments() {}

  /**
   * Measures the plan's assessment, or takes it from the journal, and puts it in the report.
   *
   * @param s the run
   * @return the snapshot
   */
  @SuppressWarnings("unchecked")
  static Snapshot snapshot(Session s) {
    List<Signal> signals = new ArrayList<>(Snapshot.signalsOf(s.plan));
    Optional<Map<String, Object>> rec = s.replay.last(JournalRecords.SNAPSHOT);
    Snapshot snapshot;
    if (rec.isPresent()) {
      Map<Signal, Measurement> measured = new LinkedHashMap<>();
      for (Object o : (List<Object>) rec.get().get("measurements")) {
        Map<String, Object> m = (Map<String, Object>) o;
        measured.put(signals.get(((Number) m.get("index")).intValue()),
            RecordCodec.fromData(Measurement.class, (Map<String, Object>) m.get("measurement")));
      }
      snapshot = Snapshot.of(measured, Replay.at(rec.get()));
    } else {
      snapshot = s.measurer.snapshot(new java.util.LinkedHashSet<>(signals));
      if (!s.preview) {
        List<Object> data = new ArrayList<>();
        for (int i = 0; i < signals.size(); i++) {
          Measurement m = snapshot.measurement(signals.get(i)).get();
          data.add(Session.fields("index", i, "signal", signals.get(i).displayName(),
              "measurement", RecordCodec.toData(masked(s, m), true)));
        }
        s.record(JournalRecords.SNAPSHOT, null, snapshot.takenAt(), Session.fields("measurements", data));
      }
    }
    s.measurer.assessment(snapshot);
    s.report.snapshot.clear();
    s.report.snapshot.addAll(reports(s, snapshot));
    return snapshot;
  }

  static List<MeasurementReport> reports(Session s, Snapshot snapshot) {
    List<MeasurementReport> out = new ArrayList<>();
    snapshot.measurements().forEach((signal, m) -> out.add(new MeasurementReport(signal.displayName(),
        signal.kind(), m.display(), m.asOptional(), s.redactor.redact(m.summary()))));
    return out;
  }

  private static Measurement masked(Session s, Measurement m) {
    return new Measurement(m.value(), m.unit(), s.redactor.redact(m.summary()), m.history(),
        s.redactor.redactMap(Session.normalizeMap(m.evidence())));
  }
}
