package dev.rollback.examples.cli;

import dev.rollback.RunStatus;
import dev.rollback.examples.demo.Demo;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code rollback demo [--dir DIR]}: runs the P3-007 plan end to end in a new sandbox ({@link Demo}); the narration
 * and the incident report on standard output, the progress on standard error; exit 0 when the rollback succeeded.
 */
public final class DemoVerb implements Verb {

  private final Map<String, String> environment;
  private final PrintStream progress;

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
  public String name() {
    return "demo";
  }

  @Override
  public String arguments() {
    return "[--dir DIR]";
  }

  @Override
  public String summary() {
    return "run the P3-007 plan end to end in a sandbox (a new temporary folder unless --dir); `demo culprit`:"
        + " find the commit that broke CI from CI history and bisection, and revert it under guardrails";
  }

  @Override
  public int run(List<String> args, PrintStream out) {
    if (!args.isEmpty() && args.get(0).equals("culprit")) {
      return culprit(args.subList(1, args.size()), out);
    }
    Demo.Builder demo = Demo.builder().environment(environment).out(out).progress(progress);
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--dir") && i + 1 < args.size()) {
        Path dir = Path.of(args.get(++i));
        if (Files.exists(dir) && !isEmptyDirectory(dir)) {
          throw new UsageException("--dir " + dir.toAbsolutePath().normalize() + " must be an empty or missing"
              + " directory");
        }
        demo.directory(dir);
      } else {
        throw new UsageException(args.get(i).equals("--dir") ? "--dir needs a value" : "unknown argument '"
            + args.get(i) + "'");
      }
    }
    try {
      return demo.build().run().report().status() == RunStatus.SUCCEEDED ? 0 : 1;
    } catch (IOException e) {
      throw new UncheckedIOException("the demo's sandbox could not be made: " + e.getMessage(), e);
    }
  }

  private int culprit(List<String> args, PrintStream out) {
    Path dir = null;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--dir") && i + 1 < args.size()) {
        dir = Path.of(args.get(++i));
        if (Files.exists(dir) && !isEmptyDirectory(dir)) {
          throw new UsageException("--dir " + dir.toAbsolutePath().normalize() + " must be an empty or missing"
              + " directory");
        }
      } else {
        throw new UsageException(args.get(i).equals("--dir") ? "--dir needs a value" : "unknown argument '"
            + args.get(i) + "'");
      }
    }
    try {
      return new dev.rollback.examples.demo.CulpritDemo(dir, out, progress).run();
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
