package dev.rollback.git;

import java.util.List;

/**
 * The work tree or index holds changes that are not committed, or an operation (merge, revert, rebase) is in
 * progress. Rollback refuses to run over them and never resets them: commit or stash them first.
 */
public final class DirtyWorkTreeException extends GitException {

  private static final long serialVersionUID = 1L;

  private final List<String> paths;

  /**
   * Creates the exception.
   *
   * @param message what is dirty, naming the repository and the paths
   * @param paths the dirty paths, as far as they were listed
   */
  public DirtyWorkTreeException(String message, List<String> paths) {
    super(message);
    this.paths = List.copyOf(paths);
  }

  /**
   * The paths with uncommitted changes, up to the first few dozen.
   *
   * @return the paths, sorted
   */
  public List<String> paths() {
    return paths;
  }
}
