package dev.rollback.internal.journal;

import dev.rollback.run.JournalException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A journal read back: its records in order, the length of its complete lines, and whether a torn last line (a
 * crash in the middle of a write) was left out.
 *
 * @param records the records, each a JSON object as plain data
 * @param validLength the bytes of the complete lines
 * @param torn whether an incomplete last line was ignored
 */
public record JournalText(List<Map<String, Object>> records, long validLength, boolean torn) {

  /**
   * Creates the value.
   *
   * @param records the records
   * @param validLength the bytes of complete lines
   * @param torn whether a torn line was ignored
   */
  public JournalText {
    records = Collections.unmodifiableList(records);
  }

  /** What a damaged line means and what to do about it. */
  private static final String DAMAGED = ". A crash cuts off only the last line, so the file was changed after it was"
      + " written: restore it (from a backup), or look at what the run did (its report, git log) and start the plan"
      + " again with ./rollback run";

  /**
   * Parses a journal. A last line without its newline is a write the crash interrupted and is ignored; any other
   * line that is not a JSON object means the journal was damaged, and is refused.
   *
   * @param where the journal in words, for messages
   * @param bytes its bytes
   * @return the records
   * @throws JournalException naming the line that cannot be read
   */
  @SuppressWarnings("unchecked")
  public static JournalText parse(String where, byte[] bytes) {
    List<Map<String, Object>> records = new ArrayList<>();
    int start = 0;
    int line = 1;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      if (end == bytes.length) {
        return new JournalText(records, start, true);
      }
      if (end > start) {
        Object v;
        try {
          v = PlainJson.read(bytes, start, end - start);
        } catch (IOException | RuntimeException e) {
          String why = String.valueOf(e.getMessage());
          int at = why.indexOf("\n at [Source");
          throw new JournalException(where + " line " + line + " is damaged, not a record: "
              + (at < 0 ? why : why.substring(0, at)) + DAMAGED, e);
        }
        if (!(v instanceof Map)) {
          throw new JournalException(where + " line " + line + " is damaged: it is not a JSON object" + DAMAGED);
        }
        records.add((Map<String, Object>) v);
      }
      start = end + 1;
      line++;
    }
    return new JournalText(records, bytes.length, false);
  }
}
