package dev.rollback.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimingTest {

  @Test
  void aServiceGetsTheCallsTimeoutLessAMarginToCleanUp() {
    assertThat(Timing.within(Optional.empty(), Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(108));
    assertThat(Timing.within(Optional.empty(), Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(3570));
    assertThat(Timing.within(Optional.of(Duration.ofSeconds(30)), Duration.ofMinutes(2)))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(Timing.within(Optional.of(Duration.ofHours(2)), Duration.ofMinutes(10)))
        .isEqualTo(Duration.ofSeconds(570));
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    assertThat(Timing.duration(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(Timing.duration(Duration.ofDays(2))).isEqualTo("2d");
    assertThat(Timing.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Timing.duration(Duration.ZERO)).isEqualTo("0s");
  }
}
