package dev.rollback.git.bisect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.git.support.BisectHistory;
import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kill -9 during a bisection, then resume: the run is a separate JVM, killed with SIGKILL (and its probe with it)
 * while its n-th probe runs; the resumed run probes no commit whose probe had finished before the kill, and names
 * the planted culprit. The probe keeps two ledgers: commits it started on and commits it finished.
 */
class BisectKillTest {

  /** Started ledger, then hangs on the n-th start (HANG_AT) until killed, then the verdict and the finished ledger. */
  private static final String PROBE = "#!/bin/sh\n"
      + "n=$(cat \"$1/started\" 2>/dev/null | wc -l)\n"
      + "git rev-parse HEAD >> \"$1/started\"\n"
      + "if [ -n \"$HANG_AT\" ] && [ \"$n\" -ge \"$HANG_AT\" ]; then touch \"$1/hanging\"; sleep 120; fi\n"
      + "if [ -f untestable ]; then v=125; elif [ -f broken ]; then v=1; else v=0; fi\n"
      + "git rev-parse HEAD >> \"$1/finished\"\n"
      + "exit $v\n";

  @ParameterizedTest(name = "killed during probe {0}, k={1}")
  @CsvSource({"3, 1", "5, 1", "4, 2"})
  void aResumedBisectionProbesNoCommitTwiceAndNamesTheSameCulprit(int hangAt, int k) throws Exception {
    try (Sandbox box = Sandbox.create()) {
      GitCli git = box.init("repo");
      BisectHistory hist = BisectHistory.write(git, 1000 + hangAt * 10L + k, 300, true, 0.0);
      Path probe = Files.writeString(box.root().resolve("probe.sh"), PROBE);
      Path ledgers = Files.createDirectories(box.root().resolve("ledgers"));
      Path journal = Files.createDirectories(box.root().resolve("journal"));
      String good = hist.main.get(0);                        // the planted culprit is after it
      String bad = hist.main.get(hist.main.size() - 1);       // and before it
      List<String> args = List.of(git.dir().toString(), journal.toString(), "bisect-kill", good, bad,
          probe.toString(), ledgers.toString(), Integer.toString(k));

      Process first = child("run", args, Integer.toString(hangAt), box.root().resolve("first.out"));
      Path hanging = ledgers.resolve("hanging");
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.exists(hanging) && first.isAlive() && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      assertThat(hanging).as(Files.readString(box.root().resolve("first.out"))).exists();
      List<ProcessHandle> tree = new ArrayList<>(first.descendants().toList());
      first.destroyForcibly();                               // SIGKILL: the JVM dies mid-probe
      first.waitFor();
      tree.forEach(ProcessHandle::destroyForcibly);           // and its probe, as a killed process group would
      List<String> finishedBefore = lines(ledgers.resolve("finished"));
      assertThat(finishedBefore).hasSizeGreaterThanOrEqualTo(hangAt - k);
      Files.delete(hanging);

      Process second = child("resume", args, "", box.root().resolve("second.out"));
      assertThat(second.waitFor(300, TimeUnit.SECONDS)).isTrue();
      String out = Files.readString(box.root().resolve("second.out"));
      assertThat(out).as(out).contains("STATUS SUCCEEDED").contains("CULPRIT " + hist.main.get(hist.culprit));
      List<String> finished = lines(ledgers.resolve("finished"));
      Set<String> seen = new HashSet<>();
      for (String c : finished) {
        assertThat(seen.add(c)).as("commit " + c + " probed to the end twice; finished ledger " + finished).isTrue();
      }
      assertThat(finished).hasSizeGreaterThan(finishedBefore.size());
      assertThat(git.run("status", "--porcelain")).isEmpty();
      assertThat(git.gitDir().resolve("rollback/bisect")).isEmptyDirectory();
    }
  }

  private static Process child(String mode, List<String> args, String hangAt, Path out) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(BisectChild.class.getName());
    cmd.add(mode);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().put("HANG_AT", hangAt);
    return pb.start();
  }

  private static List<String> lines(Path p) throws IOException {
    if (!Files.exists(p)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(p, StandardCharsets.UTF_8)) {
      if (!l.isBlank()) {
        out.add(l.strip());
      }
    }
    return out;
  }
}
