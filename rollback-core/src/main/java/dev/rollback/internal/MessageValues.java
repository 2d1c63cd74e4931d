package dev.rollback.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The rule for the values message templates are filled from: plain data, copied and frozen. */
public final class MessageValues {

  private MessageValues() {}

  /**
   * Checks and copies values.
   *
   * @param what what the values are, for messages
   * @param values the values by name
   * @return an unmodifiable copy, in the given order
   * @throws IllegalArgumentException naming the value that is not text, a number, a boolean, or a list or map of
   *     those
   */
  public static Map<String, Object> copy(String what, Map<String, ?> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (k == null || k.isBlank()) {
        throw new IllegalArgumentException(what + " has an empty name");
      }
      out.put(k, freeze(what + " '" + k + "'", v));
    });
    return Collections.unmodifiableMap(out);
  }

  private static Object freeze(String where, Object v) {
    if (v instanceof String || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Double || v instanceof Float) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof List) {
      return List.copyOf(((List<?>) v).stream().map(e -> freeze(where, e)).collect(Collectors.toList()));
    }
    if (v instanceof Map) {
      Map<String, Object> m = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> {
        if (!(k instanceof String)) {
          throw new IllegalArgumentException(where + " has a key that is not text");
        }
        m.put((String) k, freeze(where, x));
      });
      return Collections.unmodifiableMap(m);
    }
    throw new IllegalArgumentException(where + " is " + (v == null ? "null" : "a " + v.getClass().getName())
        + "; message values are text, numbers, booleans, or lists and maps of those");
  }
}
