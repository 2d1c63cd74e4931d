package dev.rollback.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.FailurePolicy;
import dev.rollback.report.RollbackReport.CompensationStatus;
import dev.rollback.report.RollbackReport.PhaseStatus;
import dev.rollback.report.RollbackReport.StepStatus;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.ManualClock;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What happens when the second of three phases fails its validation, under each failure policy. */
class PhaseFailureTest {

  @TempDir
  Path dir;

  private RollbackReport run(FailurePolicy policy, Ledger ledger) {
    RollbackExecutor executor = RollbackExecutor.builder().workspace(dir).journal(Journal.inMemory())
        .clock(ManualClock.at(Instant.parse("2026-01-01T03:00:00Z")))
        .approver(Approvers.automatic("alice", "test")).adapter(new TestAdapter(ledger)).build();
    return executor.run(TestPlans.threePhases(policy), RunOptions.defaults().withSeverity("high"));
  }

  @Test
  void compensateUndoesThePhaseTwoThenPhaseOneReversibleStepsInReverseOrder() {
    Ledger ledger = new Ledger(dir.resolve("ledger"));
    RollbackReport report = run(FailurePolicy.COMPENSATE, ledger);

    assertThat(report.status()).isEqualTo(RunStatus.COMPENSATED);
    assertThat(ledger.lines()).containsExactly("apply a1", "apply a2", "apply a3", "apply b1", "apply b2",
        "undo b2", "undo b1", "undo a3", "undo a1");
    assertThat(report.compensation().stream().map(c -> c.step() + " " + c.status()).collect(Collectors.toList()))
        .containsExactly("b2 UNDONE", "b1 UNDONE", "a3 UNDONE", "a2 NOT_POSSIBLE", "a1 UNDONE");
    assertThat(report.step("a2").get().status()).isEqualTo(StepStatus.APPLIED);
    assertThat(report.step("b1").get().status()).isEqualTo(StepStatus.COMPENSATED);
    assertThat(report.step("c1").get().status()).isEqualTo(StepStatus.NOT_RUN);
    assertThat(report.phase("three").get().status()).isEqualTo(PhaseStatus.NOT_RUN);
    assertThat(report.summary()).contains("phase 'two' failed", "validation 'two holds' failed");
  }

  @Test
  void haltStopsAtTheFailedPhaseAndNothingMoreRuns() {
    Ledger ledger = new Ledger(dir.resolve("ledger"));
    RollbackReport report = run(FailurePolicy.HALT, ledger);

    assertThat(report.status()).isEqualTo(RunStatus.HALTED);
    assertThat(ledger.lines()).containsExactly("apply a1", "apply a2", "apply a3", "apply b1", "apply b2");
    assertThat(report.compensation()).isEmpty();
    assertThat(report.phases().stream().map(p -> p.name() + " " + p.status()).collect(Collectors.toList()))
        .containsExactly("one PASSED", "two FAILED", "three NOT_RUN");
    assertThat(report.phase("two").get().failure()).hasValue("validation 'two holds' failed: two holds does not hold");
    assertThat(report.summary()).isEqualTo("phase 'two' failed: validation 'two holds' failed: two holds does not"
        + " hold; the run halted and nothing more ran");
    assertThat(report.verification()).isEmpty();
    assertThat(report.toMarkdown()).contains("**HALTED**", "### 3. three — NOT_RUN");
  }

  @Test
  void continueRecordsTheFailureAndRunsTheNextPhase() {
    Ledger ledger = new Ledger(dir.resolve("ledger"));
    RollbackReport report = run(FailurePolicy.CONTINUE, ledger);

    assertThat(report.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
    assertThat(ledger.lines()).endsWith("apply c1");
    List<String> phases = report.phases().stream().map(p -> p.name() + " " + p.status()).collect(Collectors.toList());
    assertThat(phases).containsExactly("one PASSED", "two FAILED", "three PASSED");
  }
}
