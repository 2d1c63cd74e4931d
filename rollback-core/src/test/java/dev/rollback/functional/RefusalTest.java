package dev.rollback.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rollback.Effect;
import dev.rollback.FailurePolicy;
import dev.rollback.PlanInvalidException;
import dev.rollback.PlanProblem;
import dev.rollback.RollbackException;
import dev.rollback.RollbackPlan;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.JournalException;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunLockedException;
import dev.rollback.run.RunOptions;
import dev.rollback.run.event.RunEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the executor refuses before anything runs, and the journals it refuses to resume. */
class RefusalTest {

  @TempDir
  Path dir;

  private RollbackExecutor fileExecutor(Harness h) {
    return h.builder().journal(Journal.directory(dir.resolve("journal"))).build();
  }

  @Test
  void aPlanThatFailsItsCheckIsRefusedBeforeAnyStepRuns() {
    Harness h = new Harness(dir);
    RollbackPlan broken = RollbackPlan.builder().from(TestPlans.threePhases(FailurePolicy.HALT))
        .procedures(List.of(dev.rollback.Rollback.procedure("gradual")
            .phase(dev.rollback.Rollback.phase("one").step(TestAdapter.apply("a1", Effect.IRREVERSIBLE)))
            .build()))
        .build();
    RollbackExecutor executor = fileExecutor(h);

    Throwable thrown = catchThrowable(() -> executor.run(broken, RunOptions.defaults().withSeverity("high")));

    assertThat(thrown).isInstanceOf(PlanInvalidException.class)
        .hasMessageContaining("procedures[gradual].phases[one]: phase has no validation to gate the next phase");
    assertThat(((PlanInvalidException) thrown).check().problems(PlanProblem.Rule.NO_VALIDATION)).hasSize(1);
    assertThat(h.ledger.lines()).isEmpty();
    assertThat(h.adapter.calls).isEmpty();
    assertThat(h.events).isEmpty();
    assertThat(executor.journal().runs()).isEmpty();
    assertThatThrownBy(() -> executor.preview(broken, RunOptions.defaults().withSeverity("high")))
        .isInstanceOf(PlanInvalidException.class);
  }

  @Test
  void aJournalWrittenForAnotherPlanIsRefusedNamingBothHashes() {
    Harness h = new Harness(dir);
    RollbackExecutor executor = fileExecutor(h);
    RollbackPlan halt = TestPlans.threePhases(FailurePolicy.HALT);
    RollbackPlan other = TestPlans.threePhases(FailurePolicy.CONTINUE);
    RollbackReport report = executor.run(halt, RunOptions.defaults().withSeverity("high"));

    assertThatThrownBy(() -> executor.resume(other, report.runId()))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining(halt.hash()).hasMessageContaining(other.hash())
        .hasMessageContaining("was written for plan 'three phases, HALT' with hash " + halt.hash()
            + ", but the plan given, 'three phases, CONTINUE', has hash " + other.hash());
    assertThat(executor.resume(halt, report.runId())).isEqualTo(report);
  }

  @Test
  void aRunWhosePlanUsesAKindNoAdapterInterpretsIsRefused() {
    Harness h = new Harness(dir);
    RollbackExecutor bare = RollbackExecutor.builder().workspace(dir).journal(Journal.inMemory()).build();
    assertThatThrownBy(() -> bare.run(TestPlans.threePhases(FailurePolicy.HALT), RunOptions.defaults()
        .withSeverity("high")))
        .isInstanceOf(RollbackException.class)
        .hasMessageContaining("step kind 'test.read' (step 'r1' in phase 'one'); register the 'test' adapter")
        .hasMessageContaining("check kind 'test.check' (check 'one holds')");
    assertThat(h.ledger.lines()).isEmpty();
  }

  @Test
  void aRunMissingASecretOrChoosingAnUnknownSeverityIsRefused() {
    Harness h = new Harness(dir);
    RollbackExecutor executor = h.builder().secrets(name -> Optional.empty()).build();
    assertThatThrownBy(() -> executor.run(TestPlans.secrets(), RunOptions.defaults().withSeverity("high")))
        .hasMessage("plan 'secrets' needs secrets that are not set: API_TOKEN; nothing ran");
    assertThatThrownBy(() -> executor.run(TestPlans.deadline(5), RunOptions.defaults().withSeverity("urgent")))
        .hasMessage("severity 'urgent' chosen in the run options is not a severity level of plan 'deadline drill, 5"
            + " minutes a step'; it has critical");
    assertThatThrownBy(() -> executor.run(TestPlans.deadline(5), RunOptions.defaults().withSeverity("critical")
        .withEmergency()))
        .hasMessage("the run options force the emergency procedure, but plan 'deadline drill, 5 minutes a step' has"
            + " none; run without --emergency (RunOptions.withEmergency), or give the plan an emergency procedure;"
            + " nothing ran");
    assertThat(h.adapter.calls).isEmpty();
  }

  @Test
  void twoRunsOfOnePlanOnOneTargetNeverRunAtOnce() throws Exception {
    Harness h = new Harness(dir);
    RollbackExecutor first = fileExecutor(h);
    RollbackExecutor second = RollbackExecutor.builder().workspace(dir).journal(Journal.directory(dir.resolve("journal")))
        .clock(h.clock).approver(Approvers.automatic("bob", "test")).adapter(new TestAdapter(h.ledger)).build();
    List<Throwable> refused = new ArrayList<>();
    RollbackPlan plan = TestPlans.threePhases(FailurePolicy.CONTINUE);
    RollbackExecutor during = RollbackExecutor.builder().workspace(dir).journal(Journal.directory(dir.resolve("journal")))
        .clock(h.clock).approver(Approvers.automatic("alice", "test")).adapter(new TestAdapter(h.ledger))
        .listener(e -> {
          if (e instanceof RunEvent.StepStarted && ((RunEvent.StepStarted) e).step().equals("a1")) {
            refused.add(catchThrowable(() -> second.run(plan, RunOptions.defaults().withSeverity("high"))));
          }
        }).build();

    RollbackReport report = during.run(plan, RunOptions.defaults().withSeverity("high"));

    assertThat(report.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
    assertThat(refused).hasSize(1);
    assertThat(refused.get(0)).isInstanceOf(RunLockedException.class)
        .hasMessageContaining("plan 'three phases, CONTINUE' cannot run on workspace " + dir + ": run "
            + report.runId() + " of plan 'three phases, CONTINUE' (process " + ProcessHandle.current().pid()
            + ", since ");
    assertThat(h.ledger.count("apply a1")).isEqualTo(1);
    assertThat(first.run(plan, RunOptions.defaults().withSeverity("high")).status())
        .isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
  }

  @Test
  void resumingARunWithoutAJournalSaysWhereItLooked() throws Exception {
    Files.createDirectories(dir.resolve("journal"));
    RollbackExecutor executor = fileExecutor(new Harness(dir));
    assertThatThrownBy(() -> executor.resume(TestPlans.deadline(5), "nope"))
        .isInstanceOf(JournalException.class)
        .hasMessage("there is no journal of run nope in the journal directory " + dir.resolve("journal").toRealPath());
  }
}
