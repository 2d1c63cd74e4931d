package dev.rollback;

/**
 * A branch (or tag) a GitHub step or run filter names: a {@link RefName} known when the plan is written
 * ({@link Rollback#branch(String)}, validated by {@code plan.check()} as Git does), or a {@link Ref} to an earlier
 * output that holds one, such as the rollback branch a Git step created:
 *
 * <pre>{@code
 * GitHubSteps.dispatch("ci.yml", branch("main"))
 * GitHubSteps.openPullRequest(ref("rollbackBranch"), branch("main"), "Roll back P3-007", template("Reverts {{culprit}}"))
 * }</pre>
 *
 * <p>In a plan's parameters it is written as that argument.
 */
public sealed interface Branch permits RefName, Ref {

  /**
   * The branch as text: its name, or {@code ${name}} for a reference.
   *
   * @return the text
   */
  String text();
}
