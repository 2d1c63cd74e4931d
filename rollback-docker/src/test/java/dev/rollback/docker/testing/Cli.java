package dev.rollback.docker.testing;

import dev.rollback.testkit.DockerEngineExtension;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command-line tool (docker, docker-compose) for comparisons, with stdout and stderr apart. */
public final class Cli {

  /**
   * What a command did.
   *
   * @param exitCode its exit code
   * @param stdout its standard output
   * @param stderr its standard error
   */
  public record Result(int exitCode, String stdout, String stderr) {}

  private Cli() {}

  /**
   * Whether a program is on the PATH.
   *
   * @param program the program
   * @return {@code true} when found
   */
  public static boolean available(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Arrays.stream(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
  }

  /**
   * Skips (or under CI fails) a test that needs a program that is missing.
   *
   * @param program the program
   * @param packageName the Debian package that has it
   */
  public static void require(String program, String packageName) {
    if (!available(program)) {
      DockerEngineExtension.unavailable(program + " is not installed (apt-get install " + packageName + ")");
    }
  }

  /**
   * Runs a command with no input.
   *
   * @param dir the working directory
   * @param env variables to add
   * @param command the command
   * @return the result
   */
  public static Result run(Path dir, Map<String, String> env, String... command) {
    return run(dir, env, List.of(command));
  }

  /**
   * Runs a command with no input.
   *
   * @param dir the working directory
   * @param env variables to add
   * @param command the command
   * @return the result
   */
  public static Result run(Path dir, Map<String, String> env, List<String> command) {
    try {
      Path out = Files.createTempFile("cli", ".out");
      Path err = Files.createTempFile("cli", ".err");
      try {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new IllegalStateException(command + " did not finish within 5 minutes");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
