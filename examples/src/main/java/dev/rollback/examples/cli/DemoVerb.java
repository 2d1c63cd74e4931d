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

  @Parameters(arity = "0..*", hidden = true)
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
    return "[--dir DIR]";
  }

  @Override
  public String summary() {
    return "run the P3-007 plan end to end in a sandbox (a new temporary folder unless --dir)";
  }

  @Override
  public int execute(PrintStream out) {
    if (!rest.isEmpty()) {
      throw new UsageException("unknown argument '" + rest.get(0) + "'");
    }
    Demo.Builder demo = Demo.builder().environment(environment).out(out).progress(progress);
    if (dir != null) {
      Path d = Path.of(dir);
      if (Files.exists(d) && !isEmptyDirectory(d)) {
        throw new UsageException("--dir " + d.toAbsolutePath().normalize() + " must be an empty or missing"
            + " directory");
      }
      demo.directory(d);
    }
    try {
      return demo.build().run().report().status() == RunStatus.SUCCEEDED ? 0 : 1;
    } catch (IOException e) {
      throw new UncheckedIOException("the demo's sandbox could not be made: " + e.getMessage(), e);
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
