package dev.rollback.benchmarks;

import dev.rollback.examples.SeedGitPlans;
import dev.rollback.examples.cli.RollbackCli;
import dev.rollback.examples.sandbox.Sandbox;
import dev.rollback.examples.sandbox.SandboxSpec;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The time-to-rollback comparison {@code scripts/bench.sh} runs: the seed runbook's configuration rollback and
 * emergency rollback as its own shell with {@code git} ({@code benchmarks/seed/*.sh}) against the same through the
 * library ({@link SeedGitPlans}), on a generated history of 10,000 commits and 3,000 files with a bare origin.
 *
 * <ul>
 *   <li>script: {@code bash benchmarks/seed/<flow>.sh} in the clone;</li>
 *   <li>cold: {@code ./rollback run dev.rollback.examples.SeedGitPlans#<flow> --severity ... --yes} in the clone, a
 *       new JVM for every run, timed as a whole process, as a user runs it;</li>
 *   <li>warm: the same command line run in this JVM ({@link RollbackCli#run}), after warm-up runs;</li>
 *   <li>jsh-first-run: {@code ./rollback run examples/jshell/seed-<flow>.jsh ...}, the same plan as a JShell script,
 *       a new JVM with an empty plan cache, so it compiles the script;</li>
 *   <li>jsh: the same from the second run on, the compiled script replayed from the plan cache.</li>
 * </ul>
 *
 * <p>Every run, of every kind, works on a fresh copy of the pristine clone and origin, made outside the timed
 * region ({@link Workspaces}); the kinds alternate, in an order rotated each round. Each run's result is checked:
 * every run of a flow must leave the same tree on the same branch, pushed to origin. One line per comparison:
 * {@code RATIO <name> <library median / script median> <details>}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.rollback.benchmarks.TimeToRollback generate .bench/repo
 * java -cp benchmarks/target/benchmarks.jar dev.rollback.benchmarks.TimeToRollback compare --repo .bench/repo \
 *     --root . --scratch .bench/runs --runs 7 --warmup 8
 * </pre>
 */
public final class TimeToRollback {

  /** A flow of the seed: its script, its plan and the launcher's options for it. */
  private record Flow(String name, Path script, String plan, Path jsh, List<String> options) {}

  /**
   * How a flow runs: the seed's script; the launcher on the class-based plan, as a new process (cold) or in this JVM
   * (warm); the launcher on the same plan as a JShell script, as a new process with an empty plan cache (its first
   * run, which compiles it) or with the cache that earlier runs left (the second run onward).
   */
  private enum Kind { SCRIPT, COLD, WARM, COLD_WITHOUT_ARCHIVE, JSH_FIRST_RUN, JSH }

  private final Path pristine;
  private final Path root;
  private final Path scratch;
  private final PrintStream out;
  private final Map<String, String> expected = new LinkedHashMap<>();
  private final List<String> mismatches = new ArrayList<>();
  private int runs;

  private TimeToRollback(Path pristine, Path root, Path scratch, PrintStream out) {
    this.pristine = pristine;
    this.root = root;
    this.scratch = scratch;
    this.out = out;
  }

  /**
   * {@code generate <dir>}: creates the benchmark's sandbox ({@code <dir>/work} and {@code <dir>/origin.git}).
   * {@code compare --repo DIR --root DIR --scratch DIR [--runs N] [--warmup N] [--variants]}: runs the comparison
   * on copies of the pristine pair in {@code --repo}, with the launcher and scripts of the repository {@code --root};
   * {@code --variants} adds the launcher without its class-data archive.
   *
   * @param args the command and its options
   * @throws Exception when the sandbox cannot be made or a run fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("generate")) {
      long t = System.nanoTime();
      Sandbox s = Sandbox.create(Path.of(args[1]), SandboxSpec.benchmark());
      System.out.printf(Locale.ROOT, "generated %s in %s (%.1f s): P3-007 is %s%n", SandboxSpec.benchmark(),
          s.root(), (System.nanoTime() - t) / 1e9, s.changeCommits());
      return;
    }
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--variants")) {
        o.put("variants", "true");
      } else if (args[i].startsWith("--") && i + 1 < args.length) {
        o.put(args[i].substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
    }
    if (args.length == 0 || !args[0].equals("compare") || !o.containsKey("repo")) {
      System.err.println("usage: TimeToRollback generate <dir> | compare --repo DIR --root DIR --scratch DIR"
          + " [--runs N] [--warmup N] [--variants]");
      System.exit(2);
    }
    Path root = Path.of(o.getOrDefault("root", ".")).toAbsolutePath().normalize();
    TimeToRollback bench = new TimeToRollback(Path.of(o.get("repo")).toAbsolutePath().normalize(), root,
        Path.of(o.getOrDefault("scratch", ".bench/runs")).toAbsolutePath().normalize(), System.out);
    bench.compare(Integer.parseInt(o.getOrDefault("runs", "15")), Integer.parseInt(o.getOrDefault("warmup", "25")),
        o.containsKey("variants"));
  }

  private void compare(int rounds, int warmup, boolean variants) throws Exception {
    String plan = SeedGitPlans.class.getName();
    Path seed = root.resolve("benchmarks/seed");
    List<Flow> flows = List.of(
        new Flow("configuration", seed.resolve("configuration-rollback.sh"), plan + "#configuration",
            root.resolve("examples/jshell/seed-configuration.jsh"), List.of("--severity", "high", "--yes")),
        new Flow("emergency", seed.resolve("emergency-rollback.sh"), plan + "#emergency",
            root.resolve("examples/jshell/seed-emergency.jsh"), List.of("--severity", "critical", "--emergency",
                "--yes")));
    List<Kind> kinds = new ArrayList<>(List.of(Kind.SCRIPT, Kind.COLD, Kind.WARM, Kind.JSH_FIRST_RUN, Kind.JSH));
    if (variants) {
      kinds.add(Kind.COLD_WITHOUT_ARCHIVE);
    }
    Workspaces.delete(scratch);
    Files.createDirectories(scratch);
    String pristineState = pristineState();
    long started = System.nanoTime();
    // Warm-up, not timed: one run of each kind (caches, the launcher's archive), then the in-process runs the JIT
    // compiler needs.
    for (Flow f : flows) {
      for (Kind k : kinds) {
        once(f, k);
      }
      for (int i = 0; i < warmup; i++) {
        once(f, Kind.WARM);
      }
    }
    Map<String, Samples> samples = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (Flow f : flows) {
        List<Kind> order = new ArrayList<>(kinds);
        Collections.rotate(order, round);
        for (Kind k : order) {
          samples.computeIfAbsent(f.name() + "/" + k, x -> new Samples()).add(once(f, k));
        }
      }
    }
    Workspaces.delete(scratch);
    if (!pristineState().equals(pristineState)) {
      mismatches.add("the pristine repository changed during the comparison; delete " + pristine + " to regenerate it");
    }
    String launcher = "./rollback run " + plan + "#<flow> <options>";
    for (Flow f : flows) {
      Samples script = samples.get(f.name() + "/" + Kind.SCRIPT);
      String command = "script=\"bash benchmarks/seed/" + f.script().getFileName() + "\" library=\"./rollback run "
          + f.plan() + " " + String.join(" ", f.options()) + "\"";
      out.println(Samples.ratio("git-" + f.name() + "-cold", samples.get(f.name() + "/" + Kind.COLD), script,
          command + " (a new JVM per run, whole process)"));
      out.println(Samples.ratio("git-" + f.name() + "-warm", samples.get(f.name() + "/" + Kind.WARM), script,
          "library=\"the same command line in the benchmark's JVM after " + warmup + " warm-up runs\""));
      Samples cold = samples.get(f.name() + "/" + Kind.COLD);
      String jsh = "library=\"./rollback run examples/jshell/" + f.jsh().getFileName() + " "
          + String.join(" ", f.options()) + "\"";
      Samples first = samples.get(f.name() + "/" + Kind.JSH_FIRST_RUN);
      Samples cached = samples.get(f.name() + "/" + Kind.JSH);
      out.println(Samples.ratio("git-" + f.name() + "-jsh-first-run", first, script, jsh + " with an empty plan"
          + " cache (compiles the script); " + String.format(Locale.ROOT, "%.2f", first.median() / cold.median())
          + "x the class-based plan's cold run"));
      out.println(Samples.ratio("git-" + f.name() + "-jsh", cached, script, jsh + " from the second run on (the"
          + " compiled script replayed from the plan cache); " + String.format(Locale.ROOT, "%.2f",
          cached.median() / cold.median()) + "x the class-based plan's cold run"));
      if (variants) {
        out.println(Samples.ratio("git-" + f.name() + "-cold-without-archive",
            samples.get(f.name() + "/" + Kind.COLD_WITHOUT_ARCHIVE), script, "library=\"ROLLBACK_CDS=0 "
                + launcher.replace("<flow>", f.name()).replace("<options>", String.join(" ", f.options())) + "\""));
      }
    }
    if (!mismatches.isEmpty()) {
      out.println("MISMATCH the runs did not all give the same result: " + String.join("; ", mismatches));
    }
    System.err.printf(Locale.ROOT, "time-to-rollback: %d timed runs and %d warm-up runs in %.0f s%n",
        rounds * flows.size() * kinds.size(), flows.size() * (kinds.size() + warmup),
        (System.nanoTime() - started) / 1e9);
  }

  /** The pristine clone's HEAD, refs and status, and its origin's refs, which no run may change. */
  private String pristineState() throws IOException {
    return Workspaces.git(pristine.resolve("work"), "show-ref", "--head") + "\n"
        + Workspaces.git(pristine.resolve("work"), "status", "--porcelain") + "\n"
        + Workspaces.git(pristine.resolve("origin.git"), "show-ref");
  }

  /** One run of a flow on a fresh copy; returns its time in nanoseconds. */
  private long once(Flow f, Kind kind) throws Exception {
    Path dir = scratch.resolve("run-" + (++runs));
    Path work = Workspaces.fresh(pristine, dir);
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    long nanos;
    int status;
    switch (kind) {
      case SCRIPT:
      case COLD:
      case COLD_WITHOUT_ARCHIVE:
      case JSH_FIRST_RUN:
      case JSH: {
        List<String> cmd = new ArrayList<>();
        if (kind == Kind.SCRIPT) {
          cmd.add("bash");
          cmd.add(f.script().toString());
        } else {
          cmd.add(root.resolve("rollback").toString());
          cmd.add("run");
          cmd.add(kind == Kind.JSH || kind == Kind.JSH_FIRST_RUN ? f.jsh().toString() : f.plan());
          cmd.addAll(f.options());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile())
            .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        // The class-based runs and the script never touch the plan cache; the JShell ones use the benchmark's own,
        // empty for a first run.
        pb.environment().put("ROLLBACK_PLAN_CACHE", kind == Kind.JSH ? scratch.resolve("plan-cache").toString()
            : kind == Kind.JSH_FIRST_RUN ? dir.resolve("plan-cache").toString() : "off");
        if (kind == Kind.COLD_WITHOUT_ARCHIVE) {
          pb.environment().put("ROLLBACK_CDS", "0");
        }
        long t = System.nanoTime();
        Process p = pb.start();
        status = p.waitFor();
        nanos = System.nanoTime() - t;
        break;
      }
      case WARM: {
        List<String> args = new ArrayList<>(List.of("run", f.plan()));
        args.addAll(f.options());
        args.add("--workspace");
        args.add(work.toString());
        PrintStream realErr = System.err;
        try (PrintStream o = new PrintStream(new FileOutputStream(stdout.toFile()), false, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(new FileOutputStream(stderr.toFile()), false, StandardCharsets.UTF_8)) {
          System.setErr(e);
          long t = System.nanoTime();
          status = RollbackCli.run(args.toArray(new String[0]), o, e);
          nanos = System.nanoTime() - t;
        } finally {
          System.setErr(realErr);
        }
        break;
      }
      default:
        throw new IllegalStateException(kind.toString());
    }
    if (status != 0) {
      throw new IllegalStateException(f.name() + " (" + kind + ") exited " + status + " in " + dir + ":\n"
          + Files.readString(stderr));
    }
    check(f, kind, dir, work);
    Workspaces.delete(dir);
    return nanos;
  }

  /** Every run of a flow must leave the same tree on the same branch, and that branch pushed to origin. */
  private void check(Flow f, Kind kind, Path dir, Path work) throws IOException {
    String branch = Workspaces.git(work, "rev-parse", "--abbrev-ref", "HEAD");
    String head = Workspaces.git(work, "rev-parse", "HEAD");
    String tree = Workspaces.git(work, "rev-parse", "HEAD^{tree}");
    String pushed = Workspaces.git(dir.resolve("origin.git"), "rev-parse", "refs/heads/" + branch);
    String status = Workspaces.git(work, "status", "--porcelain", "--untracked-files=no");
    String result = branch.replaceAll("[0-9]{8}$", "<date>") + " " + tree;
    String was = expected.putIfAbsent(f.name(), result);
    if (was != null && !was.equals(result)) {
      mismatches.add(f.name() + " " + kind + " left " + result + ", an earlier run " + was);
    }
    if (!pushed.equals(head)) {
      mismatches.add(f.name() + " " + kind + ": origin has " + branch + " at " + pushed + ", the clone at " + head);
    }
    if (!status.isEmpty()) {
      mismatches.add(f.name() + " " + kind + " left uncommitted changes: " + status.replace('\n', ' '));
    }
  }
}
