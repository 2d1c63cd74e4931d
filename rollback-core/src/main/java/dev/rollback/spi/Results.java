package dev.rollback.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rules shared by the result types: outputs and evidence are plain data the journal and reports can hold. */
final class Results {

  private Results() {}

  static Map<String, Object> plain(String what, Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      check(what + "." + k, v);
      copy.put(k, freeze(v));
    });
    return Collections.unmodifiableMap(copy);
  }

  static Object plainValue(String what, Object v) {
    check(what, v);
    return freeze(v);
  }

  static Map<String, Object> with(Map<String, Object> map, String what, String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(map);
    check(what + "." + key, value);
    copy.put(key, freeze(value));
    return Collections.unmodifiableMap(copy);
  }

  private static void check(String where, Object v) {
    if (v == null) {
      throw new IllegalArgumentException(where + " is null");
    }
    if (v instanceof String || v instanceof Boolean || v instanceof Number || v instanceof Duration
        || v instanceof Instant) {
      return;
    }
    if (v instanceof List) {
      int i = 0;
      for (Object e : (List<?>) v) {
        check(where + "[" + i++ + "]", e);
      }
      return;
    }
    if (v instanceof Map) {
      ((Map<?, ?>) v).forEach((k, x) -> {
        if (!(k instanceof String)) {
          throw new IllegalArgumentException(where + " has a key that is not text");
        }
        check(where + "." + k, x);
      });
      return;
    }
    throw new IllegalArgumentException(where + " has type " + v.getClass().getName()
        + "; outputs and evidence must be text, numbers, booleans, durations, instants, or lists and maps of those");
  }

  private static Object freeze(Object v) {
    if (v instanceof List) {
      return List.copyOf(((List<?>) v).stream().map(Results::freeze).collect(java.util.stream.Collectors.toList()));
    }
    if (v instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> copy.put((String) k, freeze(x)));
      return Collections.unmodifiableMap(copy);
    }
    return v;
  }
}
