package dev.rollback.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run in a child JVM is killed with SIGKILL at every step boundary and in the middle of every step, in turn;
 * after each kill, resume finishes it: every step applied exactly once, and the report equal to an uninterrupted
 * run's, timings aside.
 */
class CrashResumeTest {

  @TempDir
  Path dir;

  @Test
  void aRunKilledAtAnyPointResumesToTheSameReportWithEveryStepAppliedOnce() throws Exception {
    Path reference = Files.createDirectories(dir.resolve("reference"));
    RollbackReport expected = CrashDrill.executor(reference, "none").run(CrashDrill.plan(), CrashDrill.options());
    assertThat(expected.status()).isEqualTo(RunStatus.SUCCEEDED);
    List<String> failures = new ArrayList<>();
    for (String point : CrashDrill.pausePoints()) {
      Path d = Files.createDirectories(dir.resolve(point.replace(':', '-')));
      killAt(d, point);
      RollbackReport resumed = CrashDrill.executor(d, "none").resume(CrashDrill.plan(), CrashDrill.RUN_ID);

      Ledger ledger = new Ledger(d.resolve("ledger"));
      assertThat(ledger.lines()).as("ledger after a kill at %s", point)
          .containsExactly("apply s1", "apply s2", "apply s3");
      assertThat(new Ledger(d.resolve("notifications")).lines()).as("notifications after a kill at %s", point)
          .hasSize(1);
      assertThat(resumed.resumedAt()).as("resumed at, after a kill at %s", point).hasSize(1);
      if (!resumed.withoutTimings().equals(expected.withoutTimings())) {
        failures.add(point + ":\n" + resumed.withoutTimings().toJson());
      }
    }
    assertThat(failures).as("reports that differ from the uninterrupted run's:\n%s", expected.withoutTimings()
        .toJson()).isEmpty();
  }

  private static void killAt(Path d, String point) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
        System.getProperty("java.class.path"), CrashDrill.class.getName(), d.toString(), point)
        .redirectErrorStream(true).redirectOutput(d.resolve("child.log").toFile()).start();
    Path marker = d.resolve("paused");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(marker) && child.isAlive() && System.nanoTime() < until) {
      child.waitFor(20, TimeUnit.MILLISECONDS);
    }
    boolean paused = Files.exists(marker);
    child.destroyForcibly();
    child.waitFor();
    assertThat(paused).as("the child reached %s; its log:\n%s", point,
        Files.readString(d.resolve("child.log"))).isTrue();
    assertThat(Files.readString(marker)).isEqualTo(point);
    assertThat(new File(d.resolve("journal").toFile(), CrashDrill.RUN_ID + ".jsonl")).exists();
  }
}
