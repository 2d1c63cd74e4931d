package dev.rollback.examples.cli;

import dev.rollback.docker.ComposeProject;
import dev.rollback.docker.DockerAdapter;
import dev.rollback.examples.P3007Plan;
import dev.rollback.examples.SeedDockerPlans;
import dev.rollback.examples.SeedGitPlans;
import dev.rollback.examples.sandbox.Sandbox;
import dev.rollback.examples.sandbox.SandboxSpec;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run the {@code ./rollback} launcher makes once after each build, under
 * {@code -XX:ArchiveClassesAtExit} (JDK 17+) or {@code -XX:AOTCacheOutput} (JDK 25+), so that the archive it leaves
 * holds the classes every later command needs, already parsed and verified: it runs, in this JVM and with their
 * output discarded, {@code check} and {@code render} of the P3-007 plan (as a class and, when the repository's
 * script is given, as a JShell script), then {@code preview} and {@code run} of the seed's Git rollbacks
 * ({@link SeedGitPlans}) against a small generated sandbox in a temporary directory, which it removes. Docker is
 * trained as far as it goes without an engine, so that the training never touches one: a compose file is read, and
 * the seed's recovery validation ({@link SeedDockerPlans}) is previewed against a socket nobody listens on, which
 * sets up the Docker client before it fails as expected.
 *
 * <pre>
 * java -XX:ArchiveClassesAtExit=rollback.jsa -cp rollback-launcher.jar \
 *     dev.rollback.examples.cli.LauncherTraining examples/jshell/p3-007.jsh
 * </pre>
 */
public final class LauncherTraining {

  private LauncherTraining() {}

  /**
   * Runs the training; exits 0 when every command behaved as it should, 1 otherwise (the archive is still usable:
   * it only speeds up what was loaded).
   *
   * @param args optionally, the path of a plan script to evaluate ({@code examples/jshell/p3-007.jsh})
   * @throws IOException when the temporary sandbox cannot be created or removed
   */
  public static void main(String[] args) throws IOException {
    PrintStream realErr = System.err;
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    List<String> failed = new ArrayList<>();
    Path dir = Files.createTempDirectory("rollback-training-");
    PrintStream realOut = System.out;
    System.setOut(discard);
    System.setErr(discard);
    try {
      String plan = P3007Plan.class.getName();
      expect(failed, 0, "check", plan);
      expect(failed, 0, "render", plan);
      if (args.length > 0 && Files.isRegularFile(Path.of(args[0]))) {
        expect(failed, 0, "check", args[0]);
      }
      Sandbox sandbox = Sandbox.create(dir.resolve("sandbox"), SandboxSpec.demo());
      String work = sandbox.work().toString();
      String configuration = SeedGitPlans.class.getName() + "#configuration";
      String emergency = SeedGitPlans.class.getName() + "#emergency";
      expect(failed, 0, "preview", configuration, "--severity", "high", "--workspace", work);
      expect(failed, 0, "run", configuration, "--severity", "high", "--yes", "--workspace", work);
      expect(failed, 0, "run", emergency, "--severity", "critical", "--emergency", "--yes", "--workspace", work);
      expect(failed, 0, "help");
      docker(dir.resolve("compose"));
    } finally {
      System.setOut(realOut);
      System.setErr(realErr);
      delete(dir);
    }
    if (!failed.isEmpty()) {
      realErr.println("rollback: the launcher's training run had unexpected results: " + String.join("; ", failed));
      System.exit(1);
    }
  }

  /** Reads a compose file and previews a Docker plan against a socket that does not exist. */
  private static void docker(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("app"));
    Files.writeString(dir.resolve("app/Dockerfile"), "FROM busybox\nCOPY run.sh /run.sh\n");
    Files.writeString(dir.resolve("docker-compose.test.yml"), String.join("\n",
        "services:",
        "  test:",
        "    build:",
        "      context: ./app",
        "      args:",
        "        GREETING: ${GREETING:-hello}",
        "    command: [\"sh\", \"/run.sh\"]",
        "    environment:",
        "      MODE: pass",
        "    volumes:",
        "      - ./data:/data:ro",
        "    working_dir: /work",
        "    network_mode: none",
        ""));
    ComposeProject.load(dir.resolve("docker-compose.test.yml")).service("test");
    try (RollbackExecutor executor = RollbackExecutor.builder().workspace(dir)
        .adapter(DockerAdapter.connect("unix://" + dir.resolve("nobody-listens.sock")))
        .journal(Journal.inMemory()).approver(Approvers.automatic("training", "training")).build()) {
      executor.preview(SeedDockerPlans.recoveryValidation(), RunOptions.defaults().withSeverity("high"));
    } catch (RuntimeException expected) {
      // No engine there: the client was set up, which is what the training is for.
    }
  }

  private static void expect(List<String> failed, int status, String... args) {
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    int got = RollbackCli.run(args, discard, discard);
    if (got != status) {
      failed.add(String.join(" ", args) + " exited " + got);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
