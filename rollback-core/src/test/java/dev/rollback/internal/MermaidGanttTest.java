package dev.rollback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.internal.MermaidGantt.Mark;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link MermaidGantt}: charts that Mermaid reads as written, whatever the names and the times. */
class MermaidGanttTest {

  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  @Test
  void aChartHasItsHeaderSectionsTasksAndMilestonesWithAbsoluteTimesInUtc() {
    String chart = MermaidGantt.titled("Run: x").section("Stages")
        .task("Assess", T0, T0.plusMillis(412), Mark.DONE)
        .task("Wait", T0.plusMillis(412), T0.plusSeconds(300), Mark.ACTIVE, Mark.CRIT)
        .section("Deadline").milestone("Deadline", T0.plusSeconds(3600), Mark.CRIT)
        .render();

    assertThat(chart).isEqualTo("gantt\n"
        + "  title #82;un#58; x\n"
        + "  dateFormat YYYY-MM-DDTHH:mm:ss.SSS\n"
        + "  axisFormat %H:%M:%S\n"
        + "  todayMarker off\n"
        + "  section #83;tages\n"
        + "    #65;ssess:done, t1, 2026-11-01T10:00:00.000, 2026-11-01T10:00:18.000\n"
        + "    #87;ait:crit, active, t2, 2026-11-01T10:00:00.412, 2026-11-01T10:05:00.000\n"
        + "  section #68;eadline\n"
        + "    #68;eadline:crit, milestone, t3, 2026-11-01T11:00:00.000, 0ms\n");
    GanttLint.Chart c = GanttLint.check(chart);
    assertThat(c.title()).isEqualTo("Run: x");
    assertThat(c.tasks()).extracting(GanttLint.Task::name).containsExactly("Assess", "Wait", "Deadline");
  }

  @Test
  void aTaskTooShortToSeeIsDrawnA200thOfTheChartWideAndKeepsItsStart() {
    GanttLint.Chart c = GanttLint.check(MermaidGantt.titled("t")
        .task("instant", T0, T0)
        .task("one millisecond", T0.plusSeconds(10), T0.plusSeconds(10).plusMillis(1))
        .task("an hour and a bit", T0, T0.plus(Duration.ofMinutes(100)))
        .render());

    assertThat(c.tasks().get(0).start()).isEqualTo(LocalDateTime.parse("2026-11-01T10:00:00"));
    assertThat(Duration.between(c.tasks().get(0).start(), c.tasks().get(0).end())).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.tasks().get(1).start()).isEqualTo(LocalDateTime.parse("2026-11-01T10:00:10"));
    assertThat(Duration.between(c.tasks().get(1).start(), c.tasks().get(1).end())).isEqualTo(Duration.ofSeconds(30));
    assertThat(Duration.between(c.tasks().get(2).start(), c.tasks().get(2).end())).isEqualTo(Duration.ofMinutes(100));
  }

  @Test
  void aChartOfOneInstantStillHasWidthAndAnEndBeforeItsStartIsTheStart() {
    GanttLint.Chart c = GanttLint.check(MermaidGantt.titled("t")
        .task("backwards", T0.plusSeconds(5), T0)
        .milestone("m", T0.plusSeconds(5))
        .render());

    assertThat(c.tasks().get(0).start()).isEqualTo(LocalDateTime.parse("2026-11-01T10:00:05"));
    assertThat(Duration.between(c.tasks().get(0).start(), c.tasks().get(0).end())).isEqualTo(Duration.ofMillis(1));
    assertThat(c.tasks().get(1).milestone()).isTrue();
  }

  @Test
  void timesAreCutToMillisecondsAndTheAxisFollowsTheSpan() {
    Instant precise = T0.plusNanos(123_999_999);
    assertThat(MermaidGantt.titled("t").task("a", precise, precise.plusSeconds(5)).render())
        .contains("  axisFormat %H:%M:%S.%L\n", ", 2026-11-01T10:00:00.123, 2026-11-01T10:00:05.123\n");
    assertThat(MermaidGantt.titled("t").task("a", T0, T0.plus(Duration.ofDays(3))).render())
        .contains("  axisFormat %Y-%m-%d %H:%M\n");
  }

  @Test
  void hostileNamesInTitlesSectionsAndTasksAreDrawnAsThemselves() {
    MermaidGantt g = MermaidGantt.titled("title: #1; 50% done").section("section x: %% y");
    for (int i = 0; i < MermaidTextTest.HOSTILE.size(); i++) {
      g.task(MermaidTextTest.HOSTILE.get(i), T0.plusSeconds(i), T0.plusSeconds(i + 1), Mark.DONE);
    }
    GanttLint.Chart c = GanttLint.check(g.render());

    assertThat(c.title()).isEqualTo("title: #1; 50% done");
    assertThat(c.sections()).containsExactly("section x: %% y");
    assertThat(c.tasks()).extracting(GanttLint.Task::name).containsExactlyElementsOf(MermaidTextTest.HOSTILE);
    assertThat(c.tasks()).extracting(GanttLint.Task::id).doesNotHaveDuplicates();
  }

  @Test
  void longNamesAreCutAndSectionsWithoutTasksLeftOut() {
    String longName = "x".repeat(500);
    GanttLint.Chart c = GanttLint.check(MermaidGantt.titled("t").section("empty").section("full")
        .task(longName, T0, T0.plusSeconds(1)).section("empty at the end").render());

    assertThat(c.sections()).containsExactly("full");
    assertThat(c.tasks().get(0).name()).hasSize(MermaidGantt.MAX_NAME).endsWith("x…");
  }

  @Test
  void marksAreWrittenOnceInAFixedOrder() {
    String chart = MermaidGantt.titled("t").task("a", T0, T0.plusSeconds(1), Mark.DONE, Mark.CRIT, Mark.DONE,
        Mark.ACTIVE).render();
    assertThat(chart).contains("    #97;:crit, active, done, t1, ");
    Set<String> tags = GanttLint.check(chart).tasks().get(0).tags();
    assertThat(tags).containsExactlyInAnyOrder("crit", "active", "done");
  }

  @Test
  void theSameChartInAnyTimeZoneOrLocaleIsTheSameText() throws Exception {
    List<String> charts = List.of("UTC", "America/St_Johns", "Asia/Kathmandu").stream().map(zone -> {
      java.util.TimeZone before = java.util.TimeZone.getDefault();
      java.util.Locale locale = java.util.Locale.getDefault();
      try {
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(zone));
        java.util.Locale.setDefault(java.util.Locale.forLanguageTag("ar-EG"));
        return MermaidGantt.titled("t").task("a", T0, T0.plusSeconds(90)).render();
      } finally {
        java.util.TimeZone.setDefault(before);
        java.util.Locale.setDefault(locale);
      }
    }).collect(Collectors.toList());
    assertThat(charts).containsOnly(charts.get(0));
    assertThat(charts.get(0)).contains("2026-11-01T10:00:00.000, 2026-11-01T10:01:30.000");
  }

  @Test
  void nullsAreRefusedWithTheArgumentsName() {
    assertThatThrownBy(() -> MermaidGantt.titled("t").task("a", T0, null)).isInstanceOf(NullPointerException.class)
        .hasMessage("end");
    assertThatThrownBy(() -> MermaidGantt.titled("t").milestone(null, T0)).isInstanceOf(NullPointerException.class)
        .hasMessage("name");
  }
}
