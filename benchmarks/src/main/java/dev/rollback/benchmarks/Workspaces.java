package dev.rollback.benchmarks;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fresh copies of the pristine pair ({@code work}, the clone, and {@code origin.git}, its bare origin) for every
 * timed run, made outside the timed region. Repository files are copied with their times, but pack files are
 * hard-linked (nothing rewrites a pack), and so are the clone's work-tree files: git and JGit (and the Git adapter)
 * never write into a tracked file, they replace it with a new one, so the pristine files stay as they are (the
 * comparison checks that every run leaves the same result, and that the pristine clone stays clean). Copying the
 * 3,000 files would cost seconds per run on this machine's disk; linking them costs milliseconds. Then the clone's
 * {@code origin} is pointed at the copy's origin, the index refreshed ({@code git update-index --refresh}: new links
 * change every file's ctime, which git and JGit would otherwise re-hash), and the file system synced, so that no
 * write-back of the copy runs during the measurement.
 */
final class Workspaces {

  private Workspaces() {}

  /**
   * Makes {@code dest/work} and {@code dest/origin.git} from the pristine pair.
   *
   * @param pristine the directory holding the pristine {@code work} and {@code origin.git}
   * @param dest a directory that does not exist yet
   * @return {@code dest/work}
   * @throws IOException when copying or a git command fails
   */
  static Path fresh(Path pristine, Path dest) throws IOException {
    Files.createDirectories(dest);
    copy(pristine.resolve("origin.git"), dest.resolve("origin.git"), true);
    copy(pristine.resolve("work"), dest.resolve("work"), false);
    Path work = dest.resolve("work");
    git(work, "config", "remote.origin.url", dest.resolve("origin.git").toString());
    git(work, "update-index", "-q", "--refresh");
    run(dest, "sync", "-f", dest.toString());
    return work;
  }

  /**
   * Deletes a directory tree.
   *
   * @param dir the directory; nothing happens when it does not exist
   * @throws IOException when a file cannot be deleted
   */
  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void copy(Path from, Path to, boolean bare) throws IOException {
    Path gitDir = bare ? from : from.resolve(".git");
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(d)));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Path target = to.resolve(from.relativize(file));
        boolean pack = file.getParent().endsWith(Path.of("objects", "pack"));
        if (pack || !file.startsWith(gitDir)) {
          Files.createLink(target, file);
        } else {
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        Files.setLastModifiedTime(to.resolve(from.relativize(d)), Files.getLastModifiedTime(d));
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /**
   * Runs {@code git} in a directory.
   *
   * @param dir the directory
   * @param args git's arguments
   * @return the standard output, trimmed
   * @throws IOException when git fails
   */
  static String git(Path dir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(Arrays.asList(args));
    return run(dir, cmd.toArray(new String[0]));
  }

  /**
   * Runs a command in a directory and waits for it.
   *
   * @param dir the directory
   * @param cmd the command
   * @return its standard output (and error), trimmed
   * @throws IOException when it exits with another status than 0
   */
  static String run(Path dir, String... cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    try {
      if (p.waitFor() != 0) {
        throw new IOException(String.join(" ", cmd) + " failed in " + dir + ": " + new String(output).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + String.join(" ", cmd), e);
    }
    return new String(output).strip();
  }
}
