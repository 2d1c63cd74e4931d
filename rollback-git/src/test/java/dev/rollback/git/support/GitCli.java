package dev.rollback.git.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code git} command line in a fixed environment: a private HOME, no system configuration, UTC, C locale, and
 * author and committer dates taken from a settable instant, so its commits are reproducible and comparable with the
 * library's.
 */
public final class GitCli {

  /** The outcome of one command. */
  public record Result(int exit, String out, String err) {
    /** Whether the command exited 0. */
    public boolean ok() {
      return exit == 0;
    }
  }

  private final Path dir;
  private final Path home;
  private Instant now;

  /**
   * A git runner.
   *
   * @param dir the working directory
   * @param home the HOME to use
   * @param now the author and committer date of commits made
   */
  public GitCli(Path dir, Path home, Instant now) {
    this.dir = dir;
    this.home = home;
    this.now = now;
  }

  /** The same runner in another directory. */
  public GitCli in(Path other) {
    GitCli g = new GitCli(other, home, now);
    return g;
  }

  /** Sets the date of the commits made next. */
  public GitCli at(Instant instant) {
    this.now = instant;
    return this;
  }

  /** The date commits are made with. */
  public Instant now() {
    return now;
  }

  /** The directory. */
  public Path dir() {
    return dir;
  }

  /** Runs git and returns its trimmed output; fails the test when it exits non-zero. */
  public String run(String... args) {
    Result r = tryRun(args);
    if (!r.ok()) {
      throw new AssertionError("git " + String.join(" ", args) + " exited " + r.exit() + " in " + dir + ":\n"
          + r.out() + r.err());
    }
    return r.out().strip();
  }

  /** Runs git. */
  public Result tryRun(String... args) {
    return exec(null, args);
  }

  /** Runs git with bytes on its standard input. */
  public Result exec(byte[] stdin, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("GIT_"));
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("LC_ALL", "C");
    env.put("LANG", "C");
    env.put("TZ", "UTC");
    String date = "@" + now.getEpochSecond() + " +0000";
    env.put("GIT_AUTHOR_DATE", date);
    env.put("GIT_COMMITTER_DATE", date);
    env.put("GIT_EDITOR", "true");
    try {
      Process p = pb.start();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      if (stdin != null) {
        p.getOutputStream().write(stdin);
      }
      p.getOutputStream().close();
      int exit = p.waitFor();
      return new Result(exit, new String(out.join(), StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a file in the work tree, creating directories. */
  public GitCli write(String path, String content) {
    return write(path, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a file in the work tree, creating directories. */
  public GitCli write(String path, byte[] content) {
    try {
      Path p = dir.resolve(path);
      Files.createDirectories(p.getParent());
      Files.write(p, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a file of the work tree. */
  public String read(String path) {
    try {
      return Files.readString(dir.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stages everything and commits, returning the new commit's id. */
  public String commitAll(String message) {
    run("add", "-A");
    run("commit", "-q", "--allow-empty", "-m", message);
    return run("rev-parse", "HEAD");
  }

  /** The id a revision resolves to. */
  public String rev(String rev) {
    return run("rev-parse", rev);
  }

  /** {@code git status --porcelain}, untracked files included. */
  public String status() {
    return run("status", "--porcelain");
  }

  /** The sha1 of the index file's bytes. */
  public String indexChecksum() {
    try {
      byte[] bytes = Files.readAllBytes(gitDir().resolve("index"));
      return org.eclipse.jgit.lib.ObjectId.fromRaw(java.security.MessageDigest.getInstance("SHA-1").digest(bytes))
          .name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** The .git directory. */
  public Path gitDir() {
    return dir.resolve(run("rev-parse", "--git-dir"));
  }

  /** Every ref with its value, one per line, as {@code git for-each-ref} prints them. */
  public String refs() {
    return run("for-each-ref", "--format=%(refname) %(objectname)");
  }

  /** The paths git lists as unmerged after a conflict. */
  public List<String> unmergedPaths() {
    String out = run("diff", "--name-only", "--diff-filter=U");
    List<String> paths = new ArrayList<>();
    for (String l : out.split("\n")) {
      if (!l.isBlank()) {
        paths.add(l);
      }
    }
    java.util.Collections.sort(paths);
    return paths;
  }
}
