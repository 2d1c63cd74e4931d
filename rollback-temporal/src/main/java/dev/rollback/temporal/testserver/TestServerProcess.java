package dev.rollback.temporal.testserver;

import dev.rollback.RollbackException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java process started with a class path (the test server, a worker), its output in a log file; the server's
 * address is read from its {@code LISTENING <port>} line.
 */
public final class TestServerProcess implements AutoCloseable {

  /** Small heap, quick start: the flags the helper processes run with (two cores are shared). */
  public static final List<String> JVM_FLAGS = List.of("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.log.io.temporal=warn");

  private final Process process;
  private final Path log;
  private final String address;

  private TestServerProcess(Process process, Path log, String address) {
    this.process = process;
    this.log = log;
    this.address = address;
  }

  /**
   * Starts the test server ({@link LoopbackTestServer}) on a free loopback port and waits until it listens.
   *
   * @param classPath the class path holding this module and Temporal's test server
   * @param log where its output goes
   * @return the running server
   * @throws RollbackException when it does not listen within 60 s, with its log
   */
  public static TestServerProcess startServer(String classPath, Path log) {
    Process p = java(classPath, LoopbackTestServer.class.getName(), List.of("0"), log, List.of());
    String line = awaitLine(p, log, "LISTENING ", 60_000);
    return new TestServerProcess(p, log, "127.0.0.1:" + line.substring("LISTENING ".length()).strip());
  }

  /**
   * Starts a Java process.
   *
   * @param classPath its class path
   * @param mainClass its main class
   * @param args its arguments
   * @param log where its standard output and error go
   * @param flags more JVM flags
   * @return the process
   * @throws RollbackException when it cannot be started
   */
  public static Process java(String classPath, String mainClass, List<String> args, Path log, List<String> flags) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JVM_FLAGS);
    cmd.addAll(flags);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(mainClass);
    cmd.addAll(args);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new RollbackException("cannot start " + mainClass + ": " + e.getMessage(), e);
    }
  }

  /**
   * Waits until a process's log has a line starting with a prefix.
   *
   * @param p the process
   * @param log its log
   * @param prefix the line's start
   * @param timeoutMillis how long to wait at most
   * @return the line
   * @throws RollbackException when the process ends first or the time is up, with the log
   */
  public static String awaitLine(Process p, Path log, String prefix, long timeoutMillis) {
    long end = System.currentTimeMillis() + timeoutMillis;
    try {
      while (System.currentTimeMillis() < end) {
        if (Files.exists(log)) {
          for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (l.startsWith(prefix)) {
              return l;
            }
          }
        }
        if (!p.isAlive()) {
          throw new RollbackException("process " + p.pid() + " ended (exit " + p.exitValue() + ") before printing '"
              + prefix + "': " + Files.readString(log, StandardCharsets.UTF_8));
        }
        Thread.sleep(20);
      }
      throw new RollbackException("no '" + prefix + "' from process " + p.pid() + " after " + timeoutMillis
          + " ms; its log: " + log);
    } catch (IOException e) {
      throw new RollbackException("cannot read " + log + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RollbackException("interrupted while waiting for process " + p.pid(), e);
    }
  }

  /**
   * The server's address.
   *
   * @return {@code 127.0.0.1:PORT}
   */
  public String address() {
    return address;
  }

  /**
   * The server's log.
   *
   * @return the file
   */
  public Path log() {
    return log;
  }

  /**
   * Stops a process: SIGTERM, then SIGKILL after 10 s.
   *
   * @param p the process
   */
  public static void stop(Process p) {
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
  }

  /** Stops the server (stop its workers first, or it waits 5 s for their polls). */
  @Override
  public void close() {
    stop(process);
  }
}
