package dev.rollback.benchmarks;

import dev.rollback.docker.ComposeProject;
import dev.rollback.docker.Docker;
import dev.rollback.docker.DockerLabels;
import dev.rollback.docker.ServiceRun;
import dev.rollback.docker.ServiceRunOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The seed's recovery validation, {@code docker compose -f docker-compose.test.yml run --rm test}, as Debian's
 * {@code docker-compose run --rm -T test} against the Docker adapter's compose runner on the same file (the adapter
 * module's test project, its {@code pass} service named {@code test}: build with args, env_file, {@code .env}
 * interpolation, bind and anonymous volumes), interleaved so all see the same machine load, after warm-up runs.
 * Three comparisons: in this JVM, the adapter building only when the image is missing, which is the work
 * {@code docker-compose run} does; in this JVM, the adapter's default, building every time (Docker's build cache
 * makes an unchanged build quick) so that a validation never runs a stale image; and {@code ./rollback run
 * dev.rollback.examples.SeedDockerPlans#recoveryValidation}, a new JVM per run.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.rollback.benchmarks.ComposeComparison \
 *     rollback-docker/src/test/resources/compose .bench/rbt-bench 10 .
 * </pre>
 *
 * <p>Needs a reachable engine with the test image {@code rollback-test/busybox:latest} ({@code scripts/bench.sh}
 * checks both first). Removes what it built and ran.
 */
public final class ComposeComparison {

  private static final String SERVICE = "test";

  private ComposeComparison() {}

  /**
   * Runs the comparison and prints its {@code RATIO} lines.
   *
   * @param args the compose project to copy, a scratch folder (the project is named after it), the timed runs, the
   *     repository holding the {@code ./rollback} launcher
   * @throws Exception when a run fails
   */
  public static void main(String[] args) throws Exception {
    Path source = Path.of(args[0]).toAbsolutePath();
    Path dir = Path.of(args[1]).toAbsolutePath();
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Path launcher = Path.of(args.length > 3 ? args[3] : ".").toAbsolutePath().normalize().resolve("rollback");
    PrintStream out = System.out;
    Workspaces.delete(dir);
    copy(source, dir);
    Path file = dir.resolve("docker-compose.test.yml");
    try (Docker docker = Docker.fromEnvironment()) {
      ComposeProject project = ComposeProject.load(file);
      ServiceRunOptions always = ServiceRunOptions.defaults();
      ServiceRunOptions ifMissing = always.build(ServiceRunOptions.BuildPolicy.IF_MISSING);
      try {
        compose(dir, file, "build", "-q");
        for (int i = 0; i < 3; i++) {
          adapter(docker, project, always);
          compose(dir, file, "run", "--rm", "-T", SERVICE);
          cold(dir, launcher);
        }
        Samples same = new Samples();
        Samples byDefault = new Samples();
        Samples cold = new Samples();
        Samples script = new Samples();
        for (int i = 0; i < runs; i++) {
          List<Runnable> order = new ArrayList<>(List.of(
              () -> same.add(adapter(docker, project, ifMissing)),
              () -> byDefault.add(adapter(docker, project, always)),
              () -> cold.add(cold(dir, launcher)),
              () -> script.add(compose(dir, file, "run", "--rm", "-T", SERVICE))));
          java.util.Collections.rotate(order, i);
          order.forEach(Runnable::run);
        }
        String what = "script=\"docker-compose -f docker-compose.test.yml run --rm -T " + SERVICE + "\"";
        out.println(Samples.ratio("compose-run-cold", cold, script, what + " library=\"./rollback run "
            + PLAN + " --severity high --yes\" (a new JVM per run, whole process; builds every run)"));
        out.println(Samples.ratio("compose-run-warm", same, script, what
            + " library=\"Docker.runService, build when missing (what docker-compose run does), in the"
            + " benchmark's JVM\""));
        out.println(Samples.ratio("compose-run-warm-build-always", byDefault, script, what
            + " library=\"Docker.runService with its default, a cached build every run\""));
      } finally {
        docker.removeByLabel(DockerLabels.PROJECT + "=" + project.name());
        compose(dir, file, "down", "--rmi", "local", "--volumes");
        Workspaces.delete(dir);
      }
    }
  }

  private static final String PLAN = "dev.rollback.examples.SeedDockerPlans#recoveryValidation";

  private static long cold(Path dir, Path launcher) {
    return time(dir, List.of(launcher.toString(), "run", PLAN, "--severity", "high", "--yes"), "SUCCEEDED");
  }

  private static long adapter(Docker docker, ComposeProject project, ServiceRunOptions options) {
    long t = System.nanoTime();
    ServiceRun r = docker.runService(project, SERVICE, options);
    long nanos = System.nanoTime() - t;
    if (!r.passed() || !r.stdout().contains("all passed")) {
      throw new IllegalStateException("the adapter's run of " + SERVICE + " failed: " + r.describe());
    }
    return nanos;
  }

  private static long compose(Path dir, Path file, String... args) {
    List<String> cmd = new ArrayList<>(List.of("docker-compose", "-f", file.toString()));
    cmd.addAll(List.of(args));
    return time(dir, cmd, args[0].equals("run") ? "all passed" : "");
  }

  /** Runs a command in the project, checks that it exits 0 and prints what is expected, and times it. */
  private static long time(Path dir, List<String> cmd, String expected) {
    try {
      Path log = Files.createTempFile(dir.getParent(), "compose-", ".log");
      try {
        long t = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        int status = p.waitFor();
        long nanos = System.nanoTime() - t;
        String output = Files.readString(log);
        if (status != 0 || !output.contains(expected)) {
          throw new IllegalStateException(String.join(" ", cmd) + " exited " + status + ": " + output);
        }
        return nanos;
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Copies the compose project and names its {@code pass} service {@code test}, as the seed's is named. */
  private static void copy(Path from, Path to) throws IOException {
    Path file = from.resolve("docker-compose.test.yml");
    if (!Files.isRegularFile(file)) {
      throw new IOException("no docker-compose.test.yml in " + from);
    }
    try (var s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    Path copy = to.resolve("docker-compose.test.yml");
    String yaml = Files.readString(copy);
    if (!yaml.contains("\n  pass:\n")) {
      throw new IOException(file + " has no service 'pass' to run as the seed's 'test'");
    }
    Files.writeString(copy, yaml.replace("\n  pass:\n", "\n  " + SERVICE + ":\n"));
    System.err.printf(Locale.ROOT, "compose: project %s copied to %s%n", from, to);
  }
}
