package dev.rollback.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Checks;
import dev.rollback.Command;
import dev.rollback.Effect;
import dev.rollback.Rollback;
import dev.rollback.RollbackException;
import dev.rollback.RollbackPlan;
import dev.rollback.Step;
import dev.rollback.Steps;
import dev.rollback.internal.journal.JournalText;
import dev.rollback.report.RollbackReport.Intervention;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import dev.rollback.run.Settlement;
import dev.rollback.run.event.RunEvent;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.Interruption;
import dev.rollback.spi.Probe;
import dev.rollback.spi.Recovery;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming work a crash cut off: the adapter that owned it recovers what it left half-done (through
 * {@link Adapter#recover}) before it is probed, stopping the run on what it cannot prove stale; a step no adapter can
 * probe is settled by the operator ({@link Settlement}); a command declares its own probe
 * ({@link Step#appliedWhen}). A crash is an error thrown by a listener at a chosen event, and the world is left as
 * a process killed there would leave it.
 */
class InterruptedWorkTest {

  @TempDir
  Path dir;

  /**
   * An adapter whose steps write a file {@code <id>} under a lock file {@code <id>.lock}, as Git writes a ref: the
   * lock is created first and removed last, so a process killed in between leaves it behind.
   */
  static final class Locking implements Adapter {
    final Path dir;
    final List<Interruption> interruptions = new CopyOnWriteArrayList<>();

    Locking(Path dir) {
      this.dir = dir;
    }

    static Step write(String id) {
      return Step.of("lk.write", id, Effect.REVERSIBLE, Map.of("id", id));
    }

    @Override
    public String name() {
      return "lk";
    }

    @Override
    public Map<String, StepHandler> steps() {
      return Map.of("lk.write", new StepHandler() {
        @Override
        public StepPreview preview(StepContext s) {
          return StepPreview.of("would write " + s.string("id"));
        }

        @Override
        public StepResult apply(StepContext s) throws IOException {
          Path lock = dir.resolve(s.string("id") + ".lock");
          Files.createFile(lock);
          Files.writeString(dir.resolve(s.string("id")), "written\n", StandardCharsets.UTF_8);
          Files.delete(lock);
          return StepResult.of("wrote " + s.string("id"));
        }

        @Override
        public Probe isApplied(StepContext s) {
          return Files.exists(dir.resolve(s.string("id"))) ? Probe.applied(StepResult.of("wrote " + s.string("id")))
              : Probe.notApplied();
        }
      });
    }

    @Override
    public void beforeFirstMutation(RunContext run) throws IOException {
      Path lock = dir.resolve("backup.lock");
      Files.createFile(lock);
      Files.delete(lock);
    }

    @Override
    public Recovery recover(RunContext run, Interruption cutOff) throws IOException {
      interruptions.add(cutOff);
      Path lock = dir.resolve(cutOff.step().map(s -> s.string("id")).orElse("backup") + ".lock");
      if (!Files.exists(lock)) {
        return Recovery.none();
      }
      if (Files.getLastModifiedTime(lock).toInstant().isBefore(cutOff.since().minusSeconds(2))) {
        return Recovery.blocked(lock + " is older than the interrupted process, so it is not its own; if nothing"
            + " else writes here, remove it: rm '" + lock + "'");
      }
      Files.delete(lock);
      return Recovery.recovered(List.of("removed the stale lock " + lock));
    }
  }

  private RollbackPlan plan(Step... steps) {
    return Rollback.plan("interrupted work")
        .severity(Rollback.severity("high").when(Rollback.declared("x")).rollbackWithin(Rollback.hours(1))
            .approval(Rollback.discretion()))
        .procedure(Rollback.procedure("p").phase(Rollback.phase("one").step(steps).validate(Checks.command("true"))))
        .build();
  }

  private RollbackExecutor executor(Harness h, Adapter adapter, String crashAtStep) {
    return RollbackExecutor.builder().workspace(dir).journal(Journal.directory(dir.resolve("journal")))
        .clock(h.clock).approver(Approvers.automatic("alice", "test")).adapter(adapter).listener(h.events::add)
        .listener(e -> {
          if (e instanceof RunEvent.StepStarted && ((RunEvent.StepStarted) e).step().equals(crashAtStep)) {
            throw new ResumeTest.Crash();
          }
        }).build();
  }

  private List<Map<String, Object>> journal(String runId) throws IOException {
    return JournalText.parse("journal", Files.readAllBytes(dir.resolve("journal").resolve(runId + ".jsonl")))
        .records();
  }

  @Test
  void theAdapterClearsTheStaleLockItsCutOffStepLeftBeforeTheStepIsProbedAndTheRunSucceeds() throws Exception {
    Harness h = new Harness(dir);
    Locking lk = new Locking(dir);
    RunOptions options = RunOptions.defaults().withSeverity("high").withRunId("stale-lock");
    assertThatThrownBy(() -> executor(h, lk, "a").run(plan(Locking.write("a")), options))
        .isInstanceOf(ResumeTest.Crash.class);
    // What a kill after the step took its lock leaves: the lock, and no file.
    Files.createFile(dir.resolve("a.lock"));

    RollbackReport report = executor(h, lk, "none").resume(plan(Locking.write("a")), "stale-lock");

    assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(dir.resolve("a.lock")).doesNotExist();
    assertThat(dir.resolve("a")).hasContent("written");
    assertThat(lk.interruptions).singleElement().satisfies(i -> {
      assertThat(i.work()).isEqualTo(Interruption.Work.STEP);
      assertThat(i.step().get().step().name()).isEqualTo("a");
      assertThat(i.pid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(i.since()).isBetween(Instant.now().minusSeconds(60), Instant.now());
      assertThat(i.describe()).isEqualTo("step 'a' (lk.write)");
    });
    assertThat(report.interventions()).singleElement().satisfies(x -> {
      assertThat(x.kind()).isEqualTo(Intervention.RECOVERED);
      assertThat(x.subject()).isEqualTo("step 'a' in phase 'one'");
      assertThat(x.summary()).isEqualTo("removed the stale lock " + dir.resolve("a.lock"));
      assertThat(x.by()).isEqualTo("adapter 'lk'");
    });
    assertThat(report.toMarkdown()).contains("## After the interruption", "| recovered | step 'a' in phase 'one' |"
        + " removed the stale lock " + dir.resolve("a.lock") + " | adapter 'lk' |");
    assertThat(h.events(RunEvent.Intervened.class)).singleElement().satisfies(e -> assertThat(e.describe())
        .isEqualTo("recovered step 'a' in phase 'one': removed the stale lock " + dir.resolve("a.lock")));
    assertThat(journal("stale-lock")).filteredOn(r -> "recovered".equals(r.get("type"))).singleElement()
        .satisfies(r -> assertThat(r).containsEntry("key", "step:1.1").containsEntry("adapter", "lk")
            .containsEntry("actions", List.of("removed the stale lock " + dir.resolve("a.lock"))));
  }

  @Test
  void aLockTheAdapterCannotProveStaleStopsTheRunWithItsPathAndCommandUntilItIsDealtWith() throws Exception {
    Harness h = new Harness(dir);
    Locking lk = new Locking(dir);
    RunOptions options = RunOptions.defaults().withSeverity("high").withRunId("old-lock");
    assertThatThrownBy(() -> executor(h, lk, "a").run(plan(Locking.write("a")), options))
        .isInstanceOf(ResumeTest.Crash.class);
    Path lock = Files.createFile(dir.resolve("a.lock"));
    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(3600)));

    RollbackReport stopped = executor(h, lk, "none").resume(plan(Locking.write("a")), "old-lock");

    assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
    assertThat(stopped.summary()).isEqualTo("the run was interrupted during step 'a' in phase 'one', and what that"
        + " left behind cannot be cleared safely: " + lock + " is older than the interrupted process, so it is not"
        + " its own; if nothing else writes here, remove it: rm '" + lock + "'; nothing more ran. Once it is dealt"
        + " with, resume the run: rollback resume old-lock");
    assertThat(lock).exists();
    assertThat(dir.resolve("a")).doesNotExist();

    Files.delete(lock);
    RollbackReport resumed = executor(h, lk, "none").resume(plan(Locking.write("a")), "old-lock");

    assertThat(resumed.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(dir.resolve("a")).hasContent("written");
    assertThat(resumed.resumedAt()).hasSize(2);
  }

  @Test
  void workCutOffWhileTheAdapterPreparedIsRecoveredBeforeItPreparesAgain() throws Exception {
    Harness h = new Harness(dir);
    Locking lk = new Locking(dir);
    RunOptions options = RunOptions.defaults().withSeverity("high").withRunId("prep");
    assertThatThrownBy(() -> executor(h, lk, "a").run(plan(Locking.write("a")), options))
        .isInstanceOf(ResumeTest.Crash.class);
    // What a kill inside the backup leaves: the journal ends with the preparation announced, and its lock.
    Path file = dir.resolve("journal").resolve("prep.jsonl");
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int preparing = 0;
    while (!lines.get(preparing).contains("\"adapter.preparing\"")) {
      preparing++;
    }
    Files.write(file, lines.subList(0, preparing + 1), StandardCharsets.UTF_8);
    Files.createFile(dir.resolve("backup.lock"));

    RollbackReport report = executor(h, lk, "none").resume(plan(Locking.write("a")), "prep");

    assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(lk.interruptions).singleElement().satisfies(i -> {
      assertThat(i.work()).isEqualTo(Interruption.Work.PREPARATION);
      assertThat(i.step()).isEmpty();
    });
    assertThat(report.interventions()).singleElement().satisfies(x -> assertThat(x.subject())
        .isEqualTo("adapter 'lk' preparing its first change"));
    assertThat(dir.resolve("backup.lock")).doesNotExist();
  }

  private static RollbackPlan commandPlan(Step step) {
    return Rollback.plan("settled by hand")
        .severity(Rollback.severity("high").when(Rollback.declared("x")).rollbackWithin(Rollback.hours(1))
            .approval(Rollback.discretion()))
        .procedure(Rollback.procedure("p").phase(Rollback.phase("one")
            .step(step.named("count").effect(Effect.REVERSIBLE), Steps.run(Command.of("touch", "after"))
                .named("after").effect(Effect.REVERSIBLE))
            .validate(Checks.command("true"))))
        .build();
  }

  private static Step counting() {
    return Steps.run(Command.of("sh", "-c", "echo once >> count"));
  }

  @Test
  void aCommandCutOffStopsTheRunAskingTheOperatorToSettleItAndADoneSettlementGoesOnWithoutRunningItAgain()
      throws Exception {
    Harness h = new Harness(dir);
    RollbackPlan plan = commandPlan(counting());
    RunOptions options = RunOptions.defaults().withSeverity("high").withRunId("settle-done");
    assertThatThrownBy(() -> executor(h, h.adapter, "count").run(plan, options)).isInstanceOf(ResumeTest.Crash.class);
    // The command ran before the process died, as the operator will find.
    Files.writeString(dir.resolve("count"), "once\n");

    RollbackReport stopped = executor(h, h.adapter, "none").resume(plan, "settle-done");
    RollbackReport again = executor(h, h.adapter, "none").resume(plan, "settle-done");

    String expected = "cannot tell whether step 'count' took effect before the run was interrupted (the"
        + " core.command handler cannot tell whether the step took effect); nothing more ran. Check by hand, then"
        + " settle it and go on: rollback resume settle-done --step 'count' --done \"<what you checked>\" if it took"
        + " effect, or --redo if it did not (in Java: executor.resume(plan, runId, Settlement.done(...) or"
        + " Settlement.redo(...)))";
    assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
    assertThat(stopped.summary()).isEqualTo(expected);
    assertThat(again.status()).isEqualTo(RunStatus.STOPPED);
    assertThat(again.summary()).isEqualTo(expected);

    RollbackReport settled = executor(h, h.adapter, "none").resume(plan,
        "settle-done", Settlement.done("count", "count holds 'once': the command ran").by("carol"));

    assertThat(settled.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(dir.resolve("count")).hasContent("once");
    assertThat(dir.resolve("after")).exists();
    assertThat(settled.step("count").get().summary()).isEqualTo("settled as done by carol: count holds 'once': the"
        + " command ran");
    assertThat(settled.interventions()).singleElement().satisfies(x -> {
      assertThat(x.kind()).isEqualTo(Intervention.SETTLED_DONE);
      assertThat(x.subject()).isEqualTo("step 'count' in phase 'one'");
      assertThat(x.summary()).isEqualTo("count holds 'once': the command ran");
      assertThat(x.by()).isEqualTo("carol");
      assertThat(x.at()).isEqualTo(h.clock.instant());
    });
    assertThat(settled.toMarkdown()).contains("| settled: done | step 'count' in phase 'one' | count holds 'once':"
        + " the command ran | carol |");
    assertThat(journal("settle-done")).filteredOn(r -> "settled".equals(r.get("type"))).singleElement()
        .satisfies(r -> assertThat(r).containsEntry("key", "step:1.1").containsEntry("verdict", "DONE")
            .containsEntry("by", "carol").containsEntry("step", "count"));
    assertThat(executor(h, h.adapter, "none").resume(plan, "settle-done")).isEqualTo(settled);
  }

  @Test
  void aRedoSettlementRunsTheCutOffCommandAgainOnce() throws Exception {
    Harness h = new Harness(dir);
    RollbackPlan plan = commandPlan(counting());
    RunOptions options = RunOptions.defaults().withSeverity("high").withRunId("settle-redo");
    assertThatThrownBy(() -> executor(h, h.adapter, "count").run(plan, options)).isInstanceOf(ResumeTest.Crash.class);

    RollbackReport settled = executor(h, h.adapter, "none").resume(plan, "settle-redo",
        Settlement.redo("count", "count does not exist"));

    assertThat(settled.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(dir.resolve("count")).hasContent("once");
    assertThat(settled.interventions()).singleElement().satisfies(x -> {
      assertThat(x.kind()).isEqualTo(Intervention.SETTLED_REDO);
      assertThat(x.by()).isEqualTo(System.getProperty("user.name"));
    });
  }

  @Test
  void aSettlementNamingAStepThatIsNotWaitingIsRefusedSayingWhichIsAndRecordsNothing() throws Exception {
    Harness h = new Harness(dir);
    RollbackPlan plan = commandPlan(counting());
    RunOptions options = RunOptions.defaults().withSeverity("high").withRunId("wrong-step");
    assertThatThrownBy(() -> executor(h, h.adapter, "after").run(plan, options)).isInstanceOf(ResumeTest.Crash.class);
    long before = Files.size(dir.resolve("journal").resolve("wrong-step.jsonl"));

    assertThatThrownBy(() -> executor(h, h.adapter, "none").resume(plan, "wrong-step",
        Settlement.done("count", "it ran"))).isInstanceOf(RollbackException.class)
        .hasMessage("step 'count' of run wrong-step is not waiting to be settled: it was applied; the step waiting"
            + " is step 'after' in phase 'one'. Nothing was recorded");
    assertThatThrownBy(() -> executor(h, h.adapter, "none").resume(plan, "wrong-step",
        Settlement.done("nope", "it ran"))).isInstanceOf(RollbackException.class)
        .hasMessage("step 'nope' of run wrong-step is not waiting to be settled: the run never started a step of"
            + " that name; the step waiting is step 'after' in phase 'one'. Nothing was recorded");
    assertThat(Files.size(dir.resolve("journal").resolve("wrong-step.jsonl"))).isEqualTo(before);

    RollbackReport done = executor(h, h.adapter, "none").resume(plan, "wrong-step",
        Settlement.redo("after", ""));
    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThatThrownBy(() -> executor(h, h.adapter, "none").resume(plan, "wrong-step",
        Settlement.done("after", "it ran"))).isInstanceOf(RollbackException.class)
        .hasMessage("run wrong-step finished (SUCCEEDED), so no step of it is waiting to be settled; step 'after'"
            + " was not settled");
    RollbackPlan binding = commandPlan(counting().as("counted"));
    assertThatThrownBy(() -> executor(h, h.adapter, "count").run(binding, RunOptions.defaults().withSeverity("high")
        .withRunId("binds"))).isInstanceOf(ResumeTest.Crash.class);
    assertThatThrownBy(() -> executor(h, h.adapter, "none").resume(binding, "binds",
        Settlement.done("count", "it ran"))).isInstanceOf(RollbackException.class)
        .hasMessage("step 'count' of run binds binds output 'counted', whose value no settlement can give, so it"
            + " cannot be settled as done; settle it with --redo (Settlement.redo) to run it again. Nothing was"
            + " recorded");
    assertThatThrownBy(() -> Settlement.done("after", " ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("settling step 'after' as done needs the evidence: say what you checked");
  }

  @Test
  void aCommandWithAnIdempotencyProbeIsTakenAsAppliedWhenItsCheckPassesAndRunsAgainWhenItFails() throws Exception {
    Harness h = new Harness(dir);
    RollbackPlan plan = commandPlan(counting().appliedWhen(Checks.command("grep", "-q", "once", "count")));
    assertThat(plan.check().problems()).isEmpty();
    assertThat(plan.toMarkdown()).contains("1. count — `sh -c 'echo once >> count'`, reversible, timeout 5 minutes,"
        + " done when `grep -q once count` passes\n");
    assertThatThrownBy(() -> executor(h, h.adapter, "count").run(plan, RunOptions.defaults().withSeverity("high")
        .withRunId("probe-applied"))).isInstanceOf(ResumeTest.Crash.class);
    Files.writeString(dir.resolve("count"), "once\n");

    RollbackReport applied = executor(h, h.adapter, "none").resume(plan, "probe-applied");

    assertThat(applied.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(dir.resolve("count")).hasContent("once");
    assertThat(applied.step("count").get().summary()).startsWith("applied before the interruption: check"
        + " 'grep -q once count' passed");
    assertThat(applied.interventions()).isEmpty();

    Files.delete(dir.resolve("count"));
    assertThatThrownBy(() -> executor(h, h.adapter, "count").run(plan, RunOptions.defaults().withSeverity("high")
        .withRunId("probe-not-applied"))).isInstanceOf(ResumeTest.Crash.class);

    RollbackReport ranAgain = executor(h, h.adapter, "none").resume(plan, "probe-not-applied");

    assertThat(ranAgain.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(dir.resolve("count")).hasContent("once");
    assertThat(ranAgain.step("count").get().summary()).isEqualTo("`sh -c 'echo once >> count'` exited 0");
  }

  @Test
  void aProbeThatCannotBeEvaluatedNeverCountsAsNotApplied() throws Exception {
    Harness h = new Harness(dir);
    RollbackPlan plan = commandPlan(counting().appliedWhen(Checks.command("no-such-program-here")));
    assertThatThrownBy(() -> executor(h, h.adapter, "count").run(plan, RunOptions.defaults().withSeverity("high")
        .withRunId("probe-broken"))).isInstanceOf(ResumeTest.Crash.class);

    RollbackReport stopped = executor(h, h.adapter, "none").resume(plan, "probe-broken");

    assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
    assertThat(stopped.summary()).startsWith("cannot tell whether step 'count' took effect before the run was"
        + " interrupted (its idempotency probe, check 'no-such-program-here', ");
    assertThat(dir.resolve("count")).doesNotExist();
  }

  @Test
  void aProbeThatBindsAnOutputOrUsesALaterOneIsAPlanProblem() {
    RollbackPlan plan = commandPlan(counting().appliedWhen(Checks.command("grep", "-q", "once", "count")
        .as("seen")));
    RollbackPlan later = commandPlan(counting().as("first").appliedWhen(Checks.command(Command.of("test", "-n",
        "x")).with("extra", Rollback.ref("first"))));

    assertThat(plan.check().problems().stream().map(Object::toString).collect(Collectors.toList()))
        .containsExactly("procedures[p].phases[one].steps[count].appliedWhen.output: an idempotency probe binds no"
            + " output (it runs only when an interrupted run resumes), but check 'grep -q once count' binds 'seen';"
            + " drop its .as(...)");
    assertThat(later.check().problems().stream().map(Object::toString).collect(Collectors.toList()))
        .containsExactly("procedures[p].phases[one].steps[count].appliedWhen.params.extra: refers to output 'first' that"
            + " no earlier step or check binds");
    assertThat(commandPlan(counting()).hash()).isNotEqualTo(commandPlan(counting().appliedWhen(
        Checks.command("true"))).hash());
  }

  @Test
  void aStoppedRunSendsNoFailureMessageUntilItEnds() throws Exception {
    Harness h = new Harness(dir);
    List<String> sent = new ArrayList<>();
    RollbackPlan plan = RollbackPlan.builder().from(commandPlan(counting()))
        .messages(List.of(Rollback.message("failed").on(dev.rollback.NotificationEvent.ROLLBACK_FAILED).title("failed")
            .body("{{status}}").via("chat").build(), Rollback.message("done").on(
                dev.rollback.NotificationEvent.ROLLBACK_COMPLETED).title("done").body("{{status}}").via("chat")
                .build()))
        .build();
    RunOptions options = RunOptions.defaults().withSeverity("high").withRunId("quiet-stop");
    RollbackExecutor.Builder b = RollbackExecutor.builder().workspace(dir).journal(Journal.directory(dir.resolve(
        "journal"))).clock(h.clock).approver(Approvers.automatic("alice", "test")).adapter(h.adapter)
        .notifier("chat", n -> {
          sent.add(n.title());
          return new dev.rollback.spi.Delivery("memory", n.title());
        });
    assertThatThrownBy(() -> b.listener(e -> {
      if (e instanceof RunEvent.StepStarted && ((RunEvent.StepStarted) e).step().equals("count")) {
        throw new ResumeTest.Crash();
      }
    }).build().run(plan, options)).isInstanceOf(ResumeTest.Crash.class);
    RollbackExecutor resumer = RollbackExecutor.builder().workspace(dir).journal(Journal.directory(
        dir.resolve("journal"))).clock(h.clock).approver(Approvers.automatic("alice", "test")).adapter(h.adapter)
        .notifier("chat", n -> {
          sent.add(n.title());
          return new dev.rollback.spi.Delivery("memory", n.title());
        }).build();

    assertThat(resumer.resume(plan, "quiet-stop").status()).isEqualTo(RunStatus.STOPPED);
    assertThat(sent).isEmpty();
    RollbackReport done = resumer.resume(plan, "quiet-stop", Settlement.redo("count", "not there"));

    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(sent).containsExactly("done");
    assertThat(done.audits()).hasSize(1);
  }

  @Test
  void anUndoCutOffThatNoAdapterCanProbeIsSettledToo() throws Exception {
    Harness h = new Harness(dir);
    RollbackPlan plan = Rollback.plan("undo cut off")
        .severity(Rollback.severity("high").when(Rollback.declared("x")).rollbackWithin(Rollback.hours(1))
            .approval(Rollback.discretion()))
        .procedure(Rollback.procedure("p").phase(Rollback.phase("one")
            .step(Steps.run(Command.of("touch", "made"), Command.of("rm", "made")).named("make"),
                Steps.run(Command.of("false")).named("fail").effect(Effect.REVERSIBLE))
            .validate(Checks.command("true")).onFailure(dev.rollback.FailurePolicy.COMPENSATE)))
        .build();
    RollbackReport compensated = executor(h, h.adapter, "none").run(plan, RunOptions.defaults().withSeverity("high")
        .withRunId("undo"));
    assertThat(compensated.status()).isEqualTo(RunStatus.COMPENSATED);
    // The journal as a kill during the undo leaves it: the undo announced, never finished.
    Path file = dir.resolve("journal").resolve("undo.jsonl");
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int started = 0;
    while (!lines.get(started).contains("\"undo.started\"")) {
      started++;
    }
    Files.write(file, lines.subList(0, started + 1), StandardCharsets.UTF_8);

    RollbackReport stopped = executor(h, h.adapter, "none").resume(plan, "undo");

    assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
    assertThat(stopped.summary()).startsWith("cannot tell whether the undo of step 'make' took effect before the run"
        + " was interrupted (").endsWith("settle it and go on: rollback resume undo --step 'make' --done \"<what you"
        + " checked>\" if it took effect, or --redo if it did not (in Java: executor.resume(plan, runId,"
        + " Settlement.done(...) or Settlement.redo(...))) (done: the undo took effect; redo: undo it again)");

    RollbackReport settled = executor(h, h.adapter, "none").resume(plan, "undo",
        Settlement.done("make", "made is gone").by("dave"));

    assertThat(settled.status()).isEqualTo(RunStatus.COMPENSATED);
    assertThat(settled.compensation()).singleElement().satisfies(c -> assertThat(c.summary())
        .isEqualTo("settled as undone by dave: made is gone"));
    assertThat(settled.interventions()).singleElement().satisfies(x -> {
      assertThat(x.kind()).isEqualTo(Intervention.SETTLED_DONE);
      assertThat(x.subject()).isEqualTo("the undo of step 'make' in phase 'one'");
    });
  }
}
