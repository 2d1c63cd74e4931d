package dev.rollback.internal.signals;

import dev.rollback.SignalException;
import dev.rollback.internal.Texts;
import dev.rollback.internal.WorkspacePaths;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds report files: a file itself, or the files of a directory (and its subdirectories) matching a glob. */
final class ReportFiles {

  private static final int MAX_DEPTH = 12;

  private ReportFiles() {}

  /**
   * The workspace path, resolved and confined.
   *
   * @throws SignalException naming the path when it leaves the workspace
   */
  static Path resolve(Path workspace, String relative, String what) {
    try {
      return WorkspacePaths.resolve(workspace, relative);
    } catch (IllegalArgumentException e) {
      throw new SignalException(what + ": " + e.getMessage());
    }
  }

  /**
   * The report files at a path: the file itself, or every file under the directory whose name matches the glob,
   * sorted by path.
   *
   * @throws SignalException naming the path when it does not exist or a directory holds no matching file
   */
  static List<Path> find(Path workspace, String relative, String include, String what) {
    Path p = resolve(workspace, relative, what);
    if (!Files.exists(p)) {
      throw new SignalException(what + " " + relative + " does not exist");
    }
    if (!Files.isDirectory(p)) {
      return List.of(p);
    }
    PathMatcher matcher;
    try {
      matcher = FileSystems.getDefault().getPathMatcher("glob:" + include);
    } catch (IllegalArgumentException e) {
      throw new SignalException("file name pattern '" + Texts.printable(include) + "' for " + what + "s in "
          + relative + " is not a valid glob: " + e.getMessage());
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(p, MAX_DEPTH)) {
      files = walk.filter(f -> Files.isRegularFile(f) && matcher.matches(f.getFileName()))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new SignalException("cannot list " + what + "s in " + relative + ": " + e, e);
    }
    if (files.isEmpty()) {
      throw new SignalException("no " + what + " matching " + include + " in " + relative);
    }
    return files;
  }

  /** A file's path relative to the workspace, with forward slashes, for messages. */
  static String shown(Path workspace, Path file) {
    Path root = workspace.toAbsolutePath().normalize();
    Path f = file.toAbsolutePath().normalize();
    return Texts.printable((f.startsWith(root) ? root.relativize(f) : f).toString().replace('\\', '/'));
  }
}
