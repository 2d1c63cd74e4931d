package dev.rollback.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves a plan's repository-relative paths against a workspace at run time, refusing any that would leave it:
 * absolute paths, {@code ..}, and symbolic links that point outside.
 */
public final class WorkspacePaths {

  private WorkspacePaths() {}

  /**
   * Resolves a relative path inside the workspace.
   *
   * @param workspace the workspace directory
   * @param relative the path relative to it, with forward slashes
   * @return the absolute, normalized path
   * @throws IllegalArgumentException if the path is empty, absolute, climbs out with {@code ..}, or leads outside
   *     the workspace through a symbolic link; the message names the path
   */
  public static Path resolve(Path workspace, String relative) {
    List<String> problems = Names.repoPathProblems(relative);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    Path root = workspace.toAbsolutePath().normalize();
    Path resolved = root.resolve(relative).normalize();
    if (!resolved.startsWith(root)) {
      throw new IllegalArgumentException("path '" + Texts.printable(relative) + "' leads outside the workspace");
    }
    if (Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
      try {
        if (!resolved.toRealPath().startsWith(root.toRealPath())) {
          throw new IllegalArgumentException("path '" + Texts.printable(relative)
              + "' leads outside the workspace through a symbolic link");
        }
      } catch (IOException e) {
        // A dangling link or an unreadable directory: the caller's read reports it with the path.
        return resolved;
      }
    }
    return resolved;
  }
}
