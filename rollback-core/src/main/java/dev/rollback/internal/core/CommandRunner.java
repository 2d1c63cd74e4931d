package dev.rollback.internal.core;

import dev.rollback.RollbackException;
import dev.rollback.internal.Processes;
import dev.rollback.internal.WorkspacePaths;
import dev.rollback.spi.CallContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a command given as resolved parameters ({@code argv}, {@code directory}, {@code env}) through
 * {@link Processes}: no shell in between, in a directory confined to the workspace ({@link WorkspacePaths}), with
 * the program resolved against that directory when it is a relative path.
 */
final class CommandRunner {

  private CommandRunner() {}

  /**
   * The last lines of both outputs of a finished command, for messages and evidence: masked before they are cut, so
   * that the cut cannot leave part of a secret the executor would no longer recognise.
   */
  static String tail(CallContext ctx, Processes.Result r) {
    String both = ctx.run().redact((r.stdout().strip() + "\n" + r.stderr().strip()).strip());
    String[] lines = both.split("\n");
    int from = Math.max(0, lines.length - 8);
    String t = String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
    return t.length() > 2000 ? t.substring(t.length() - 2000) : t;
  }

  /** The command line as people read it. */
  static String display(Map<String, Object> command) {
    StringBuilder b = new StringBuilder();
    for (String a : argv(command)) {
      b.append(b.length() > 0 ? " " : "").append(a.matches("[A-Za-z0-9_./:=@%+,-]+") ? a
          : "'" + a.replace("'", "'\\''") + "'");
    }
    Object dir = command.get("directory");
    return b + (dir == null || ".".equals(dir) ? "" : " (in " + dir + ")");
  }

  /** What is wrong with running the command here, without running it. */
  static List<String> problems(Path workspace, Map<String, Object> command) {
    List<String> out = new ArrayList<>();
    Path dir;
    try {
      dir = directory(workspace, command);
    } catch (IllegalArgumentException e) {
      out.add("directory: " + e.getMessage());
      return out;
    }
    if (!Files.isDirectory(dir)) {
      out.add("directory " + command.get("directory") + " does not exist in " + workspace);
      return out;
    }
    String program = argv(command).get(0);
    if (program.contains("/")) {
      Path p = dir.resolve(program);
      if (!Files.isRegularFile(p)) {
        out.add("program " + program + " does not exist in " + dir);
      } else if (!Files.isExecutable(p)) {
        out.add("program " + program + " is not executable");
      }
    }
    return out;
  }

  /**
   * Runs the command to its end.
   *
   * @param ctx the call, for the workspace
   * @param command the resolved command parameters
   * @param timeout how long it may run; it is killed afterwards
   * @return what it did
   * @throws IOException when it cannot be started
   * @throws InterruptedException when interrupted; the process is killed
   * @throws RollbackException when it runs past its timeout, or its directory is outside the workspace
   */
  static Processes.Result run(CallContext ctx, Map<String, Object> command, Duration timeout)
      throws IOException, InterruptedException {
    Path dir;
    try {
      dir = directory(ctx.run().workspace(), command);
    } catch (IllegalArgumentException e) {
      throw new RollbackException("command `" + display(command) + "`: " + e.getMessage());
    }
    List<String> argv = argv(command);
    String program = argv.get(0);
    if (program.contains("/") && !Path.of(program).isAbsolute()) {
      argv.set(0, dir.resolve(program).toString());
    }
    Map<String, String> env = new LinkedHashMap<>();
    if (command.get("env") instanceof Map) {
      ((Map<?, ?>) command.get("env")).forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
    }
    try {
      return Processes.run(argv, dir, env, timeout);
    } catch (Processes.TimeoutException e) {
      throw new RollbackException("command `" + display(command) + "` " + e.getMessage() + " and was stopped");
    }
  }

  private static Path directory(Path workspace, Map<String, Object> command) {
    Object dir = command.get("directory");
    return WorkspacePaths.resolve(workspace, dir == null ? "." : String.valueOf(dir));
  }

  private static List<String> argv(Map<String, Object> command) {
    List<String> argv = new ArrayList<>();
    for (Object o : (List<?>) command.get("argv")) {
      argv.add(String.valueOf(o));
    }
    return argv;
  }
}
