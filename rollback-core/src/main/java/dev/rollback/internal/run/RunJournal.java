package dev.rollback.internal.run;

import dev.rollback.internal.journal.JournalStore;
import dev.rollback.internal.journal.PlainJson;
import dev.rollback.run.JournalException;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends a run's records, each masked by the redactor and, in a syncing store, on the disk before
 * {@link #append} returns. A preview has no journal: {@link #none()} writes nothing.
 */
final class RunJournal implements AutoCloseable {

  private final JournalStore.JournalFile file;
  private final Redactor redactor;
  private final String where;

  private RunJournal(JournalStore.JournalFile file, Redactor redactor, String where) {
    this.file = file;
    this.redactor = redactor;
    this.where = where;
  }

  static RunJournal of(JournalStore.JournalFile file, Redactor redactor, String where) {
    return new RunJournal(file, redactor, where);
  }

  static RunJournal none() {
    return new RunJournal(null, new Redactor(), "no journal");
  }

  /**
   * Appends a record.
   *
   * @param type the record's type
   * @param key the activity's key, or null
   * @param at when
   * @param fields the record's other fields, plain data
   * @throws JournalException when the record cannot be written: the run must stop
   */
  void append(String type, String key, Instant at, Map<String, Object> fields) {
    if (file == null) {
      return;
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("type", type);
    r.put("at", at.toString());
    if (key != null) {
      r.put("key", key);
    }
    r.putAll(fields);
    byte[] line = PlainJson.bytes(r, redactor::redact);
    synchronized (this) {
      try {
        file.append(line);
      } catch (IOException e) {
        throw new JournalException("cannot write to the " + where + ": " + e.getMessage()
            + "; the run stops, since a crash now could not be resumed", e);
      }
    }
  }

  @Override
  public void close() {
    if (file != null) {
      try {
        file.close();
      } catch (IOException e) {
        throw new JournalException("cannot close the " + where + ": " + e.getMessage(), e);
      }
    }
  }
}
