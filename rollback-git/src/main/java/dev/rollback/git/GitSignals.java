package dev.rollback.git;

import dev.rollback.Revision;
import dev.rollback.Signal;
import dev.rollback.Unit;
import dev.rollback.git.internal.GitContracts;
import java.util.Objects;

/**
 * Git signals for triggers, assessment and monitoring: how far a branch moved, how old a commit is, when a matching
 * commit last landed.
 *
 * <pre>{@code
 * Signal sinceRelease = GitSignals.commitsSince("v1.4.0").named("commits_since_release");
 * Condition stale = GitSignals.ageOfLastCommitMatching("P3-007").above(7 * 24 * 3600);
 * }</pre>
 */
public final class GitSignals {

  /** Kind of {@link #commitsSince(Revision)}. */
  public static final String COMMITS_SINCE = "git.commitsSince";
  /** Kind of {@link #commitAge(Revision)}. */
  public static final String COMMIT_AGE = "git.commitAge";
  /** Kind of {@link #ageOfLastCommitMatching(String)}. */
  public static final String LAST_MATCH_AGE = "git.lastCommitMatchingAge";

  private GitSignals() {}

  /**
   * The number of commits on HEAD that are not in the revision, like {@code git rev-list --count <rev>..HEAD}.
   *
   * @param rev a branch, tag or commit
   * @return the signal, in {@link Unit#COUNT}
   */
  public static Signal commitsSince(Revision rev) {
    return GitContracts.COMMITS_SINCE.with(GitContracts.REV, GitSteps.rev(rev, "rev"))
        .signal(Unit.COUNT, "commits since " + GitSteps.show(rev));
  }

  /**
   * {@link #commitsSince(Revision)} of a revision given as text.
   *
   * @param rev a branch, tag or commit
   * @return the signal, in {@link Unit#COUNT}
   */
  public static Signal commitsSince(String rev) {
    return commitsSince(GitSteps.revision(rev, "rev"));
  }

  /**
   * The number of commits on {@code head} that are not in {@code rev}, like {@code git rev-list --count rev..head}.
   *
   * @param rev the exclusive start
   * @param head the inclusive end
   * @return the signal, in {@link Unit#COUNT}
   */
  public static Signal commitsSince(Revision rev, Revision head) {
    return GitContracts.COMMITS_SINCE.with(GitContracts.REV, GitSteps.rev(rev, "rev"))
        .with(GitContracts.HEAD, GitSteps.rev(head, "head"))
        .signal(Unit.COUNT, "commits on " + GitSteps.show(head) + " since " + GitSteps.show(rev));
  }

  /**
   * {@link #commitsSince(Revision, Revision)} of revisions given as text.
   *
   * @param rev the exclusive start
   * @param head the inclusive end
   * @return the signal, in {@link Unit#COUNT}
   */
  public static Signal commitsSince(String rev, String head) {
    return commitsSince(GitSteps.revision(rev, "rev"), GitSteps.revision(head, "head"));
  }

  /**
   * How long ago the commit was committed, measured on the executor's clock.
   *
   * @param rev a branch, tag or commit
   * @return the signal, in {@link Unit#SECONDS}
   */
  public static Signal commitAge(Revision rev) {
    return GitContracts.COMMIT_AGE.with(GitContracts.REV, GitSteps.rev(rev, "rev"))
        .signal(Unit.SECONDS, "age of " + GitSteps.show(rev));
  }

  /**
   * {@link #commitAge(Revision)} of a revision given as text.
   *
   * @param rev a branch, tag or commit
   * @return the signal, in {@link Unit#SECONDS}
   */
  public static Signal commitAge(String rev) {
    return commitAge(GitSteps.revision(rev, "rev"));
  }

  /**
   * How long ago the newest commit on HEAD whose message matches the pattern was committed; unknown when none
   * matches.
   *
   * @param regex a Java regular expression found in the message
   * @return the signal, in {@link Unit#SECONDS}
   */
  public static Signal ageOfLastCommitMatching(String regex) {
    return GitContracts.LAST_MATCH_AGE.with(GitContracts.GREP, Objects.requireNonNull(regex, "regex"))
        .signal(Unit.SECONDS, "age of the last commit matching '" + regex + "'");
  }
}
