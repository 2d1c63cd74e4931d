package dev.rollback.git;

import dev.rollback.Check;
import dev.rollback.Revision;
import dev.rollback.git.internal.GitContracts;
import dev.rollback.spi.Contract;
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
  /** Kind of {@link #commitExists(Revision)}. */
  public static final String RESOLVE = GitSteps.RESOLVE;
  /** Kind of {@link #notReverted(Revision)}. */
  public static final String NOT_REVERTED = "git.notReverted";
  /** Kind of {@link #reverted(Revision)}. */
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
      Contract kind = pick.equals("all") ? GitContracts.FIND_COMMITS : GitContracts.FIND_COMMIT;
      return kind.draft().withAll(params).with(GitContracts.PICK, pick).check("identify the " + name);
    }, Map.of(), "");
  }

  /**
   * Passes when the revision names exactly one commit, with its full id as the value; fails for an unknown name
   * or an ambiguous short id.
   *
   * @param rev a branch, tag, id or expression
   * @return the check
   */
  public static Check commitExists(Revision rev) {
    return GitContracts.RESOLVE.with(GitContracts.REV, GitSteps.rev(rev, "rev"))
        .check("commit " + GitSteps.show(rev) + " exists");
  }

  /**
   * {@link #commitExists(Revision)} of a revision given as text.
   *
   * @param rev a branch, tag, id or expression
   * @return the check
   */
  public static Check commitExists(String rev) {
    return commitExists(GitSteps.revision(rev, "rev"));
  }

  /**
   * Passes when the commit's change is in effect on HEAD: no later commit reverts it, or its revert was itself
   * reverted. Use it before a revert, so a rollback is not applied twice.
   *
   * @param commit the commit
   * @return the check
   */
  public static Check notReverted(Revision commit) {
    return GitContracts.NOT_REVERTED.with(GitContracts.COMMIT, GitSteps.rev(commit, "commit"))
        .check(GitSteps.show(commit) + " is not reverted yet");
  }

  /**
   * {@link #notReverted(Revision)} of a commit given as text.
   *
   * @param commit a full or short id, a branch, a tag or an expression such as {@code HEAD~1}
   * @return the check
   */
  public static Check notReverted(String commit) {
    return notReverted(GitSteps.revision(commit, "commit"));
  }

  /**
   * Passes when a commit on HEAD's history reverts the commit (and was not itself reverted); its value is the
   * reverting commit's id. Use it to validate a rollback.
   *
   * @param commit the commit
   * @return the check
   */
  public static Check reverted(Revision commit) {
    return GitContracts.REVERTED.with(GitContracts.COMMIT, GitSteps.rev(commit, "commit"))
        .check(GitSteps.show(commit) + " is reverted");
  }

  /**
   * {@link #reverted(Revision)} of a commit given as text.
   *
   * @param commit a full or short id, a branch, a tag or an expression such as {@code HEAD~1}
   * @return the check
   */
  public static Check reverted(String commit) {
    return reverted(GitSteps.revision(commit, "commit"));
  }

  /**
   * Passes when no tracked file has uncommitted changes, nothing is staged and no merge, revert, cherry-pick or
   * rebase is in progress; the evidence lists the dirty paths otherwise. Untracked files do not count, as for
   * {@code git revert}.
   *
   * @return the check
   */
  public static Check cleanWorkTree() {
    return GitContracts.CLEAN_WORK_TREE.check("the work tree is clean");
  }
}
