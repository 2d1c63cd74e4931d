package dev.rollback.git;

import dev.rollback.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Git checks for the readiness checklist and validations. Checks observe only; a preview evaluates them for real.
 * Checks that identify something bind it with {@code .as(name)}:
 *
 * <pre>{@code
 * .checklist(GitChecks.commitMatching("P3-007").oldest().as("culprit").named("Identify rollback commit hash"),
 *            GitChecks.cleanWorkTree())
 * }</pre>
 */
public final class GitChecks {

  /** Kind of the checks that identify one commit. */
  public static final String FIND_COMMIT = GitSteps.FIND_COMMIT;
  /** Kind of the checks that list commits. */
  public static final String FIND_COMMITS = GitSteps.FIND_COMMITS;
  /** Kind of {@link #commitExists(Object)}. */
  public static final String RESOLVE = GitSteps.RESOLVE;
  /** Kind of {@link #notReverted(Object)}. */
  public static final String NOT_REVERTED = "git.notReverted";
  /** Kind of {@link #reverted(Object)}. */
  public static final String REVERTED = "git.reverted";
  /** Kind of {@link #cleanWorkTree()}. */
  public static final String CLEAN_WORK_TREE = "git.cleanWorkTree";

  private GitChecks() {}

  /**
   * A check that identifies a commit whose message matches the pattern: finish it with
   * {@link CommitSearch#oldest()} (the seed's {@code git log --grep=P3-007 | tail -1}) or
   * {@link CommitSearch#newest()}. It passes with the commit's full id as its value, and fails when nothing matches.
   *
   * @param regex a Java regular expression found in the message
   * @return the search
   */
  public static CommitSearch<Check> commitMatching(String regex) {
    return commits().matching(regex);
  }

  /**
   * A check over the history of HEAD: narrow it with the search's methods and finish it.
   *
   * @return the search, over every commit of HEAD
   */
  public static CommitSearch<Check> commits() {
    return new CommitSearch<>((pick, name, params) -> {
      Map<String, Object> p = new LinkedHashMap<>(params);
      p.put("pick", pick);
      return Check.of(pick.equals("all") ? FIND_COMMITS : FIND_COMMIT, "identify the " + name, p);
    }, Map.of(), "");
  }

  /**
   * Passes when the revision names exactly one commit, with its full id as the value; fails for an unknown name
   * or an ambiguous short id.
   *
   * @param rev a branch, tag, id or expression
   * @return the check
   */
  public static Check commitExists(Object rev) {
    return Check.of(RESOLVE, "commit " + GitSteps.show(rev) + " exists", Map.of("rev", GitSteps.rev(rev, "rev")));
  }

  /**
   * Passes when the commit's change is in effect on HEAD: no later commit reverts it, or its revert was itself
   * reverted. Use it before a revert, so a rollback is not applied twice.
   *
   * @param commit the commit
   * @return the check
   */
  public static Check notReverted(Object commit) {
    return Check.of(NOT_REVERTED, GitSteps.show(commit) + " is not reverted yet",
        Map.of("commit", GitSteps.rev(commit, "commit")));
  }

  /**
   * Passes when a commit on HEAD's history reverts the commit (and was not itself reverted); its value is the
   * reverting commit's id. Use it to validate a rollback.
   *
   * @param commit the commit
   * @return the check
   */
  public static Check reverted(Object commit) {
    return Check.of(REVERTED, GitSteps.show(commit) + " is reverted", Map.of("commit", GitSteps.rev(commit, "commit")));
  }

  /**
   * Passes when no tracked file has uncommitted changes, nothing is staged and no merge, revert, cherry-pick or
   * rebase is in progress; the evidence lists the dirty paths otherwise. Untracked files do not count, as for
   * {@code git revert}.
   *
   * @return the check
   */
  public static Check cleanWorkTree() {
    return Check.of(CLEAN_WORK_TREE, "the work tree is clean", Map.of());
  }
}
