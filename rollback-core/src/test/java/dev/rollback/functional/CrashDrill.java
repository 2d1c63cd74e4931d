package dev.rollback.functional;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.message;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static dev.rollback.functional.TestAdapter.apply;
import static dev.rollback.functional.TestAdapter.check;

import dev.rollback.Effect;
import dev.rollback.NotificationEvent;
import dev.rollback.RollbackPlan;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.ManualClock;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunListener;
import dev.rollback.run.RunOptions;
import dev.rollback.run.event.RunEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The crash test's run, the same in the child JVM that gets killed and in the test that resumes it: a plan of two
 * phases whose steps pass outputs along, an executor journaling to a directory, and pause points where the child
 * writes a marker file and waits to be killed.
 */
public final class CrashDrill {

  static final String RUN_ID = "crash-drill";
  static final Instant T0 = Instant.parse("2026-01-01T03:00:00Z");

  private CrashDrill() {}

  static RollbackPlan plan() {
    return dev.rollback.Rollback.plan("crash drill")
        .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
        .checklist(check("ready", true).with("value", "TICKET-7").as("ticket"))
        .procedure(procedure("gradual")
            .phase(phase("one")
                .step(apply("s1", Effect.REVERSIBLE).as("first"),
                    apply("s2", Effect.IRREVERSIBLE).with("after", ref("first")).as("second"))
                .validate(check("one holds", true)))
            .phase(phase("two")
                .step(apply("s3", Effect.REVERSIBLE).with("ticket", ref("ticket")).with("n", ref("second.n")))
                .validate(check("two holds", true))))
        .verify(check("verified", true))
        .communicate(message("done").on(NotificationEvent.ROLLBACK_COMPLETED).title("{{plan}} rolled back")
            .body("first was {{first}}, ticket {{ticket}}").via("file"))
        .build();
  }

  static RollbackExecutor executor(Path dir, String pausePoint) {
    ManualClock clock = ManualClock.at(T0);
    TestAdapter.Pause pause = (id, where) -> pauseIf(dir, pausePoint, where + ":" + id);
    RunListener listener = e -> {
      if (e instanceof RunEvent.StepStarted) {
        pauseIf(dir, pausePoint, "started:" + ((RunEvent.StepStarted) e).step());
      } else if (e instanceof RunEvent.StepApplied) {
        pauseIf(dir, pausePoint, "applied:" + ((RunEvent.StepApplied) e).step());
      } else if (e instanceof RunEvent.ApprovalGranted) {
        pauseIf(dir, pausePoint, "approved");
      } else if (e instanceof RunEvent.CheckEvaluated) {
        pauseIf(dir, pausePoint, "checked:" + ((RunEvent.CheckEvaluated) e).check());
      }
    };
    return RollbackExecutor.builder().workspace(dir).journal(Journal.directory(dir.resolve("journal")))
        .clock(clock).approver(Approvers.automatic("alice", "crash drill"))
        .adapter(new TestAdapter(new Ledger(dir.resolve("ledger")), clock, pause, List.of()))
        .notifier("file", new FileNotifier(new Ledger(dir.resolve("notifications"))))
        .listener(listener).build();
  }

  static RunOptions options() {
    return RunOptions.defaults().withSeverity("high").withRunId(RUN_ID);
  }

  /** The kill points: every step boundary and the middle of every step, plus after approval and checklist. */
  static List<String> pausePoints() {
    return List.of("approved", "checked:ready", "started:s1", "before:s1", "after:s1", "applied:s1", "started:s2",
        "before:s2", "after:s2", "applied:s2", "started:s3", "before:s3", "after:s3", "applied:s3");
  }

  private static void pauseIf(Path dir, String pausePoint, String here) {
    if (!here.equals(pausePoint)) {
      return;
    }
    try {
      Path tmp = Files.writeString(dir.resolve("paused.tmp"), here);
      Files.move(tmp, dir.resolve("paused"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      Thread.sleep(Long.MAX_VALUE);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs the drill until the pause point, where it waits to be killed.
   *
   * @param args the directory and the pause point
   */
  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    executor(dir, args[1]).run(plan(), options());
  }
}
