package dev.rollback.examples.cli;

import dev.rollback.examples.demo.Demo;
import dev.rollback.report.RunStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rollback demo [--dir DIR]}: runs the P3-007 plan end to end in a new sandbox ({@link Demo}); the narration
 * and the incident report on standard output, the progress on standard error; exit 0 when the rollback succeeded.
 */
@Command(name = "demo")
public final class DemoVerb implements Verb {

  private final Map<String, String> environment;
  private final PrintStream progress;

  @Mixin
  HelpOption help;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "make the sandbox here, an empty or missing directory (default: a new temporary folder)")
  String dir;

  @Parameters(arity = "0..*", paramLabel = "DEMO", description = "fleet: 20 repositories rolled back as a fleet on"
      + " Temporal; culprit: find the commit that broke CI and revert it; none: the P3-007 plan in one repository")
  List<String> rest = new java.util.ArrayList<>();

  /** Creates the command, for the process's environment, with progress on standard error. */
  public DemoVerb() {
    this(System.getenv(), System.err);
  }

  /**
   * Creates the command for another environment and progress stream, as tests do.
   *
   * @param environment where the Docker engine is found ({@code DOCKER_HOST})
   * @param progress where the progress display goes
   */
  public DemoVerb(Map<String, String> environment, PrintStream progress) {
    this.environment = Map.copyOf(environment);
    this.progress = progress;
  }

  @Override
  public String arguments() {
    return "[fleet|culprit] [--dir DIR]";
  }

  @Override
  public String summary() {
    return "run the P3-007 plan end to end in a sandbox (a new temporary folder unless --dir); demo fleet: 20"
        + " repositories rolled back as a fleet on Temporal's test server with two workers; demo culprit: find the"
        + " commit that broke CI from CI history and bisection, and revert it under guardrails";
  }

  @Override
  public int execute(PrintStream out) {
    Optional<Path> sandbox = sandbox();
    if (!rest.isEmpty() && rest.get(0).equals("fleet") && rest.size() == 1) {
      return fleet(sandbox, out);
    }
    if (!rest.isEmpty() && rest.get(0).equals("culprit") && rest.size() == 1) {
      return culprit(sandbox, out);
    }
    if (!rest.isEmpty()) {
      boolean named = rest.get(0).equals("fleet") || rest.get(0).equals("culprit");
      throw new UsageException("unknown argument '" + rest.get(named ? 1 : 0) + "'");
    }
    Demo.Builder demo = Demo.builder().environment(environment).out(out).progress(progress);
    sandbox.ifPresent(demo::directory);
    try {
      return demo.build().run().report().status() == RunStatus.SUCCEEDED ? 0 : 1;
    } catch (IOException e) {
      throw new UncheckedIOException("the demo's sandbox could not be made: " + e.getMessage(), e);
    }
  }

  /** The directory --dir names, checked: empty or missing. */
  private Optional<Path> sandbox() {
    if (dir == null) {
      return Optional.empty();
    }
    Path d = Path.of(dir);
    if (Files.exists(d) && !isEmptyDirectory(d)) {
      throw new UsageException("--dir " + d.toAbsolutePath().normalize() + " must be an empty or missing directory");
    }
    return Optional.of(d);
  }

  /**
   * {@code rollback demo fleet [--dir DIR]}: 20 repositories rolled back as a fleet on Temporal's test server, with
   * two worker processes ({@link dev.rollback.examples.demo.FleetDemo}); exit 0 when it went as designed (19
   * reverted, the refusing origin reported in its own words).
   */
  private int fleet(Optional<Path> dir, PrintStream out) {
    try {
      Path root = dir.isPresent() ? dir.get() : Files.createTempDirectory("rollback-fleet-demo");
      dev.rollback.temporal.FleetReport r = new dev.rollback.examples.demo.FleetDemo(root,
          System.getProperty("java.class.path"), out, progress).run();
      return dev.rollback.examples.demo.FleetDemo.asDesigned(r) ? 0 : 1;
    } catch (IOException e) {
      throw new UncheckedIOException("the fleet demo's sandbox could not be made: " + e.getMessage(), e);
    }
  }

  /**
   * {@code rollback demo culprit [--dir DIR]}: finds the commit that broke CI from CI history and bisection, and
   * reverts it under guardrails ({@link dev.rollback.examples.demo.CulpritDemo}).
   */
  private int culprit(Optional<Path> dir, PrintStream out) {
    try {
      return new dev.rollback.examples.demo.CulpritDemo(dir.orElse(null), out, progress).run();
    } catch (IOException e) {
      throw new UncheckedIOException("the culprit demo's sandbox could not be made: " + e.getMessage(), e);
    }
  }

  private static boolean isEmptyDirectory(Path dir) {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }
}
