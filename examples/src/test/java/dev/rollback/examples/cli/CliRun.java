package dev.rollback.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A command line of the launcher run in this JVM, with what it printed.
 *
 * @param status the exit status
 * @param out what went to standard output
 * @param err what went to standard error
 */
public record CliRun(int status, String out, String err) {

  /**
   * Runs a command line.
   *
   * @param args the command and its arguments
   * @return what it did
   */
  public static CliRun of(String... args) {
    return in(System.getenv(), args);
  }

  /**
   * Runs a command line in an environment of the test's making instead of the process's.
   *
   * @param environment the environment variables the command sees
   * @param args the command and its arguments
   * @return what it did
   */
  public static CliRun in(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = RollbackCli.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
