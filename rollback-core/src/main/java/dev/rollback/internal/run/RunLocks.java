package dev.rollback.internal.run;

import dev.rollback.internal.journal.JournalStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the run locks are: the workspace's in its Git directory when it is a Git work tree ({@code .git/rollback/lock}),
 * else in {@code <workspace>/.rollback/lock}; the adapters' where they say. Each is named by its canonical path, so
 * every run on one repository or workspace finds the same file, whatever its plan and journal.
 */
final class RunLocks {

  private static final Logger LOG = LoggerFactory.getLogger(RunLocks.class);

  private RunLocks() {}

  /**
   * The workspace's lock file.
   *
   * @param workspace the absolute workspace
   * @return the lock file
   */
  static Path workspaceLock(Path workspace) {
    Path git = workspace.resolve(".git");
    return canonical(Files.isDirectory(git) ? git.resolve("rollback").resolve("lock")
        : workspace.resolve(".rollback").resolve("lock"));
  }

  /**
   * A lock file's path with its folder's symbolic links resolved, as far as the folder exists.
   *
   * @param file the lock file
   * @return the canonical path
   */
  static Path canonical(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    Path rest = abs.getFileName();
    while (dir != null) {
      try {
        return dir.toRealPath().resolve(rest);
      } catch (IOException e) {
        if (dir.getFileName() == null) {
          return abs;
        }
        rest = dir.getFileName().resolve(rest);
        dir = dir.getParent();
      }
    }
    return abs;
  }

  /** The places in a fixed order (by path), so two runs take shared locks in the same order. */
  static Map<Path, String> canonicalized(Map<Path, String> places) {
    return new TreeMap<>(places);
  }

  /** Releases held locks, last taken first, logging those that fail. */
  static void release(List<JournalStore.JournalLock> held) {
    for (int i = held.size() - 1; i >= 0; i--) {
      try {
        held.get(i).close();
      } catch (IOException | RuntimeException e) {
        LOG.warn("a run lock could not be released: {}", e.toString());
      }
    }
    held.clear();
  }

  static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
