package dev.rollback.git;

import dev.rollback.Signal;
import dev.rollback.Unit;
import java.util.LinkedHashMap;
import java.util.Map;

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

  /** Kind of {@link #commitsSince(Object)}. */
  public static final String COMMITS_SINCE = "git.commitsSince";
  /** Kind of {@link #commitAge(Object)}. */
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
  public static Signal commitsSince(Object rev) {
    return Signal.of(COMMITS_SINCE, Unit.COUNT, "commits since " + GitSteps.show(rev),
        Map.of("rev", GitSteps.rev(rev, "rev")));
  }

  /**
   * The number of commits on {@code head} that are not in {@code rev}, like {@code git rev-list --count rev..head}.
   *
   * @param rev the exclusive start
   * @param head the inclusive end
   * @return the signal, in {@link Unit#COUNT}
   */
  public static Signal commitsSince(Object rev, Object head) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("rev", GitSteps.rev(rev, "rev"));
    p.put("head", GitSteps.rev(head, "head"));
    return Signal.of(COMMITS_SINCE, Unit.COUNT, "commits on " + GitSteps.show(head) + " since " + GitSteps.show(rev),
        p);
  }

  /**
   * How long ago the commit was committed, measured on the executor's clock.
   *
   * @param rev a branch, tag or commit
   * @return the signal, in {@link Unit#SECONDS}
   */
  public static Signal commitAge(Object rev) {
    return Signal.of(COMMIT_AGE, Unit.SECONDS, "age of " + GitSteps.show(rev), Map.of("rev", GitSteps.rev(rev, "rev")));
  }

  /**
   * How long ago the newest commit on HEAD whose message matches the pattern was committed; unknown when none
   * matches.
   *
   * @param regex a Java regular expression found in the message
   * @return the signal, in {@link Unit#SECONDS}
   */
  public static Signal ageOfLastCommitMatching(String regex) {
    return Signal.of(LAST_MATCH_AGE, Unit.SECONDS, "age of the last commit matching '" + regex + "'",
        Map.of("grep", java.util.Objects.requireNonNull(regex, "regex")));
  }
}
