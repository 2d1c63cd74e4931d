package dev.rollback.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rollback.FailurePolicy;
import dev.rollback.RollbackPlan;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunLockedException;
import dev.rollback.run.RunOptions;
import dev.rollback.run.event.RunEvent;
import dev.rollback.spi.Adapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run at a time per workspace and per adapter target, whatever the plan and wherever the journal: the second is
 * refused before anything runs, naming the first's run id and process; a killed process's lock is released by the
 * operating system.
 */
class RunLockTest {

  @TempDir
  Path dir;

  private RollbackExecutor executor(Harness h, Path journal, Adapter adapter, List<Throwable> refusedDuring,
      Runnable during) {
    RollbackExecutor.Builder b = RollbackExecutor.builder().workspace(dir).journal(Journal.directory(journal))
        .clock(h.clock).approver(Approvers.automatic("alice", "test")).adapter(adapter);
    if (during != null) {
      b.listener(e -> {
        if (e instanceof RunEvent.StepStarted && refusedDuring.isEmpty()) {
          refusedDuring.add(catchThrowable(during::run));
        }
      });
    }
    return b.build();
  }

  @Test
  void anotherPlanWithAnotherJournalIsRefusedOnTheSameWorkspaceNamingTheRunAndProcessHoldingIt() {
    Harness h = new Harness(dir);
    RollbackPlan first = TestPlans.threePhases(FailurePolicy.CONTINUE);
    RollbackPlan second = TestPlans.threePhases(FailurePolicy.HALT);
    RollbackExecutor other = executor(h, dir.resolve("elsewhere"), new TestAdapter(h.ledger), List.of(), null);
    List<Throwable> refused = new ArrayList<>();
    List<RollbackReport> reports = new ArrayList<>();
    RollbackExecutor running = executor(h, dir.resolve("journal"), h.adapter, refused,
        () -> reports.add(other.run(second, RunOptions.defaults().withSeverity("high").withRunId("second"))));

    RollbackReport report = running.run(first, RunOptions.defaults().withSeverity("high").withRunId("first"));

    assertThat(report.status()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
    assertThat(reports).isEmpty();
    assertThat(refused).singleElement().isInstanceOf(RunLockedException.class).satisfies(e -> assertThat(e)
        .hasMessageStartingWith("plan 'three phases, HALT' cannot run on workspace " + dir + ": run first of plan"
            + " 'three phases, CONTINUE' (process " + ProcessHandle.current().pid() + ", since ")
        .hasMessageContaining("journal in the journal directory " + dir.resolve("journal"))
        .hasMessageEndingWith("one run at a time per repository and workspace, whatever the plan or journal. Wait"
            + " for it to end, or resume it if it was interrupted (lock file " + dir.resolve(".rollback")
            .resolve("lock") + ")"));
    assertThat(dir.resolve("elsewhere").resolve("second.jsonl")).doesNotExist();
    assertThat(other.run(second, RunOptions.defaults().withSeverity("high").withRunId("second")).status())
        .isEqualTo(RunStatus.HALTED);
  }

  @Test
  void theSamePlanWithTwoJournalFoldersOrTwoInMemoryJournalsNeverRunsTwiceAtOnce() {
    Harness h = new Harness(dir);
    RollbackPlan plan = TestPlans.threePhases(FailurePolicy.CONTINUE);
    RollbackExecutor other = executor(h, dir.resolve("b"), new TestAdapter(h.ledger), List.of(), null);
    List<Throwable> refused = new ArrayList<>();
    executor(h, dir.resolve("a"), h.adapter, refused, () -> other.run(plan, RunOptions.defaults()
        .withSeverity("high"))).run(plan, RunOptions.defaults().withSeverity("high").withRunId("in-a"));

    assertThat(refused).singleElement().isInstanceOf(RunLockedException.class)
        .satisfies(e -> assertThat(e).hasMessageContaining(": run in-a of plan 'three phases, CONTINUE' (process "));
    assertThat(h.ledger.count("apply a1")).isEqualTo(1);

    List<Throwable> inMemory = new ArrayList<>();
    RollbackExecutor memoryOther = h.builder().build();
    h.builder().listener(e -> {
      if (e instanceof RunEvent.StepStarted && inMemory.isEmpty()) {
        inMemory.add(catchThrowable(() -> memoryOther.run(plan, RunOptions.defaults().withSeverity("high"))));
      }
    }).build().run(plan, RunOptions.defaults().withSeverity("high").withRunId("mem"));
    assertThat(inMemory).singleElement().isInstanceOf(RunLockedException.class)
        .satisfies(e -> assertThat(e).hasMessageContaining(": run mem of plan"));
  }

  @Test
  void anAdapterTargetIsLockedWhateverTheWorkspace() throws Exception {
    Harness h = new Harness(dir);
    Path target = Files.createDirectories(dir.resolve("repo"));
    Path lockFile = target.resolve("lock");
    class Targeted extends TestAdapter {
      Targeted() {
        super(h.ledger);
      }

      @Override
      public Collection<Path> runLocks() {
        return List.of(lockFile);
      }
    }
    Path otherWorkspace = Files.createDirectories(dir.resolve("other-workspace"));
    RollbackExecutor elsewhere = RollbackExecutor.builder().workspace(otherWorkspace)
        .journal(Journal.directory(otherWorkspace.resolve("journal"))).clock(h.clock)
        .approver(Approvers.automatic("bob", "test")).adapter(new Targeted()).build();
    List<Throwable> refused = new ArrayList<>();
    RollbackPlan plan = TestPlans.threePhases(FailurePolicy.CONTINUE);
    executor(h, dir.resolve("journal"), new Targeted(), refused, () -> elsewhere.run(plan,
        RunOptions.defaults().withSeverity("high"))).run(plan, RunOptions.defaults().withSeverity("high")
        .withRunId("holder"));

    assertThat(refused).singleElement().isInstanceOf(RunLockedException.class).satisfies(e -> assertThat(e)
        .hasMessageStartingWith("plan 'three phases, CONTINUE' cannot run on the test target of " + target.toRealPath()
            + ": run holder of plan")
        .hasMessageEndingWith("(lock file " + lockFile.toRealPath() + ")"));
  }

  @Test
  void aRunInAnotherProcessHoldsTheWorkspaceUntilItIsKilledThenItsRunResumes() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
        System.getProperty("java.class.path"), CrashDrill.class.getName(), dir.toString(), "started:s2")
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    try {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.exists(dir.resolve("paused")) && child.isAlive() && System.nanoTime() < until) {
        child.waitFor(20, TimeUnit.MILLISECONDS);
      }
      assertThat(dir.resolve("paused")).as("the child's log: %s", Files.readString(dir.resolve("child.log")))
          .exists();
      Harness h = new Harness(dir);
      RollbackExecutor other = executor(h, dir.resolve("another-journal"), new TestAdapter(h.ledger), List.of(),
          null);

      Throwable refused = catchThrowable(() -> other.run(TestPlans.threePhases(FailurePolicy.HALT),
          RunOptions.defaults().withSeverity("high")));

      assertThat(refused).isInstanceOf(RunLockedException.class).hasMessageContaining(": run crash-drill of plan"
          + " 'crash drill' (process " + child.pid() + ", since ");
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    RollbackReport resumed = CrashDrill.executor(dir, "none").resume(CrashDrill.plan(), CrashDrill.RUN_ID);

    assertThat(resumed.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(new Ledger(dir.resolve("ledger")).lines()).containsExactly("apply s1", "apply s2", "apply s3");
  }
}
