package dev.rollback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.run.event.RunEvent;
import dev.rollback.run.event.RunStage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

  @Test
  void eachLineShowsTheTimeElapsedAndTheTimeLeftBeforeTheDeadline() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Instant t0 = Instant.parse("2026-01-01T03:00:00Z");
    p.onEvent(new RunEvent.RunStarted("r", t0, "plan", "abcdef0123456789", false, false));
    p.onEvent(new RunEvent.Decided("r", t0.plusSeconds(1), Optional.of("critical"), Optional.of("emergency"),
        Optional.of(t0.plus(Duration.ofHours(1))), "chosen by hand"));
    p.onEvent(new RunEvent.StageStarted("r", t0.plusSeconds(2), RunStage.EXECUTE));
    p.onEvent(new RunEvent.PhaseStarted("r", t0.plusSeconds(192), "Remove Docker test infrastructure", 2, 3));
    p.onEvent(new RunEvent.StepApplied("r", t0.plus(Duration.ofMinutes(70)), "p", "revert", "reverted abc"));

    p.onEvent(new RunEvent.StepApplied("r", t0.plus(Duration.ofMinutes(71)), "p", "revert",
        "reverted \"\u001b[2J\u001b]0;pwned\u0007x\rY\u0000\u009b31m\u202eZ\""));

    assertThat(bytes.toString(StandardCharsets.UTF_8).split("\n")).containsExactly(
        "[00:00:00] run r of plan 'plan' (abcdef012345)",
        "[00:00:01 | 00:59:59 left] decided: severity critical, procedure emergency, deadline 2026-01-01T04:00:00Z"
            + " — chosen by hand",
        "[00:00:02 | 00:59:58 left] == execute",
        "[00:03:12 | 00:56:48 left] ▶ phase 2/3: Remove Docker test infrastructure",
        "[01:10:00 | 00:10:00 over]   ✓ applied revert: reverted abc",
        "[01:11:00 | 00:11:00 over]   ✓ applied revert: reverted \"\\u001b[2J\\u001b]0;pwned\\u0007x\\u000dY\\u0000"
            + "\\u009b31m\\u202eZ\"");
  }

  @Test
  void aStepThatRunsLongShowsAHeartbeatWithItsTimeAndTheDeadlinesBudgetUntilItEnds() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8),
        Duration.ofMillis(200));
    Instant t0 = Instant.now();
    p.onEvent(new RunEvent.RunStarted("r", t0, "plan", "abcdef0123456789", false, false));
    p.onEvent(new RunEvent.Decided("r", t0, Optional.of("critical"), Optional.of("emergency"),
        Optional.of(t0.plus(Duration.ofHours(1))), "chosen by hand"));
    p.onEvent(new RunEvent.StepStarted("r", t0, "p", "docker compose build", 1));
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (heartbeats(bytes) < 2 && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    p.onEvent(new RunEvent.StepApplied("r", Instant.now(), "p", "docker compose build", "built"));
    int beats = heartbeats(bytes);
    Thread.sleep(600);

    assertThat(beats).isGreaterThanOrEqualTo(2);
    assertThat(heartbeats(bytes)).as("no heartbeat once the step ended").isEqualTo(beats);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).containsPattern("\\[00:00:0\\d \\| 00:59:5\\d left\\]   … step"
        + " docker compose build still running \\(\\ds\\)\n");
  }

  @Test
  void noHeartbeatWhenTheIntervalIsZero() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), Duration.ZERO);
    p.onEvent(new RunEvent.StepStarted("r", Instant.now(), "p", "s", 1));
    Thread.sleep(300);
    assertThat(heartbeats(bytes)).isZero();
  }

  private static int heartbeats(ByteArrayOutputStream bytes) {
    return (int) bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("still running")).count();
  }
}
