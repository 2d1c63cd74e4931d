package dev.rollback.internal.report;

import dev.rollback.internal.journal.PlainJson;
import dev.rollback.internal.journal.RecordCodec;

/** Reports and previews as JSON: their components in declaration order, instants and durations in ISO-8601. */
public final class ReportJson {

  private ReportJson() {}

  /**
   * A report or preview as indented JSON.
   *
   * @param value the record
   * @return the JSON text
   */
  public static String json(Record value) {
    return PlainJson.text(RecordCodec.toData(value, false), true, s -> s) + "\n";
  }
}
