package dev.rollback.examples.demo;

import dev.rollback.examples.FleetDemoPlan;
import dev.rollback.temporal.FleetClient;
import dev.rollback.temporal.FleetReport;
import dev.rollback.temporal.FleetSpec;
import dev.rollback.temporal.FleetState;
import dev.rollback.temporal.FleetTarget;
import dev.rollback.temporal.TargetOutcome;
import dev.rollback.temporal.TargetReport;
import dev.rollback.temporal.testserver.TestServerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./rollback demo fleet}: 20 generated repositories with bare origins, all carrying the same bad shared CI
 * change; the origin of one refuses every push (a pre-receive hook). Temporal's test server and two worker processes
 * run on this machine; the fleet runs a canary wave of 2, then the rest, 4 at a time. Prints the fleet report and
 * {@code Sandbox: <path>}.
 */
public final class FleetDemo {

  /** How many repositories the demo makes. */
  public static final int TARGETS = 20;
  /** The target whose origin refuses the push. */
  public static final String REFUSING = "service-13";
  /** What its origin's hook says. */
  public static final String REFUSAL = "service-13 is frozen for an audit until Friday: ask #platform";

  private final Path root;
  private final String classPath;
  private final PrintStream out;
  private final PrintStream progress;

  /**
   * Creates the demo.
   *
   * @param root the sandbox, an empty or missing folder
   * @param classPath the class path of the launcher, which the server and workers run from
   * @param out where the report goes
   * @param progress where progress goes
   */
  public FleetDemo(Path root, String classPath, PrintStream out, PrintStream progress) {
    this.root = root.toAbsolutePath().normalize();
    this.classPath = classPath;
    this.out = out;
    this.progress = progress;
  }

  /**
   * Runs the demo.
   *
   * @return the fleet's report
   * @throws IOException when the sandbox cannot be made
   */
  public FleetReport run() throws IOException {
    progress.println("demo fleet: making " + TARGETS + " repositories with bare origins in " + root);
    List<FleetTarget> targets = repositories();
    Path targetsFile = root.resolve("targets.txt");
    FleetTarget.write(targets, targetsFile);
    Path logs = root.resolve("logs");
    Path notifications = root.resolve("notifications");
    List<Process> workers = new ArrayList<>();
    progress.println("demo fleet: starting Temporal's test server and two workers (logs in " + logs + ")");
    try (TestServerProcess server = TestServerProcess.startServer(classPath, logs.resolve("temporal-server.log"))) {
      try {
        for (String w : List.of("worker-1", "worker-2")) {
          workers.add(TestServerProcess.java(classPath, "dev.rollback.examples.cli.RollbackCli", List.of("worker",
              "--temporal", server.address(), "--test-server", "--identity", w, "--notify", "chat=files:"
              + notifications), logs.resolve(w + ".log"), List.of()));
        }
        for (int i = 0; i < workers.size(); i++) {
          TestServerProcess.awaitLine(workers.get(i), logs.resolve("worker-" + (i + 1) + ".log"), "rollback worker",
              180_000);
        }
        try (FleetClient fleets = FleetClient.connect(server.address(), "default")) {
          FleetSpec spec = FleetSpec.builder("fleet-demo", FleetDemoPlan.class.getName(),
                  FleetDemoPlan.plan().hash(), FleetDemoPlan.plan().name())
              .targets(targets).canary(2).concurrency(4).maxFailureShare(0.25).deadline(Duration.ofHours(1))
              .takeover(Duration.ofSeconds(2)).build();
          fleets.start(spec);
          progress.println("demo fleet: started fleet-demo; approving it as demo-operator (./rollback approve"
              + " fleet-demo --temporal " + server.address() + " while the server runs)");
          fleets.approve("fleet-demo", "demo-operator");
          Map<String, TargetOutcome> seen = new HashMap<>();
          FleetReport r = fleets.follow("fleet-demo", Duration.ofMillis(300), Duration.ofMinutes(30), now -> {
            for (TargetReport row : now.rows()) {
              TargetOutcome was = seen.put(row.target(), row.outcome());
              if (was != row.outcome() && row.outcome() != TargetOutcome.NOT_STARTED) {
                progress.println("  " + row.target() + ": " + row.outcome());
              }
            }
          });
          out.print(r.toMarkdown());
          out.println();
          out.println("Sandbox: " + root);
          return r;
        }
      } finally {
        for (Process w : workers) {
          TestServerProcess.stop(w);
        }
      }
    }
  }

  /**
   * Whether a report shows the demo went as designed: every target reverted but the refusing one, which failed.
   *
   * @param r the report
   * @return true when it did
   */
  public static boolean asDesigned(FleetReport r) {
    return r.state() == FleetState.DONE_WITH_FAILURES && r.count(TargetOutcome.SUCCEEDED) == TARGETS - 1
        && r.row(REFUSING).outcome() == TargetOutcome.FAILED;
  }

  private List<FleetTarget> repositories() throws IOException {
    Files.createDirectories(root);
    String receivePack = Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
        .map(d -> Path.of(d, "git-receive-pack")).filter(Files::isExecutable).findFirst().map(Path::toString)
        .orElse("/usr/bin/git-receive-pack");
    List<FleetTarget> out = new ArrayList<>();
    for (int i = 1; i <= TARGETS; i++) {
      String name = String.format("service-%02d", i);
      Path origin = root.resolve("origins").resolve(name + ".git");
      Path clone = root.resolve("clones").resolve(name);
      Files.createDirectories(origin);
      git(origin, "init", "-q", "--bare", "-b", "main");
      git(root, "init", "-q", "-b", "main", clone.toString());
      git(clone, "config", "user.name", "Demo Developer");
      git(clone, "config", "user.email", "dev@example.invalid");
      git(clone, "remote", "add", "origin", origin.toString());
      // A real receive-pack on the origin's side, so its hooks run (JGit's in-process one runs none).
      git(clone, "config", "remote.origin.receivepack", receivePack);
      Files.createDirectories(clone.resolve(".github/workflows"));
      Files.writeString(clone.resolve(".github/workflows/ci.yml"), "name: ci\non: [push]\njobs:\n  test:\n"
          + "    runs-on: ubuntu-latest\n    steps:\n      - run: ./scripts/test.sh\n");
      Files.writeString(clone.resolve("README.md"), "# " + name + "\n");
      git(clone, "add", "-A");
      git(clone, "commit", "-q", "-m", "Start " + name);
      Files.writeString(clone.resolve(".github/workflows/ci.yml"), "name: ci\non: [push]\njobs:\n  test:\n"
          + "    uses: platform/shared-ci/.github/workflows/test.yml@v2\n");
      git(clone, "commit", "-q", "-am", FleetDemoPlan.BAD_CHANGE + ": use the shared CI template v2");
      Files.writeString(clone.resolve("README.md"), "# " + name + "\n\nOwned by team " + (i % 4 + 1) + ".\n");
      git(clone, "commit", "-q", "-am", "Document the owner of " + name);
      git(clone, "push", "-q", "origin", "main");
      git(clone, "branch", "-q", "--set-upstream-to=origin/main", "main");
      if (name.equals(REFUSING)) {
        Path hook = origin.resolve("hooks/pre-receive");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\necho '" + REFUSAL + "' >&2\nexit 1\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      out.add(FleetTarget.of(name, clone, "origin"));
    }
    return out;
  }

  private static void git(Path dir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] text = p.getInputStream().readAllBytes();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("git " + String.join(" ", args) + " failed in " + dir + ": "
            + new String(text, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: git " + String.join(" ", args), e);
    }
  }
}
