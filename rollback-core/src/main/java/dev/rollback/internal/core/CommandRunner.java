package dev.rollback.internal.core;

import dev.rollback.RollbackException;
import dev.rollback.spi.CallContext;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs a command given as resolved parameters ({@code argv}, {@code directory}, {@code env}): no shell in between,
 * in a directory confined to the workspace, with the program resolved against that directory when it is a
 * relative path, standard input closed, and both outputs captured (the last {@value #KEEP} bytes of each). An
 * interrupt kills the process and its descendants.
 */
final class CommandRunner {

  static final int KEEP = 64 * 1024;

  private static final java.util.concurrent.ExecutorService DRAINS = java.util.concurrent.Executors
      .newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rollback-command-output");
        t.setDaemon(true);
        return t;
      });

  private CommandRunner() {}

  /**
   * What a command did.
   *
   * @param exitCode its exit status
   * @param stdout its standard output (the tail, when long)
   * @param stderr its standard error (the tail, when long)
   */
  record Result(int exitCode, String stdout, String stderr) {
    /** The last lines of both outputs, for messages. */
    String tail() {
      String both = (stdout.strip() + "\n" + stderr.strip()).strip();
      String[] lines = both.split("\n");
      int from = Math.max(0, lines.length - 8);
      StringBuilder b = new StringBuilder();
      for (int i = from; i < lines.length; i++) {
        b.append(i > from ? "\n" : "").append(lines[i]);
      }
      return b.length() > 2000 ? b.substring(b.length() - 2000) : b.toString();
    }
  }

  /** The command line as people read it. */
  static String display(Map<String, Object> command) {
    @SuppressWarnings("unchecked")
    List<Object> argv = (List<Object>) command.get("argv");
    StringBuilder b = new StringBuilder();
    for (Object o : argv) {
      String a = String.valueOf(o);
      b.append(b.length() > 0 ? " " : "").append(a.matches("[A-Za-z0-9_./:=@%+,-]+") ? a
          : "'" + a.replace("'", "'\\''") + "'");
    }
    Object dir = command.get("directory");
    return b + (dir == null || ".".equals(dir) ? "" : " (in " + dir + ")");
  }

  /** The directory a command runs in, confined to the workspace. */
  static Path directory(Path workspace, Map<String, Object> command) {
    Object dir = command.get("directory");
    Path d = workspace.resolve(dir == null ? "." : String.valueOf(dir)).normalize();
    if (!d.startsWith(workspace)) {
      throw new RollbackException("directory '" + dir + "' is outside the workspace " + workspace);
    }
    return d;
  }

  /** What is wrong with running the command here, without running it. */
  static List<String> problems(Path workspace, Map<String, Object> command) {
    List<String> out = new ArrayList<>();
    Path dir;
    try {
      dir = directory(workspace, command);
    } catch (RollbackException e) {
      out.add(e.getMessage());
      return out;
    }
    if (!Files.isDirectory(dir)) {
      out.add("directory " + workspace.relativize(dir) + " does not exist in " + workspace);
      return out;
    }
    @SuppressWarnings("unchecked")
    String program = String.valueOf(((List<Object>) command.get("argv")).get(0));
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
   * @return what it did
   * @throws IOException when it cannot be started
   * @throws InterruptedException when interrupted; the process is killed
   */
  @SuppressWarnings("unchecked")
  static Result run(CallContext ctx, Map<String, Object> command) throws IOException, InterruptedException {
    Path workspace = ctx.run().workspace();
    Path dir = directory(workspace, command);
    List<String> argv = new ArrayList<>();
    for (Object o : (List<Object>) command.get("argv")) {
      argv.add(String.valueOf(o));
    }
    String program = argv.get(0);
    if (program.contains("/") && !Path.of(program).isAbsolute()) {
      argv.set(0, dir.resolve(program).toString());
    }
    ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Object env = command.get("env");
    if (env instanceof Map) {
      ((Map<String, Object>) env).forEach((k, v) -> pb.environment().put(k, String.valueOf(v)));
    }
    Process p = pb.start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()), DRAINS);
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()), DRAINS);
    try {
      int code = p.waitFor();
      return new Result(code, out.get(), err.get());
    } catch (InterruptedException e) {
      kill(p);
      throw e;
    } catch (ExecutionException e) {
      return new Result(p.exitValue(), "", "");
    } finally {
      if (p.isAlive()) {
        kill(p);
      }
    }
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  private static String drain(InputStream in) {
    ByteArrayOutputStream tail = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try (in) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        tail.write(buf, 0, n);
        if (tail.size() > 2 * KEEP) {
          byte[] all = tail.toByteArray();
          tail.reset();
          tail.write(all, all.length - KEEP, KEEP);
        }
      }
    } catch (IOException e) {
      // The process died or was killed; what was read is what there is.
    }
    byte[] all = tail.toByteArray();
    int from = Math.max(0, all.length - KEEP);
    return new String(all, from, all.length - from, StandardCharsets.UTF_8);
  }
}
