package dev.rollback.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The result types' outputs and evidence are plain data ({@link PlainData.Use#RESULT}) the journal and reports hold. */
final class Results {

  private Results() {}

  static Map<String, Object> plain(String what, Map<String, Object> map) {
    return PlainData.copyEntries(what, map, PlainData.Use.RESULT);
  }

  static Object plainValue(String what, Object v) {
    return PlainData.copy(what, v, PlainData.Use.RESULT);
  }

  static Map<String, Object> with(Map<String, Object> map, String what, String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(map);
    copy.put(key, PlainData.copy(what + "." + key, value, PlainData.Use.RESULT));
    return Collections.unmodifiableMap(copy);
  }
}
