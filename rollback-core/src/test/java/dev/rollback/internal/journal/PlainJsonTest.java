package dev.rollback.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainJsonTest {

  @Test
  void plainDataReadsBackAsItselfOnceNormalized() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("text", "é \"quoted\"\n");
    v.put("int", 3);
    v.put("double", 0.1);
    v.put("duration", Duration.ofMinutes(90));
    v.put("instant", Instant.parse("2026-01-01T03:00:00.123Z"));
    v.put("list", List.of(true, 2L, List.of()));
    v.put("null", null);
    Object normalized = PlainJson.normalize(v);
    assertThat(PlainJson.read(PlainJson.text(v, false, s -> s))).isEqualTo(normalized);
    assertThat(((Map<?, ?>) normalized).get("int")).isEqualTo(3L);
  }

  @Test
  void everyTextAndKeyPassesThroughTheFilter() {
    assertThat(PlainJson.text(Map.of("k", "v"), false, String::toUpperCase)).isEqualTo("{\"K\":\"V\"}");
  }
}
