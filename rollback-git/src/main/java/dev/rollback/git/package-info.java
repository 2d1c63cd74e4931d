/**
 * Git for Rollback: steps, checks and signals over a real repository, interpreted by the Git adapter on JGit so
 * that each does what {@code git} would do, and never loses a commit.
 *
 * <pre>{@code
 * import static dev.rollback.Rollback.*;
 * import dev.rollback.git.*;
 *
 * plan("P3-007")
 *     .checklist(GitChecks.commitMatching("P3-007").oldest().as("culprit"))   // git log --grep | tail -1
 *     .procedure(procedure("configuration").phase(phase("roll back")
 *         .step(GitSteps.checkoutNewBranch(branch("rollback-p3-007-{{run.date}}")),
 *               GitSteps.revert(ref("culprit")),
 *               GitSteps.restoreExactly(template("{{culprit}}^"), path(".github/workflows/ci.yml")),
 *               GitSteps.pushWithLease("origin", branch("rollback-p3-007-{{run.date}}")))))
 *
 * RollbackExecutor.builder().adapter(GitAdapter.open(repoDir))...
 * }</pre>
 *
 * <p>Step factories live in {@link dev.rollback.git.GitSteps}, checks in {@link dev.rollback.git.GitChecks},
 * signals in {@link dev.rollback.git.GitSignals}, commit searches in {@link dev.rollback.git.CommitSearch};
 * {@link dev.rollback.git.GitAdapter#open(java.nio.file.Path)} registers the adapter with an executor.
 *
 * <p>What "exactly what git does" means here, and where it is checked: reverts (merges too, with a mainline),
 * cherry-picks and restores produce the tree, message and, with the same identity and time, the commit id
 * {@code git} 2.39 produces, or conflict on the same paths (differential tests against the command line on random
 * histories with renames, directory renames, binary files and merges). A conflict changes nothing. Known limits:
 * content filters ({@code .gitattributes}, {@code core.autocrlf}) are honoured by falling back to JGit's checkout,
 * whose merges do not apply merge drivers; git's rename detection is reproduced for merges, except its guess of a
 * directory's new place for file names that are not unique.
 *
 * <p>JGit's first use of a file system measures its timestamp resolution for about three seconds; the adapter
 * gives JGit its conservative 2-second fallback in memory instead (nothing is written to the user's files), so a
 * cold process does not pay it. A value the user configured or JGit saved earlier wins.
 */
package dev.rollback.git;
