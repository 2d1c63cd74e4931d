package dev.rollback.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstantTextTest {

  @Test
  void instantsReadBackExactlyAsInstantWritesThem() {
    for (String t : new String[] {"2026-01-01T03:00:00Z", "2026-01-01T03:00:00.120Z", "1999-12-31T23:59:59.123456789Z",
        "2024-02-29T00:00:00.000001Z", "1970-01-01T00:00:00Z"}) {
      Instant i = Instant.parse(t);
      assertThat(PlainJson.instant(i.toString())).isEqualTo(i);
      assertThat(PlainJson.instant(t)).isEqualTo(i);
    }
    assertThat(PlainJson.instant("+12026-01-01T03:00:00Z")).isEqualTo(Instant.parse("+12026-01-01T03:00:00Z"));
  }
}
