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

/**
 * Runs a command read from resolved parameters ({@link CommandLine}) through
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

  /** What is wrong with running the command here, without running it. */
  static List<String> problems(Path workspace, List<String> argv, String directory) {
    List<String> out = new ArrayList<>();
    Path dir;
    try {
      dir = WorkspacePaths.resolve(workspace, directory);
    } catch (IllegalArgumentException e) {
      out.add("directory: " + e.getMessage());
      return out;
    }
    if (!Files.isDirectory(dir)) {
      out.add("directory " + directory + " does not exist in " + workspace);
      return out;
    }
    String program = argv.get(0);
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
   * @param command the command
   * @param timeout how long it may run; it is killed afterwards
   * @return what it did
   * @throws IOException when it cannot be started
   * @throws InterruptedException when interrupted; the process is killed
   * @throws RollbackException when it runs past its timeout, or its directory is outside the workspace
   */
  static Processes.Result run(CallContext ctx, CommandLine command, Duration timeout)
      throws IOException, InterruptedException {
    Path dir;
    try {
      dir = WorkspacePaths.resolve(ctx.run().workspace(), command.directory());
    } catch (IllegalArgumentException e) {
      throw new RollbackException("command `" + command.display() + "`: " + e.getMessage());
    }
    List<String> argv = new ArrayList<>(command.argv());
    String program = argv.get(0);
    if (program.contains("/") && !Path.of(program).isAbsolute()) {
      argv.set(0, dir.resolve(program).toString());
    }
    try {
      return Processes.run(argv, dir, new LinkedHashMap<>(command.env()), timeout);
    } catch (Processes.TimeoutException e) {
      throw new RollbackException("command `" + command.display() + "` " + e.getMessage() + " and was stopped");
    }
  }
}
