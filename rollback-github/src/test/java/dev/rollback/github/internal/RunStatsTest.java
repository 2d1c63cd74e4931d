package dev.rollback.github.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.spi.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunStatsTest {

  private static RunInfo run(int i, String status, String conclusion, long seconds) {
    Instant start = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i * 1000L);
    return new RunInfo(i, 1, null, "CI", null, "main", "sha" + i, "push", status, conclusion, 1, start,
        start.plusSeconds(seconds), start, null);
  }

  @Test
  void durationStatisticsAreNearestRankPercentilesOfTheTimedRuns() {
    List<RunInfo> runs = new ArrayList<>();
    long[] seconds = {50, 15, 40, 20, 35};
    for (int i = 0; i < seconds.length; i++) {
      runs.add(run(i, "completed", "success", seconds[i]));
    }
    assertThat(RunStats.duration(runs, "p5")).hasValue(15.0);
    assertThat(RunStats.duration(runs, "p30")).hasValue(20.0);
    assertThat(RunStats.duration(runs, "p50")).hasValue(35.0);
    assertThat(RunStats.duration(runs, "p100")).hasValue(50.0);
    assertThat(RunStats.duration(runs, "max")).hasValue(50.0);
    assertThat(RunStats.duration(runs, "mean")).hasValue(32.0);
  }

  @Test
  void aRunStillInProgressHasNoDurationAndNoVerdict() {
    RunInfo r = run(1, "in_progress", null, 10);
    assertThat(r.duration()).isEmpty();
    assertThat(RunStats.verdict(r)).isFalse();
    assertThat(RunStats.successRate(List.of(r))).isEmpty();
  }

  @Test
  void cancelledRunsAreNeitherCountedNorTimed() {
    List<RunInfo> runs = List.of(run(1, "completed", "success", 60), run(2, "completed", "cancelled", 5),
        run(3, "completed", "failure", 120));
    assertThat(RunStats.successRate(runs)).hasValue(0.5);
    assertThat(RunStats.durations(runs)).containsExactly(60.0, 120.0);
  }

  @Test
  void theFailureStreakStopsAtTheNewestSuccessAndSkipsRunsWithoutAVerdict() {
    List<RunInfo> newestFirst = List.of(run(5, "completed", "failure", 1), run(4, "completed", "skipped", 1),
        run(3, "completed", "timed_out", 1), run(2, "completed", "success", 1), run(1, "completed", "failure", 1));
    assertThat(RunStats.failureStreak(newestFirst)).hasValue(2);
  }

  @Test
  void windowsEndAtEachRunWithAFullWindowBehindIt() {
    List<RunInfo> oldestFirst = new ArrayList<>();
    String[] c = {"success", "failure", "success", "success"};
    for (int i = 0; i < c.length; i++) {
      oldestFirst.add(run(i, "completed", c[i], 1));
    }
    assertThat(RunStats.windows(oldestFirst, 3, RunStats::successRate)).extracting(Sample::value)
        .containsExactly(2.0 / 3, 2.0 / 3);
    assertThat(RunStats.windows(oldestFirst, 10, RunStats::successRate)).extracting(Sample::value)
        .containsExactly(0.75);
  }
}
