package dev.rollback.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Effect;
import dev.rollback.report.RollbackReport.StepReport;
import dev.rollback.report.RollbackReport.StepStatus;
import dev.rollback.spi.Vote;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

  @Test
  void aRecordReadsBackEqualAfterATripThroughJson() {
    StepReport s = new StepReport("revert", "git.revert", Effect.REVERSIBLE, StepStatus.APPLIED, 2,
        Optional.of(Instant.parse("2026-01-01T03:00:00Z")), Optional.empty(), "reverted", Optional.of("abc"),
        Map.of("tree", "t1"), Map.of("count", 3L), Optional.empty());
    Object json = PlainJson.read(PlainJson.text(RecordCodec.toData(s, true), false, x -> x));
    @SuppressWarnings("unchecked")
    StepReport back = RecordCodec.fromData(StepReport.class, (Map<String, Object>) json);
    assertThat(back).isEqualTo(s);
  }

  @Test
  void setsAreWrittenInAStableOrder() {
    Vote v = new Vote("a", Set.of("z", "b", "m"), true, Instant.EPOCH, "t", Optional.empty());
    assertThat(RecordCodec.toData(v, false).get("roles")).isEqualTo(java.util.List.of("b", "m", "z"));
  }
}
