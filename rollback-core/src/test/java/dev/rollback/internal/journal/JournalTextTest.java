package dev.rollback.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.run.JournalException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JournalTextTest {

  @Test
  void aLastLineWithoutItsNewlineIsATornWriteAndIsLeftOut() {
    byte[] b = "{\"type\":\"run\"}\n{\"type\":\"stage\"}\n{\"type\":\"st".getBytes(StandardCharsets.UTF_8);
    JournalText t = JournalText.parse("j", b);
    assertThat(t.records()).hasSize(2);
    assertThat(t.torn()).isTrue();
    assertThat(t.validLength()).isEqualTo("{\"type\":\"run\"}\n{\"type\":\"stage\"}\n".length());
  }

  @Test
  void aDamagedLineInTheMiddleIsRefusedWithItsNumber() {
    byte[] b = "{\"type\":\"run\"}\n{\"type\":\n{\"type\":\"stage\"}\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> JournalText.parse("journal of run r", b)).isInstanceOf(JournalException.class)
        .hasMessageStartingWith("journal of run r line 2 is damaged, not a record: ")
        .hasMessageEndingWith("A crash cuts off only the last line, so the file was changed after it was written:"
            + " restore it (from a backup), or look at what the run did (its report, git log) and start the plan"
            + " again with ./rollback run").hasMessageNotContaining("[Source");
  }
}
