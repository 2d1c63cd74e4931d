package dev.rollback.internal;

import dev.rollback.spi.PlainData;
import java.util.Map;

/** The values message templates are filled from: plain data ({@link PlainData.Use#MESSAGE_VALUE}), copied and frozen. */
public final class MessageValues {

  private MessageValues() {}

  /**
   * Checks and copies values.
   *
   * @param what what the values are, for messages
   * @param values the values by name
   * @return an unmodifiable copy, in the given order
   * @throws IllegalArgumentException naming the value that is not text, a number, a boolean, or a list or map of
   *     those, or a name that is empty
   */
  public static Map<String, Object> copy(String what, Map<String, ?> values) {
    return PlainData.copyEntries(what, values, PlainData.Use.MESSAGE_VALUE);
  }
}
