package dev.rollback.benchmarks;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;

import dev.rollback.Command;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.git.GitAdapter;
import dev.rollback.git.GitBisect;
import dev.rollback.git.GitChecks;
import dev.rollback.report.RollbackReport;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Culprit finding against {@code git bisect run}: a 10,000-commit history (a merge every 50 commits), a
 * 1,000-commit suspect range with a planted culprit, a probe of about one second ({@code sleep 1}); the library's
 * bisection step at parallelism 1 and 2 against {@code git bisect start --first-parent} + {@code git bisect run} with
 * the same probe, for several culprit positions. Prints, per parallelism, {@code RATIO bisect-k<k> <library wall
 * time / git's> probes <library>/<git>}, summed over the positions.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.rollback.benchmarks.BisectComparison &lt;scratch dir&gt; [positions]
 * </pre>
 */
public final class BisectComparison {

  private static final int COMMITS = 10_000;
  private static final int RANGE = 1_000;

  private BisectComparison() {}

  /**
   * Runs the comparison.
   *
   * @param args the scratch folder, then how many culprit positions (default 3)
   * @throws Exception when git or the library fails
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]).toAbsolutePath();
    int positions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Random r = new Random(14);
    long gitNanos = 0;
    int gitProbes = 0;
    long[] libNanos = new long[3];
    int[] libProbes = new int[3];
    for (int p = 0; p < positions; p++) {
      int culprit = COMMITS - RANGE + 1 + r.nextInt(RANGE);
      Path repo = dir.resolve("repo-" + p);
      List<String> main = generate(repo, culprit);
      Path probe = Files.writeString(dir.resolve("probe.sh"),
          "#!/bin/sh\nsleep 1\nif [ -f broken ]; then exit 1; fi\nexit 0\n");
      String good = main.get(COMMITS - RANGE - 1);
      String bad = main.get(COMMITS - 1);
      long t0 = System.nanoTime();
      git(repo, null, "bisect", "start", "--first-parent", bad, good);
      String out = git(repo, null, "bisect", "run", "sh", probe.toString());
      gitNanos += System.nanoTime() - t0;
      git(repo, null, "bisect", "reset");
      int runs = out.split("running ", -1).length - 1;
      gitProbes += runs;
      if (!out.contains(main.get(culprit) + " is the first bad commit")) {
        throw new IllegalStateException("git bisect did not find the planted culprit:\n" + out);
      }
      for (int k = 1; k <= 2; k++) {
        RollbackPlan plan = Rollback.plan("bisect")
            .severity(severity("high").when(declared("red")).rollbackWithin(hours(1)).approval(single("m")))
            .procedure(procedure("find").phase(phase("find").step(GitBisect.between(good, bad)
                .probe(Command.of("sh", probe.toString())).parallelism(k).step().as("culprit"))
                .validate(GitChecks.commitExists("HEAD"))))
            .build();
        Path journal = Files.createDirectories(dir.resolve("journal-" + p + "-" + k));
        long t1 = System.nanoTime();
        RollbackReport report;
        try (RollbackExecutor executor = RollbackExecutor.builder().workspace(repo).adapter(GitAdapter.open(repo))
            .journal(Journal.directory(journal)).approver(Approvers.automatic("bench", "bench")).build()) {
          report = executor.run(plan, RunOptions.defaults().withDeclared("red"));
        }
        libNanos[k] += System.nanoTime() - t1;
        Map<String, Object> outputs = report.outputs();
        if (!main.get(culprit).equals(outputs.get("culprit"))) {
          throw new IllegalStateException("the library did not find the planted culprit: " + report.summary());
        }
        libProbes[k] += ((Number) outputs.get("culprit.probes")).intValue();
      }
      System.err.printf("bench: bisect position %d (culprit %d of %d): git %d probes%n", p, culprit, COMMITS, runs);
    }
    for (int k = 1; k <= 2; k++) {
      System.out.printf("RATIO bisect-k%d %.2f library %.1f s, %d probes; git bisect run %.1f s, %d probes"
          + " (%d culprit positions, %,d-commit range of %,d commits, probe sleep 1)%n", k,
          (double) libNanos[k] / gitNanos, libNanos[k] / 1e9, libProbes[k], gitNanos / 1e9, gitProbes, positions,
          RANGE, COMMITS);
    }
  }

  /** A 10,000-commit history by {@code git fast-import}; the culprit and every later main commit hold broken. */
  static List<String> generate(Path repo, int culprit) throws IOException, InterruptedException {
    if (Files.exists(repo)) {
      ProcessBuilder rm = new ProcessBuilder("rm", "-rf", repo.toString());
      rm.start().waitFor();
    }
    Files.createDirectories(repo);
    git(repo, null, "init", "-q", "-b", "main");
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    int mark = 0;
    int prev = 0;
    long time = 1767225600L;
    for (int i = 0; i < COMMITS; i++) {
      int side = 0;
      StringBuilder c = new StringBuilder();
      if (i > 0 && i % 50 == 0) {
        mark++;
        side = mark;
        c.append("commit refs/heads/side\nmark :").append(mark).append("\ncommitter S <s@b> ").append(time++)
            .append(" +0000\n");
        data(c, "side " + i);
        c.append("from :").append(prev).append("\nM 100644 inline side/").append(i % 100).append('\n');
        data(c, "side " + i);
      }
      mark++;
      c.append("commit refs/heads/main\nmark :").append(mark).append("\ncommitter M <m@b> ").append(time++)
          .append(" +0000\n");
      data(c, (side != 0 ? "Merge " : "Change ") + i);
      if (prev != 0) {
        c.append("from :").append(prev).append('\n');
      }
      if (side != 0) {
        c.append("merge :").append(side).append('\n');
      }
      c.append("M 100644 inline changes/").append(i % 500).append('\n');
      data(c, Integer.toString(i));
      if (i == culprit) {
        c.append("M 100644 inline broken\n");
        data(c, "broken");
      }
      s.writeBytes(c.toString().getBytes(StandardCharsets.UTF_8));
      prev = mark;
    }
    git(repo, s.toByteArray(), "fast-import", "--quiet");
    git(repo, null, "reset", "-q", "--hard", "main");
    git(repo, null, "gc", "-q");
    List<String> main = new ArrayList<>(List.of(git(repo, null, "rev-list", "--first-parent", "--reverse", "main")
        .strip().split("\n")));
    if (main.size() != COMMITS) {
      throw new IllegalStateException("expected " + COMMITS + " commits, got " + main.size());
    }
    return main;
  }

  private static void data(StringBuilder c, String text) {
    byte[] b = (text + "\n").getBytes(StandardCharsets.UTF_8);
    c.append("data ").append(b.length).append('\n').append(text).append('\n');
  }

  private static String git(Path dir, byte[] stdin, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("GIT_AUTHOR_NAME", "Bench");
    pb.environment().put("GIT_AUTHOR_EMAIL", "bench@rollback.dev");
    pb.environment().put("GIT_COMMITTER_NAME", "Bench");
    pb.environment().put("GIT_COMMITTER_EMAIL", "bench@rollback.dev");
    Process p = pb.start();
    if (stdin != null) {
      p.getOutputStream().write(stdin);
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    if (exit != 0 && !(args[0].equals("bisect") && args.length > 1 && args[1].equals("run"))) {
      throw new IllegalStateException("git " + String.join(" ", args) + " exited " + exit + ": " + out);
    }
    return out;
  }
}
