package dev.rollback.benchmarks;

import static dev.rollback.Rollback.branch;
import static dev.rollback.Rollback.path;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.template;

import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Step;
import dev.rollback.examples.sandbox.Sandbox;
import dev.rollback.examples.sandbox.SandboxSpec;
import dev.rollback.git.GitAdapter;
import dev.rollback.git.GitChecks;
import dev.rollback.git.GitSteps;
import dev.rollback.testkit.AdapterHarness;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The seed's configuration rollback, timed side by side: the shell with {@code git} against the same steps through
 * the Git adapter, on a generated history of 10,000 commits and 3,000 files with a bare origin. Not a JMH benchmark
 * (it measures whole flows that change the repository, with processes); a measuring tool for the numbers in the
 * adapter's report.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.rollback.benchmarks.GitSeedComparison /tmp/seed-bench 10
 * </pre>
 *
 * <p>The flow: find the culprit ({@code git log --oneline --grep=P3-007 | tail -1}), create and check out a
 * rollback branch, revert the culprit, restore two files as they were before it and commit, push the branch with a
 * lease. Each iteration works on a new branch, after checking out {@code main} again (not timed). "Warm" runs the
 * library's flow in this JVM after warm-up iterations; "cold" starts a new JVM for one flow and times the whole
 * process, as a user running a launcher would experience it.
 */
public final class GitSeedComparison {

  private static final String[] FILES = {".github/workflows/ci.yml", "Makefile"};

  private GitSeedComparison() {}

  /**
   * Runs the comparison, or one flow ({@code once <work> <branch>}) for the cold measurement.
   *
   * @param args {@code <dir> [iterations]}, or {@code once <work> <branch>}
   * @throws Exception when the sandbox or a flow fails
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    if (args.length == 3 && args[0].equals("once")) {
      Path work = Path.of(args[1]);
      try (GitAdapter adapter = GitAdapter.open(work)) {
        library(adapter, work, args[2], "cold-" + args[2]);
      }
      return;
    }
    Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/rollback-seed-bench");
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path work = dir.resolve("work");
    if (!Files.isDirectory(work)) {
      long t = System.nanoTime();
      Sandbox.create(dir, SandboxSpec.benchmark());
      out.printf(Locale.ROOT, "generated 10,000 commits and 3,000 files in %s (%.1f s)%n", dir,
          (System.nanoTime() - t) / 1e9);
    }
    git(work, "checkout", "-q", "main");
    git(work, "gc", "-q");

    String tag = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    List<Double> shell = new ArrayList<>();
    for (int i = 0; i < iterations; i++) {
      git(work, "checkout", "-q", "main");
      long t = System.nanoTime();
      shell(work, "bench-shell-" + tag + "-" + i);
      shell.add((System.nanoTime() - t) / 1e6);
    }
    List<Double> warm = new ArrayList<>();
    try (GitAdapter adapter = GitAdapter.open(work)) {
      for (int i = 0; i < iterations * 3; i++) {
        git(work, "checkout", "-q", "main");
        long t = System.nanoTime();
        library(adapter, work, "bench-lib-" + tag + "-" + i, "warm-" + tag + "-" + i);
        if (i >= iterations * 2) {
          warm.add((System.nanoTime() - t) / 1e6);
        }
      }
    }
    List<Double> cold = new ArrayList<>();
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    StringBuilder classPath = new StringBuilder();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      classPath.append(classPath.length() == 0 ? "" : java.io.File.pathSeparator)
          .append(Path.of(entry).toAbsolutePath());
    }
    for (int i = 0; i < Math.max(3, iterations / 2); i++) {
      git(work, "checkout", "-q", "main");
      long t = System.nanoTime();
      run(work, javaBin, "-cp", classPath.toString(), GitSeedComparison.class.getName(), "once",
          work.toString(), "bench-cold-" + tag + "-" + i);
      cold.add((System.nanoTime() - t) / 1e6);
    }
    git(work, "checkout", "-q", "main");
    double s = median(shell);
    out.printf(Locale.ROOT, "shell with git   median %7.1f ms  %s%n", s, shell);
    out.printf(Locale.ROOT, "library, warm    median %7.1f ms  %s  (%.2fx the shell)%n", median(warm), warm,
        median(warm) / s);
    out.printf(Locale.ROOT, "library, cold    median %7.1f ms  %s  (%.2fx the shell)%n", median(cold), cold,
        median(cold) / s);
  }

  private static void shell(Path work, String name) throws IOException, InterruptedException {
    String script = String.join("\n",
        "set -e",
        "LAST_STABLE_COMMIT=$(git log --oneline --grep=\"P3-007\" | tail -1 | cut -d' ' -f1)",
        "git checkout -q -b " + name,
        "git revert --no-edit $LAST_STABLE_COMMIT > /dev/null",
        "git checkout $LAST_STABLE_COMMIT^ -- " + String.join(" ", FILES),
        "git commit -q -m 'Restore the CI configuration from before P3-007'",
        "git push -q --force-with-lease=" + name + ": origin " + name + " 2> /dev/null");
    run(work, "bash", "-c", script);
  }

  static void library(GitAdapter adapter, Path work, String name, String runId) throws Exception {
    Step create = GitSteps.checkoutNewBranch(branch(name));
    Step revert = GitSteps.revert(ref("culprit"));
    Step restore = GitSteps.restore(template("{{culprit}}^"), List.of(path(FILES[0]), path(FILES[1])),
        "Restore the CI configuration from before P3-007");
    Step push = GitSteps.pushWithLease("origin", branch(name));
    RollbackPlan plan = Rollback.plan("seed configuration rollback")
        .procedure(procedure("configuration").phase(phase("roll back").step(create, revert, restore, push)))
        .build();
    AdapterHarness run = AdapterHarness.builder(adapter).runId(runId).plan(plan).workspace(work).build();
    long[] t = new long[7];
    t[0] = System.nanoTime();
    run.onRunStart();
    t[1] = System.nanoTime();
    if (!run.evaluate(GitChecks.commitMatching("P3-007").oldest().as("culprit")).passed()) {
      throw new IllegalStateException("no P3-007 commit in " + work);
    }
    t[2] = System.nanoTime();
    run.apply(create);
    t[3] = System.nanoTime();
    run.apply(revert);
    t[4] = System.nanoTime();
    run.apply(restore);
    t[5] = System.nanoTime();
    run.apply(push);
    t[6] = System.nanoTime();
    if (Boolean.getBoolean("bench.breakdown")) {
      System.err.printf(Locale.ROOT, "%s: lease %.1f, find %.1f, branch %.1f, revert %.1f, restore %.1f, push %.1f ms%n",
          runId, (t[1] - t[0]) / 1e6, (t[2] - t[1]) / 1e6, (t[3] - t[2]) / 1e6, (t[4] - t[3]) / 1e6,
          (t[5] - t[4]) / 1e6, (t[6] - t[5]) / 1e6);
    }
  }

  private static void git(Path work, String... args) throws IOException, InterruptedException {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "git";
    System.arraycopy(args, 0, cmd, 1, args.length);
    run(work, cmd);
  }

  private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + new String(output));
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
