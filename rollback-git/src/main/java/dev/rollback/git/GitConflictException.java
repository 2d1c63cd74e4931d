package dev.rollback.git;

import java.util.List;

/**
 * A revert or cherry-pick would conflict. The step stopped before touching anything: no half-applied change, no
 * {@code REVERT_HEAD} or {@code MERGE_MSG}, index and work tree as they were.
 */
public final class GitConflictException extends GitException {

  private static final long serialVersionUID = 1L;

  private final String commit;
  private final List<String> paths;

  /**
   * Creates the exception.
   *
   * @param operation what was attempted, such as {@code revert}
   * @param commit the commit whose change conflicts, as a full id
   * @param paths the conflicting paths, sorted
   */
  public GitConflictException(String operation, String commit, List<String> paths) {
    this(operation, commit, paths, paths);
  }

  /**
   * Creates the exception, the message saying what kind of conflict each path has.
   *
   * @param operation what was attempted, such as {@code revert}
   * @param commit the commit whose change conflicts, as a full id
   * @param paths the conflicting paths, sorted
   * @param described the same paths, each with the kind of conflict, such as
   *     {@code ci.yml (modify/delete: deleted on HEAD, modified by the revert)}
   */
  public GitConflictException(String operation, String commit, List<String> paths, List<String> described) {
    super(operation + " of " + commit + " conflicts in " + paths.size() + " path" + (paths.size() == 1 ? "" : "s")
        + ": " + String.join(", ", described) + "; nothing was changed");
    this.commit = commit;
    this.paths = List.copyOf(paths);
  }

  /**
   * The commit whose change conflicts.
   *
   * @return its full id
   */
  public String commit() {
    return commit;
  }

  /**
   * The conflicting paths, as {@code git diff --name-only --diff-filter=U} would list them.
   *
   * @return the paths, sorted
   */
  public List<String> paths() {
    return paths;
  }
}
