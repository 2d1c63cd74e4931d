package dev.rollback;

import dev.rollback.internal.Names;
import java.util.List;
import java.util.Objects;

/**
 * A path relative to the repository's root, such as {@code .github/workflows/ci.yml}. Paths are confined to the
 * repository: {@link RollbackPlan#check()} rejects absolute paths and paths that climb out with {@code ..}.
 *
 * @param path the path, with forward slashes
 */
public record RepoPath(String path) implements Arg {

  /**
   * Creates a repository path.
   *
   * @param path the path, with forward slashes
   * @throws NullPointerException if {@code path} is null
   */
  public RepoPath {
    Objects.requireNonNull(path, "path");
  }

  @Override
  public String type() {
    return "path";
  }

  @Override
  public String text() {
    return path;
  }

  @Override
  public List<String> problems() {
    return Names.repoPathProblems(path);
  }

  @Override
  public String toString() {
    return path;
  }
}
