package dev.rollback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Texts}: durations as people say them, text without raw control characters. */
class TextsTest {

  @Test
  void durationsReadInTheLargestUnitThatDividesThemEvenly() {
    assertThat(Texts.duration(Duration.ofHours(1))).isEqualTo("1 hour");
    assertThat(Texts.duration(Duration.ofMinutes(90))).isEqualTo("90 minutes");
    assertThat(Texts.duration(Duration.ofDays(2))).isEqualTo("2 days");
    assertThat(Texts.duration(Duration.ofDays(7))).isEqualTo("1 week");
    assertThat(Texts.duration(Duration.ofDays(14))).isEqualTo("2 weeks");
    assertThat(Texts.duration(Duration.ofSeconds(3601))).isEqualTo("3601 seconds");
    assertThat(Texts.duration(Duration.ofSeconds(1))).isEqualTo("1 second");
  }

  @Test
  void oneDayReadsAsTwentyFourHoursAsRunbooksSayIt() {
    assertThat(Texts.duration(Duration.ofDays(1))).isEqualTo("24 hours");
    assertThat(Texts.duration(Duration.ofHours(24))).isEqualTo("24 hours");
  }

  @Test
  void fractionsOfASecondKeepTheirPrecision() {
    assertThat(Texts.duration(Duration.ofMillis(1500))).isEqualTo("1500 milliseconds");
    assertThat(Texts.duration(Duration.ofMillis(1))).isEqualTo("1 millisecond");
    assertThat(Texts.duration(Duration.ofNanos(2500))).isEqualTo("2500 nanoseconds");
    assertThat(Texts.duration(Duration.ofNanos(3000))).isEqualTo("3 microseconds");
  }

  /** A plan's wait of 4521200 ms, and a deadline's worst case summing it, read "4521200 milliseconds". */
  @Test
  void aMinuteOrMoreWithAFractionReadsInPartsExactly() {
    assertThat(Texts.duration(Duration.ofMillis(4521200))).isEqualTo("1 hour 15 minutes 21.2 seconds");
    assertThat(Texts.duration(Duration.ofMillis(60_001))).isEqualTo("1 minute 0.001 seconds");
    assertThat(Texts.duration(Duration.ofDays(1).plusNanos(5))).isEqualTo("1 day 0.000000005 seconds");
  }

  /** A measured time left before a deadline read "4521200 milliseconds". */
  @Test
  void measuredSpansReadInUnitsPeopleUseNotInMilliseconds() {
    assertThat(Texts.span(Duration.ofMillis(4521200))).isEqualTo("1 hour 15 minutes 21 seconds");
    assertThat(Texts.span(Duration.ofMillis(21_240))).isEqualTo("21.2 seconds");
    assertThat(Texts.span(Duration.ofSeconds(30))).isEqualTo("30 seconds");
    assertThat(Texts.span(Duration.ofMillis(450))).isEqualTo("450 milliseconds");
    assertThat(Texts.span(Duration.ofMinutes(90))).isEqualTo("1 hour 30 minutes");
    assertThat(Texts.span(Duration.ofHours(26).plusSeconds(1))).isEqualTo("1 day 2 hours 1 second");
    assertThat(Texts.span(Duration.ofMillis(-61_000))).isEqualTo("-1 minute 1 second");
    assertThat(Texts.span(Duration.ZERO)).isEqualTo("0 seconds");
    assertThat(new dev.rollback.run.event.RunEvent.DeadlineAtRisk("r", java.time.Instant.EPOCH, java.time.Instant.EPOCH,
        Duration.ofMillis(4521200), Duration.ofMinutes(80)).describe())
        .isEqualTo("deadline at risk: 1 hour 15 minutes 21 seconds left, the remaining work can take 1 hour 20"
            + " minutes (deadline 1970-01-01T00:00:00Z)");
  }

  @Test
  void zeroAndNegativeDurationsAreShownAsTheyAre() {
    assertThat(Texts.duration(Duration.ZERO)).isEqualTo("0 seconds");
    assertThat(Texts.duration(Duration.ofMinutes(-5))).isEqualTo("-5 minutes");
    assertThat(Texts.duration(Duration.ofMillis(-1))).isEqualTo("-1 millisecond");
  }

  @Test
  void textForATerminalKeepsItsLinesAndTabsAndEscapesEveryOtherControl() {
    assertThat(Texts.terminalSafe("a\tb\nc")).isEqualTo("a\tb\nc");
    assertThat(Texts.terminalSafe("\u001b[2J\u001b]0;t\u0007\r\u0000\u009b\u202e\u2066ok"))
        .isEqualTo("\\u001b[2J\\u001b]0;t\\u0007\\u000d\\u0000\\u009b\\u202e\\u2066ok");
    assertThat(Texts.hasControlBesidesLines("a\n\tb")).isFalse();
    assertThat(Texts.hasControlBesidesLines("a\u0085b")).isTrue();
    assertThat(Texts.hasControl("right\u200fto left")).isTrue();
  }

  @Test
  void controlCharactersAreShownAsEscapesAndOtherTextIsUntouched() {
    assertThat(Texts.printable("a\u0000b\tc\u007f")).isEqualTo("a\\u0000b\\u0009c\\u007f");
    assertThat(Texts.printable("déjà vu — ok")).isEqualTo("déjà vu — ok");
    assertThat(Texts.hasControl("a\nb")).isTrue();
    assertThat(Texts.hasControl("a b")).isFalse();
  }
}
