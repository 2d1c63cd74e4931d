package dev.rollback.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Checks;
import dev.rollback.Command;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Steps;
import dev.rollback.internal.journal.JournalText;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import dev.rollback.run.event.RunEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resume in process: a crash simulated by an error a listener throws at a chosen event. */
class ResumeTest {

  @TempDir
  Path dir;

  /** Stands for the process dying: an error nothing in the executor catches. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;
  }

  private RollbackExecutor executor(Harness h, String crashAtStep) {
    return h.builder().journal(Journal.directory(dir.resolve("journal"))).notifier("file", notifications())
        .listener(e -> {
      if (e instanceof RunEvent.StepStarted && ((RunEvent.StepStarted) e).step().equals(crashAtStep)) {
        throw new Crash();
      }
    }).build();
  }

  private FileNotifier notifications() {
    return new FileNotifier(new Ledger(dir.resolve("notifications")));
  }

  private Path journalFile(String runId) {
    return dir.resolve("journal").resolve(runId + ".jsonl");
  }

  @Test
  void aTornLastLineIsDroppedAndTheRunResumes() throws Exception {
    Harness h = new Harness(dir);
    RunOptions options = RunOptions.defaults().withSeverity("high").withRunId("torn");
    assertThatThrownBy(() -> executor(h, "s2").run(CrashDrill.plan(), options)).isInstanceOf(Crash.class);
    Files.writeString(journalFile("torn"), "{\"type\":\"step.appl", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    RollbackReport report = executor(h, "none").resume(CrashDrill.plan(), "torn");

    assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(h.ledger.lines()).containsExactly("apply s1", "apply s2", "apply s3");
    JournalText text = JournalText.parse("journal", Files.readAllBytes(journalFile("torn")));
    assertThat(text.torn()).isFalse();
    assertThat(text.records()).filteredOn(r -> "resumed".equals(r.get("type")))
        .singleElement().satisfies(r -> assertThat(r.get("tornLineDropped")).isEqualTo(true));
    assertThat(report.audits().get(0).evidence()).containsEntry("started", "ledger had 0 lines");
    assertThat(report.outputs()).containsEntry("first", "s1-value").containsEntry("second.n", 3L);
  }

  @Test
  void aStepWhoseOutcomeTheAdapterCannotTellStopsTheResumeWithoutGuessing() {
    RollbackPlan plan = Rollback.plan("unknowable")
        .severity(Rollback.severity("high").when(Rollback.declared("x")).rollbackWithin(Rollback.hours(1))
            .approval(Rollback.discretion()))
        .procedure(Rollback.procedure("p").phase(Rollback.phase("one")
            .step(Steps.run(Command.of("touch", "half"), Command.of("rm", "half")).named("touch"))
            .validate(Checks.command("true"))))
        .build();
    Harness h = new Harness(dir);
    RunOptions options = RunOptions.defaults().withSeverity("high").withRunId("unknown");
    assertThatThrownBy(() -> executor(h, "touch").run(plan, options)).isInstanceOf(Crash.class);

    RollbackReport report = executor(h, "none").resume(plan, "unknown");

    assertThat(report.status()).isEqualTo(RunStatus.STOPPED);
    assertThat(report.summary()).isEqualTo("cannot tell whether step 'touch' took effect before the run was"
        + " interrupted (the core.command handler cannot tell whether the step took effect); nothing more ran."
        + " Check by hand, then settle it and go on: rollback resume unknown --step 'touch' --done \"<what you"
        + " checked>\" if it took effect, or --redo if it did not (in Java: executor.resume(plan, runId,"
        + " Settlement.done(...) or Settlement.redo(...)))");
    assertThat(dir.resolve("half")).doesNotExist();
    // A stopped run is not over: resuming it again asks again, still without guessing.
    RollbackReport again = executor(h, "none").resume(plan, "unknown");
    assertThat(again.status()).isEqualTo(RunStatus.STOPPED);
    assertThat(again.summary()).isEqualTo(report.summary());
    assertThat(again.resumedAt()).hasSize(2);
    assertThat(dir.resolve("half")).doesNotExist();
  }

  @Test
  void aFinishedRunResumesToItsReportAsItWas() {
    Harness h = new Harness(dir);
    RollbackExecutor executor = h.builder().journal(Journal.directory(dir.resolve("journal")))
        .notifier("file", notifications()).build();
    RollbackReport report = executor.run(CrashDrill.plan(), RunOptions.defaults().withSeverity("high"));
    RollbackReport again = executor.resume(CrashDrill.plan(), report.runId());

    assertThat(again).isEqualTo(report);
    assertThat(h.ledger.lines()).containsExactly("apply s1", "apply s2", "apply s3");
    assertThat(executor.journal().header(report.runId()).get().options().severity()).hasValue("high");
  }

  @Test
  void aResumedRunRunsOnWithApprovalsAndDecisionsFromTheJournal() {
    Harness h = new Harness(dir);
    RunOptions options = RunOptions.defaults().withSeverity("high").withRunId("approved-once");
    assertThatThrownBy(() -> executor(h, "s3").run(CrashDrill.plan(), options)).isInstanceOf(Crash.class);
    RollbackReport report = h.builder(h.adapter, Approvers.callback(r -> {
      throw new AssertionError("asked again: " + r);
    })).journal(Journal.directory(dir.resolve("journal"))).notifier("file", notifications()).build()
        .resume(CrashDrill.plan(), "approved-once");

    assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.approvals()).hasSize(1);
    assertThat(report.approvals().get(0).votes().get(0).person()).isEqualTo("alice");
    assertThat(List.copyOf(h.ledger.lines())).containsExactly("apply s1", "apply s2", "apply s3");
  }
}
