package dev.rollback.internal.run;

import dev.rollback.internal.journal.PlainJson;
import dev.rollback.spi.StepResult;
import java.util.Map;

/** What handlers return, made plain data as the journal keeps it, and masked for reports. */
final class Outcomes {

  private Outcomes() {}

  /** A step or check result with numbers normalized, so it equals itself after a trip through the journal. */
  static StepResult normalize(StepResult r) {
    return new StepResult(r.summary(), r.value().map(PlainJson::normalize), normalizeMap(r.outputs()),
        normalizeMap(r.evidence()));
  }

  /** A map of plain data with numbers normalized. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> normalizeMap(Map<String, Object> m) {
    return m.isEmpty() ? m : (Map<String, Object>) PlainJson.normalize(m);
  }

  /** A step result with every secret the run knows masked, for the report and the journal. */
  static StepResult masked(StepResult r, Redactor redactor) {
    if (redactor.isEmpty()) {
      return r;
    }
    return new StepResult(redactor.redact(r.summary()), r.value().map(redactor::redactData),
        redactor.redactMap(r.outputs()), redactor.redactMap(r.evidence()));
  }
}
