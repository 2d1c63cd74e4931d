package dev.rollback.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import dev.rollback.run.event.RunEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollback resume <run> --step NAME --done "REASON"} and {@code --redo}, in-process: a command the crash cut
 * off stops the resume with the exact command to settle it; settling goes on and the report says who, when and why.
 */
class ResumeSettleTest {

  @TempDir
  Path dir;

  private static final String PLAN = LaunchVerbsTest.class.getName() + "#touchPlan";

  /** Stands for the process dying as the step starts. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;
  }

  /** A run of the touch plan cut off as its command started, as a killed launcher leaves it. */
  private String cutOff() {
    RollbackExecutor e = RollbackExecutor.builder().workspace(dir).journal(Journal.directory(dir.resolve(".rollback")))
        .approver(Approvers.automatic("alice", "test")).listener(ev -> {
          if (ev instanceof RunEvent.StepStarted) {
            throw new Crash();
          }
        }).build();
    assertThatThrownBy(() -> e.run(LaunchVerbsTest.touchPlan(), RunOptions.defaults().withDeclared("broken")
        .withPlanSource(PLAN).withRunId("cut"))).isInstanceOf(Crash.class);
    return "cut";
  }

  @Test
  void aCutOffCommandStopsTheResumeWithTheCommandToSettleItAndDoneGoesOnWithoutRunningItAgain() throws Exception {
    String run = cutOff();
    Files.writeString(dir.resolve("rolled-back"), "");

    CliRun stopped = CliRun.of("resume", run, "--workspace", dir.toString(), "--yes");

    assertThat(stopped.status()).isEqualTo(1);
    assertThat(stopped.out()).contains("**STOPPED** — cannot tell whether step 'touch rolled-back' took effect",
        "settle it and go on: rollback resume cut --step 'touch rolled-back' --done \"<what you checked>\" if it"
        + " took effect, or --redo if it did not");

    Files.setLastModifiedTime(dir.resolve("rolled-back"), java.nio.file.attribute.FileTime.fromMillis(0));
    CliRun settled = CliRun.of("resume", run, "--workspace", dir.toString(), "--yes", "--step", "touch rolled-back",
        "--done", "rolled-back exists");

    assertThat(settled.status()).as(settled.err()).isZero();
    assertThat(settled.out()).contains("**SUCCEEDED**", "## After the interruption", "| settled: done | step 'touch"
        + " rolled-back' in phase 'one' | rolled-back exists | " + System.getProperty("user.name") + " |");
    assertThat(settled.err()).contains("step 'touch rolled-back' in phase 'one' settled as done by "
        + System.getProperty("user.name") + ": rolled-back exists");
    assertThat(Files.getLastModifiedTime(dir.resolve("rolled-back")).toMillis()).as("not touched again").isZero();
  }

  @Test
  void redoRunsTheCutOffCommandAgain() {
    String run = cutOff();

    CliRun settled = CliRun.of("resume", run, "--workspace", dir.toString(), "--yes", "--redo", "--step",
        "touch rolled-back");

    assertThat(settled.status()).as(settled.err()).isZero();
    assertThat(settled.out()).contains("**SUCCEEDED**", "| settled: redo | step 'touch rolled-back' in phase 'one' |"
        + " run again, as the operator asked (--redo) |");
    assertThat(dir.resolve("rolled-back")).exists();
  }

  @Test
  void settlingOptionsThatDoNotFitAreNamedAndNothingIsRecorded() throws Exception {
    String run = cutOff();
    long journal = Files.size(dir.resolve(".rollback").resolve(run + ".jsonl"));

    assertThat(CliRun.of("resume", run, "--workspace", dir.toString(), "--done", "x").err())
        .startsWith("rollback resume: --done settles one step: name it with --step NAME\nusage: rollback resume <run>");
    assertThat(CliRun.of("resume", run, "--workspace", dir.toString(), "--step", "touch rolled-back").err())
        .startsWith("rollback resume: --step 'touch rolled-back' needs a verdict: --done \"what you checked\" if it"
            + " took effect, or --redo if it did not\n");
    assertThat(CliRun.of("resume", run, "--workspace", dir.toString(), "--step", "x", "--done", "y", "--redo").err())
        .startsWith("rollback resume: --step 'x' takes --done or --redo, not both\n");
    assertThat(CliRun.of("resume", run, "--workspace", dir.toString(), "--step", "x", "--done").err())
        .startsWith("rollback resume: --done needs the evidence: say what you checked, such as --done \"the tag v41"
            + " is on origin\"\n");
    CliRun wrong = CliRun.of("resume", run, "--workspace", dir.toString(), "--step", "deploy", "--done", "y");
    assertThat(wrong.status()).isEqualTo(2);
    assertThat(wrong.err()).isEqualTo("rollback resume: step 'deploy' of run cut is not waiting to be settled: the"
        + " run never started a step of that name; the step waiting is step 'touch rolled-back' in phase 'one'."
        + " Nothing was recorded\n");
    assertThat(Files.size(dir.resolve(".rollback").resolve(run + ".jsonl"))).isEqualTo(journal);
    assertThat(dir.resolve("rolled-back")).doesNotExist();
  }
}
