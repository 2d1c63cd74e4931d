package dev.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.spi.Measurement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an assessment measures, each signal once, and snapshots as values. */
class SnapshotTest {

  private static Signal signal(String name) {
    return Signal.of("test." + name, Unit.NUMBER, name, Map.of()).named(name);
  }

  @Test
  void theAssessmentMeasuresEveryDistinctSignalOfAssessmentTriggersSeveritiesAndChecklistOnce() {
    Signal assessed = signal("assessed");
    Signal trig = signal("trig");
    Signal level = signal("level");
    Signal history = signal("history");
    Signal ready = signal("ready");
    Signal verified = signal("verified");
    RollbackPlan plan = Rollback.plan("p")
        .assess(assessed, trig)
        .trigger("t", "t", trig.above(1).and(assessed.above(Baseline.median(history, 5).itself())))
        .severity(Rollback.severity("high").when(Condition.trigger("t").or(level.above(2)))
            .rollbackWithin(Rollback.hours(1)).approval(Rollback.single("maintainer")))
        .checklist(Checks.that(ready.below(3)), Checks.confirm("tell people"))
        .verify(Checks.that(verified.below(1).and(Condition.trigger("t"))))
        .build();

    assertThat(Snapshot.signalsOf(plan)).containsExactly(assessed, trig, history, level, ready);
    assertThat(Snapshot.signalsOf(plan, plan.verifications())).containsExactly(verified, trig, assessed, history);
  }

  @Test
  void aSnapshotIsAValue() {
    Signal a = signal("a");
    Map<Signal, Measurement> measured = new HashMap<>();
    measured.put(a, Measurement.of(1, Unit.NUMBER, "one"));
    Snapshot s = Snapshot.of(measured, Instant.EPOCH);
    measured.clear();

    assertThat(s.measurement(a)).hasValueSatisfying(m -> assertThat(m.value()).hasValue(1));
    assertThat(s.measurement(signal("b"))).isEmpty();
    assertThat(s.takenAt()).isEqualTo(Instant.EPOCH);
    assertThat(s).isEqualTo(Snapshot.of(Map.of(a, Measurement.of(1, Unit.NUMBER, "one")), Instant.EPOCH));
    assertThat(s.with(signal("b"), Measurement.unknown(Unit.NUMBER, "none")).measurements()).hasSize(2);
    assertThat(s.toString()).isEqualTo("Snapshot[1970-01-01T00:00:00Z, a = 1]");
    assertThatThrownBy(() -> s.measurements().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
