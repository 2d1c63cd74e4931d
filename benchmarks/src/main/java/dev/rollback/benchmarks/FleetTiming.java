package dev.rollback.benchmarks;

import dev.rollback.Effect;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Step;
import dev.rollback.examples.SeedGitPlans;
import dev.rollback.run.Journal;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import dev.rollback.temporal.FleetClient;
import dev.rollback.temporal.FleetReport;
import dev.rollback.temporal.FleetSpec;
import dev.rollback.temporal.FleetTarget;
import dev.rollback.temporal.FleetWorker;
import dev.rollback.temporal.TargetOutcome;
import dev.rollback.temporal.TargetReport;
import dev.rollback.temporal.TargetRun;
import dev.rollback.temporal.testserver.TestServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 18's figures, printed (not a test): a fleet of N generated repositories (the seed's configuration rollback,
 * {@link SeedGitPlans#configuration()}) on Temporal's test server with 1 and with 2 worker processes, against a bash
 * loop of the seed's own script over copies of the same repositories; and the per-step overhead of a plan run
 * through Temporal (test server process, worker in this JVM) against the local executor, from the difference between
 * a 1-step and a 51-step plan of no-op steps.
 *
 * <pre>java -cp benchmarks/target/classes:$(cat cp.txt) dev.rollback.benchmarks.FleetTiming SEED_SCRIPT [N] [CONCURRENCY]
 * java -cp ... dev.rollback.benchmarks.FleetTiming --steps-only</pre>
 */
public final class FleetTiming {

  private FleetTiming() {}

  /**
   * Runs the comparison.
   *
   * @param args the seed's configuration-rollback.sh, the number of repositories (100), the fleet's concurrency (8)
   * @throws Exception when a part fails
   */
  public static void main(String[] args) throws Exception {
    if (args[0].equals("--steps-only")) {
      Path root = Files.createTempDirectory("fleet-timing");
      try (TestServerProcess server = TestServerProcess.startServer(System.getProperty("java.class.path"),
          root.resolve("logs/server.log"))) {
        stepOverhead(server.address(), root);
      }
      System.out.printf(Locale.ROOT, "load after: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
      return;
    }
    Path script = Path.of(args[0]).toAbsolutePath();
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    Path root = Files.createTempDirectory("fleet-timing");
    Path pristine = pristine(root.resolve("pristine"));
    String cp = System.getProperty("java.class.path");
    System.out.printf(Locale.ROOT, "load before: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());

    List<Path> loop = copies(pristine, root.resolve("bash"), n);
    long t0 = System.nanoTime();
    for (Path work : loop) {
      Workspaces.run(work, "bash", script.toString());
    }
    double bash = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "bash loop of the seed's configuration rollback, %d repositories: %.1f s%n", n,
        bash);

    RollbackPlan plan = SeedGitPlans.configuration();
    try (TestServerProcess server = TestServerProcess.startServer(cp, root.resolve("logs/server.log"))) {
      for (int workers = 1; workers <= 2; workers++) {
        List<Path> works = copies(pristine, root.resolve("fleet" + workers), n);
        List<FleetTarget> targets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          targets.add(FleetTarget.of(String.format("repo-%03d", i), works.get(i), "origin"));
        }
        List<Process> ps = new ArrayList<>();
        for (int w = 1; w <= workers; w++) {
          Path log = root.resolve("logs/fleet" + workers + "-worker" + w + ".log");
          Process p = TestServerProcess.java(cp, "dev.rollback.examples.cli.RollbackCli", List.of("worker",
              "--temporal", server.address(), "--test-server", "--identity", "w" + w), log, List.of());
          TestServerProcess.awaitLine(p, log, "rollback worker", 180_000);
          ps.add(p);
        }
        try (FleetClient fleets = FleetClient.connect(server.address(), "default")) {
          FleetSpec spec = FleetSpec.builder("bench-" + workers, SeedGitPlans.class.getName() + "#configuration",
              plan.hash(), plan.name()).targets(targets).canary(0).concurrency(concurrency).maxFailureShare(1)
              .approvalRequired(false).build();
          long f0 = System.nanoTime();
          fleets.start(spec);
          FleetReport r = fleets.await(spec.fleetId(), Duration.ofMinutes(30));
          double secs = (System.nanoTime() - f0) / 1e9;
          System.out.printf(Locale.ROOT, "fleet of %d repositories, %d worker process(es), concurrency %d: %.1f s,"
              + " %d succeeded%n", n, workers, concurrency, secs, r.count(TargetOutcome.SUCCEEDED));
          if (r.count(TargetOutcome.SUCCEEDED) != n) {
            System.out.println(r.rows().stream().filter(x -> x.outcome() != TargetOutcome.SUCCEEDED).findFirst()
                .map(TargetReport::evidence).orElse(""));
          }
        } finally {
          for (Process p : ps) {
            TestServerProcess.stop(p);
          }
        }
      }
      stepOverhead(server.address(), root);
    }
    System.out.printf(Locale.ROOT, "load after: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
    Workspaces.delete(root);
  }

  /** Per step: (51-step run - 1-step run) / 50, median of 5, through Temporal and through the local executor. */
  private static void stepOverhead(String address, Path root) throws Exception {
    RollbackPlan one = noOps(1);
    RollbackPlan many = noOps(51);
    Path ws = Files.createDirectories(root.resolve("noop"));
    var client = FleetClient.connectClient(address, "default", "bench");
    try (FleetWorker worker = FleetWorker.builder(client).taskQueue("noop").forTestServer(true)
        .plans(s -> s.equals("one") ? one : many).adapters(t -> List.of(new NoOp())).build();
        FleetClient runs = FleetClient.of(client, "noop")) {
      worker.start();
      double[] temporal = new double[5];
      double[] local = new double[5];
      for (int i = 0; i < 5; i++) {
        temporal[i] = (run(runs, ws, "many", many, i) - run(runs, ws, "one", one, i)) / 50.0;
        local[i] = (local(many, ws) - local(one, ws)) / 50.0;
      }
      Arrays.sort(temporal);
      Arrays.sort(local);
      System.out.printf(Locale.ROOT, "per step through Temporal (test server process, worker in this JVM): %.2f ms;"
          + " through the local executor (journal on disk): %.3f ms (medians of 5)%n", temporal[2], local[2]);
    }
  }

  private static double run(FleetClient runs, Path ws, String source, RollbackPlan plan, int i) {
    String id = "noop-" + source + "-" + i + "-" + System.nanoTime();
    long t0 = System.nanoTime();
    runs.startRun(id, new TargetRun(id, source, plan.hash(), "", FleetTarget.of("noop", ws, "origin"), false,
        "bench", System.currentTimeMillis() + 3_600_000, 0, 0));
    TargetReport r = runs.awaitRun(id, Duration.ofMinutes(5));
    if (r.outcome() != TargetOutcome.SUCCEEDED) {
      throw new IllegalStateException(r.toString());
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  private static double local(RollbackPlan plan, Path ws) throws Exception {
    Path journal = Files.createTempDirectory(ws, "journal");
    try (RollbackExecutor ex = RollbackExecutor.builder().workspace(ws).journal(Journal.directory(journal))
        .adapter(new NoOp()).build()) {
      long t0 = System.nanoTime();
      ex.run(plan, RunOptions.defaults().withDeclared("bench"));
      return (System.nanoTime() - t0) / 1e6;
    }
  }

  private static RollbackPlan noOps(int steps) {
    List<Step> list = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      list.add(Step.of(NoOp.STEP, "noop-" + i, Effect.REVERSIBLE, Map.of()).timeout(Duration.ofSeconds(5)));
    }
    return Rollback.plan("no-ops " + steps)
        .severity(Rollback.severity("low").when(Rollback.declared("bench")).rollbackWithin(Rollback.days(30))
            .approval(Rollback.discretion()))
        .procedure(Rollback.procedure("p").phase(Rollback.phase("all").step(list.toArray(new Step[0]))
            .validate(dev.rollback.Check.of(NoOp.CHECK, "ok", Map.of()).timeout(Duration.ofSeconds(5)))))
        .build();
  }

  /** Steps that do nothing, so what is measured is the engine. */
  static final class NoOp implements Adapter {
    static final String STEP = "bench.noop";
    static final String CHECK = "bench.ok";

    @Override
    public Map<String, dev.rollback.spi.CheckEvaluator> checks() {
      return Map.of(CHECK, c -> dev.rollback.spi.CheckResult.passed("ok"));
    }

    @Override
    public String name() {
      return "bench";
    }

    @Override
    public Map<String, StepHandler> steps() {
      return Map.of(STEP, new StepHandler() {
        @Override
        public StepPreview preview(StepContext step) {
          return StepPreview.of("would do nothing");
        }

        @Override
        public StepResult apply(StepContext step) {
          return StepResult.of("nothing done");
        }
      });
    }
  }

  /** A clone and its bare origin whose history has the seed's P3-007 change to the four key files. */
  private static Path pristine(Path dir) throws Exception {
    Path work = dir.resolve("work");
    Files.createDirectories(work);
    Workspaces.git(dir, "init", "-q", "--bare", "-b", "main", dir.resolve("origin.git").toString());
    Workspaces.git(work, "init", "-q", "-b", "main");
    Workspaces.git(work, "config", "user.name", "Bench");
    Workspaces.git(work, "config", "user.email", "bench@example.invalid");
    Workspaces.git(work, "remote", "add", "origin", dir.resolve("origin.git").toString());
    for (String f : SeedGitPlans.KEY_FILES) {
      Files.createDirectories(work.resolve(f).getParent());
      Files.writeString(work.resolve(f), "before " + f + "\n");
    }
    Workspaces.git(work, "add", "-A");
    Workspaces.git(work, "commit", "-q", "-m", "Base");
    for (String f : SeedGitPlans.KEY_FILES) {
      Files.writeString(work.resolve(f), "P3-007 " + f + "\n");
    }
    Workspaces.git(work, "commit", "-q", "-am", "P3-007: shared test scripts");
    Files.writeString(work.resolve("later.txt"), "later\n");
    Workspaces.git(work, "add", "-A");
    Workspaces.git(work, "commit", "-q", "-m", "Later work");
    Workspaces.git(work, "push", "-q", "origin", "main");
    Workspaces.git(work, "branch", "-q", "--set-upstream-to=origin/main", "main");
    return dir;
  }

  private static List<Path> copies(Path pristine, Path dir, int n) throws Exception {
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Workspaces.fresh(pristine, dir.resolve(String.format("repo-%03d", i))));
    }
    return out;
  }
}
