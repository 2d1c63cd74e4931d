package dev.rollback.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.docker.ServiceRun;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TailsTest {

  @Test
  void theLastLinesLeaveOutAFinalNewline() {
    assertThat(Tails.tail("a\nb\nc\n", 2)).isEqualTo("b\nc");
    assertThat(Tails.tail("a\nb\nc", 5)).isEqualTo("a\nb\nc");
    assertThat(Tails.tail("", 3)).isEmpty();
  }

  @Test
  void aTextThatLostItsBeginningNeverShowsItsFirstLineWhichMayBeHalfASecret() {
    // What is kept of "token=ghp_S3cretValue\nok\n" bounded to its last 13 bytes: the token's end, then a line.
    String kept = "S3cretValue\nok\n";
    assertThat(Tails.tail(kept, 5, true)).isEqualTo("ok");
    assertThat(Tails.tail(kept, 5, false)).isEqualTo("S3cretValue\nok");
    assertThat(Tails.tail("only a cut line", 5, true)).isEmpty();

    ServiceRun run = new ServiceRun("p", "s", "img", "sha256:1", false, Optional.empty(), "c1", "p-s-run", 1, false,
        kept, "ken=ghp_Value\nerr\n", true, Duration.ofSeconds(1), List.of());
    assertThat(run.stdoutTail(3)).isEqualTo("ok");
    assertThat(run.stderrTail(3)).isEqualTo("err");
    assertThat(run.stdout()).isEqualTo(kept);
  }
}
