package dev.rollback.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallParamsTest {

  @Test
  void aServiceGetsTheCallsTimeoutLessAMarginToCleanUp() {
    assertThat(CallParams.within(Optional.empty(), Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(108));
    assertThat(CallParams.within(Optional.empty(), Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(3570));
    assertThat(CallParams.within(Optional.of(Duration.ofSeconds(30)), Duration.ofMinutes(2)))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(CallParams.within(Optional.of(Duration.ofHours(2)), Duration.ofMinutes(10)))
        .isEqualTo(Duration.ofSeconds(570));
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    assertThat(CallParams.duration(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(CallParams.duration(Duration.ofDays(2))).isEqualTo("2d");
    assertThat(CallParams.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(CallParams.duration(Duration.ZERO)).isEqualTo("0s");
  }
}
