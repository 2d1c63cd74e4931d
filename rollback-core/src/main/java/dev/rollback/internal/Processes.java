package dev.rollback.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program without a shell: its arguments as given, in a directory, with environment additions, within a
 * timeout, capturing standard output and error (each up to a limit) without deadlocking on full pipes. A program
 * still running at the timeout is killed with its descendants.
 */
public final class Processes {

  /** How much of each stream is kept: 8 MiB. */
  public static final int MAX_CAPTURE = 8 << 20;

  private Processes() {}

  /**
   * What a finished program left.
   *
   * @param exitCode its exit status
   * @param stdout its standard output, decoded as UTF-8, up to {@link #MAX_CAPTURE} bytes (when longer, up to the
   *     end of its last whole line within them, so that no value is cut in two)
   * @param stderr its standard error, likewise
   * @param truncated whether either stream was longer than kept
   */
  public record Result(int exitCode, String stdout, String stderr, boolean truncated) {}

  /** The program did not finish within its timeout and was killed. */
  public static final class TimeoutException extends Exception {
    private static final long serialVersionUID = 1L;

    TimeoutException(String message) {
      super(message);
    }
  }

  /**
   * Runs a program to its end.
   *
   * @param argv the program and its arguments
   * @param directory where to run it
   * @param env variables added to the inherited environment
   * @param timeout how long it may run
   * @return its exit status and output
   * @throws IOException if it cannot be started
   * @throws TimeoutException if it ran past the timeout (it was killed)
   * @throws InterruptedException if the calling thread was interrupted (the program was killed)
   */
  public static Result run(List<String> argv, Path directory, Map<String, String> env, Duration timeout)
      throws IOException, TimeoutException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(argv).directory(directory.toFile());
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    Process p = pb.start();
    p.getOutputStream().close();
    Capture out = new Capture(p.getInputStream());
    Capture err = new Capture(p.getErrorStream());
    Thread outReader = reader(out, "stdout of " + argv.get(0));
    Thread errReader = reader(err, "stderr of " + argv.get(0));
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!p.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
        kill(p);
        throw new TimeoutException("did not finish within " + Texts.duration(timeout));
      }
      // A background child may keep the pipes open after the program exits: wait for the output only so long.
      outReader.join(Math.max(100, (deadline - System.nanoTime()) / 1_000_000));
      errReader.join(Math.max(100, (deadline - System.nanoTime()) / 1_000_000));
    } catch (InterruptedException e) {
      kill(p);
      throw e;
    }
    return new Result(p.exitValue(), out.text(), err.text(), out.truncated || err.truncated);
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  private static Thread reader(Capture c, String name) {
    Thread t = new Thread(c, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Drains a stream, keeping its first bytes. */
  private static final class Capture implements Runnable {
    private final InputStream in;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private volatile boolean truncated;

    Capture(InputStream in) {
      this.in = in;
    }

    @Override
    public void run() {
      byte[] buf = new byte[8192];
      try (in) {
        for (int n; (n = in.read(buf)) >= 0; ) {
          int room = MAX_CAPTURE - kept.size();
          if (n > room) {
            truncated = true;
          }
          if (room > 0) {
            kept.write(buf, 0, Math.min(n, room));
          }
        }
      } catch (IOException e) {
        // The process was killed or closed its end: what was read is what there is.
      }
    }

    String text() {
      if (!truncated) {
        return kept.toString(StandardCharsets.UTF_8);
      }
      // Cut at the end of the last whole line: a value cut in two (a secret) would no longer be recognised.
      byte[] b = kept.toByteArray();
      int end = b.length;
      while (end > 0 && b[end - 1] != '\n') {
        end--;
      }
      return new String(b, 0, end, StandardCharsets.UTF_8);
    }
  }
}
