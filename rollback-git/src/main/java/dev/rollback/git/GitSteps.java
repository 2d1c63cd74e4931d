package dev.rollback.git;

import dev.rollback.Effect;
import dev.rollback.Ref;
import dev.rollback.RefName;
import dev.rollback.RepoPath;
import dev.rollback.Revision;
import dev.rollback.Step;
import dev.rollback.Template;
import dev.rollback.Text;
import dev.rollback.git.internal.GitContracts;
import dev.rollback.spi.Contract;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Git steps of a runbook, as values the {@link GitAdapter} interprets. Commits are given as text (a full or
 * short id, a branch, a tag, {@code HEAD~1}), as a {@link Ref} to an earlier output ({@code ref("culprit")}), or as
 * a {@link Template} ({@code template("{{culprit}}^")}); branch and tag names as {@link RefName}s and paths as
 * {@link RepoPath}s, so {@code plan.check()} validates them.
 *
 * <pre>{@code
 * phase("Configuration rollback")
 *     .step(GitSteps.checkoutNewBranch(branch("rollback-p3-007-{{run.date}}")))
 *     .step(GitSteps.revert(ref("culprit")).as("revertCommit"))
 *     .step(GitSteps.restore(template("{{culprit}}^"), path(".github/workflows/ci.yml"), path("Dockerfile.test")))
 *     .step(GitSteps.pushWithLease("origin", branch("rollback-p3-007-{{run.date}}")))
 * }</pre>
 *
 * <p>Effects: reads are {@link Effect#READ_ONLY}; local commits, branches, tags and checkouts are
 * {@link Effect#REVERSIBLE} (compensation moves the refs this run moved back to where they were, keeping the
 * commits it created reachable under {@code refs/rollback/<run>/}); a plain push is {@link Effect#REVERSIBLE}
 * (it only fast-forwards, and compensation pushes the old value back under a lease); a push with a lease may
 * rewrite the remote's history and is {@link Effect#IRREVERSIBLE}, so it needs the plan's approval.
 */
public final class GitSteps {

  /** Kind of the steps that find one commit ({@link CommitSearch#oldest()}, {@link CommitSearch#newest()}). */
  public static final String FIND_COMMIT = "git.findCommit";
  /** Kind of the steps that list commits ({@link CommitSearch#all()}). */
  public static final String FIND_COMMITS = "git.findCommits";
  /** Kind of {@link #changedFiles(Revision)}. */
  public static final String CHANGED_FILES = "git.changedFiles";
  /** Kind of {@link #revertStatus(Revision)}. */
  public static final String REVERT_STATUS = "git.revertStatus";
  /** Kind of {@link #resolve(Revision)}. */
  public static final String RESOLVE = "git.resolve";
  /** Kind of {@link #createBranch(RefName)} and {@link #checkoutNewBranch(RefName)}. */
  public static final String CREATE_BRANCH = "git.createBranch";
  /** Kind of {@link #checkout(RefName)}. */
  public static final String CHECKOUT = "git.checkout";
  /** Kind of the revert steps. */
  public static final String REVERT = "git.revert";
  /** Kind of the cherry-pick steps. */
  public static final String CHERRY_PICK = "git.cherryPick";
  /** Kind of the restore steps. */
  public static final String RESTORE = "git.restore";
  /** Kind of {@link #commit(Text)}. */
  public static final String COMMIT = "git.commit";
  /** Kind of the tag steps. */
  public static final String TAG = "git.tag";
  /** Kind of the push steps. */
  public static final String PUSH = "git.push";
  /** Kind of {@link #fetch(String)}. */
  public static final String FETCH = "git.fetch";

  private GitSteps() {}

  /**
   * A read-only step that searches the history, for commits whose message matches the pattern: finish it with
   * {@link CommitSearch#oldest()}, {@link CommitSearch#newest()} or {@link CommitSearch#all()}.
   *
   * @param regex a Java regular expression found in the message, like {@code git log --grep}
   * @return the search
   */
  public static CommitSearch<Step> commitMatching(String regex) {
    return commits().matching(regex);
  }

  /**
   * A read-only step that searches the history of HEAD: narrow it with the search's methods and finish it.
   *
   * @return the search, over every commit of HEAD
   */
  public static CommitSearch<Step> commits() {
    return new CommitSearch<>((pick, name, params) -> {
      Contract kind = pick.equals("all") ? GitContracts.FIND_COMMITS : GitContracts.FIND_COMMIT;
      return kind.draft().withAll(params).with(GitContracts.PICK, pick).step("find " + name, Effect.READ_ONLY);
    }, Map.of(), "");
  }

  /**
   * A read-only step listing the files a commit changed against its first parent (all files for a root commit),
   * like {@code git diff-tree --no-commit-id --name-only -r}. Its value is the list of paths.
   *
   * @param commit the commit
   * @return the step
   */
  public static Step changedFiles(Revision commit) {
    return GitContracts.CHANGED_FILES.with(GitContracts.COMMIT, rev(commit, "commit"))
        .step("list files changed by " + show(commit), Effect.READ_ONLY);
  }

  /**
   * {@link #changedFiles(Revision)} of a commit given as text.
   *
   * @param commit a full or short id, a branch, a tag or an expression such as {@code HEAD~1}
   * @return the step
   */
  public static Step changedFiles(String commit) {
    return changedFiles(revision(commit, "commit"));
  }

  /**
   * A read-only step telling whether a commit is reverted on HEAD's history: a later commit says
   * {@code This reverts commit <id>.}, and that revert was not itself reverted (a revert of a revert re-applies
   * the change). Its value is {@code true} or {@code false}; output {@code by} names the reverting commit.
   *
   * @param commit the commit
   * @return the step
   */
  public static Step revertStatus(Revision commit) {
    return GitContracts.REVERT_STATUS.with(GitContracts.COMMIT, rev(commit, "commit"))
        .step("check whether " + show(commit) + " is reverted", Effect.READ_ONLY);
  }

  /**
   * {@link #revertStatus(Revision)} of a commit given as text.
   *
   * @param commit a full or short id, a branch, a tag or an expression such as {@code HEAD~1}
   * @return the step
   */
  public static Step revertStatus(String commit) {
    return revertStatus(revision(commit, "commit"));
  }

  /**
   * A read-only step resolving a branch, tag or expression ({@code v1.2.0}, {@code HEAD~1}) to a commit. Its value
   * is the commit's full id; an unknown or ambiguous name fails the step.
   *
   * @param rev the revision
   * @return the step
   */
  public static Step resolve(Revision rev) {
    return GitContracts.RESOLVE.with(GitContracts.REV, rev(rev, "rev")).step("resolve " + show(rev),
        Effect.READ_ONLY);
  }

  /**
   * {@link #resolve(Revision)} of a revision given as text.
   *
   * @param rev a full or short id, a branch, a tag or an expression such as {@code HEAD~1}
   * @return the step
   */
  public static Step resolve(String rev) {
    return resolve(revision(rev, "rev"));
  }

  /**
   * Creates a branch at HEAD without checking it out, like {@code git branch <name>}.
   *
   * @param name the branch's short name; may hold {@code {{output}}} placeholders
   * @return the step
   */
  public static Step createBranch(RefName name) {
    return branchStep(name, HEAD, false);
  }

  /**
   * Creates a branch at a commit without checking it out, like {@code git branch <name> <start>}.
   *
   * @param name the branch's short name
   * @param startPoint where it starts
   * @return the step
   */
  public static Step createBranch(RefName name, Revision startPoint) {
    return branchStep(name, rev(startPoint, "startPoint"), false);
  }

  /**
   * {@link #createBranch(RefName, Revision)} at a start point given as text.
   *
   * @param name the branch's short name
   * @param startPoint a full or short id, a branch, a tag or an expression such as {@code HEAD~1}
   * @return the step
   */
  public static Step createBranch(RefName name, String startPoint) {
    return createBranch(name, revision(startPoint, "startPoint"));
  }

  /**
   * Creates a branch at HEAD and checks it out, like the seed's {@code git checkout -b rollback-p3-007-$(date)}.
   *
   * @param name the branch's short name; may hold {@code {{output}}} placeholders
   * @return the step
   */
  public static Step checkoutNewBranch(RefName name) {
    return branchStep(name, HEAD, true);
  }

  /**
   * Creates a branch at a commit and checks it out, like {@code git checkout -b <name> <start>}.
   *
   * @param name the branch's short name
   * @param startPoint where it starts
   * @return the step
   */
  public static Step checkoutNewBranch(RefName name, Revision startPoint) {
    return branchStep(name, rev(startPoint, "startPoint"), true);
  }

  /**
   * {@link #checkoutNewBranch(RefName, Revision)} at a start point given as text.
   *
   * @param name the branch's short name
   * @param startPoint a full or short id, a branch, a tag or an expression such as {@code HEAD~1}
   * @return the step
   */
  public static Step checkoutNewBranch(RefName name, String startPoint) {
    return checkoutNewBranch(name, revision(startPoint, "startPoint"));
  }

  private static Step branchStep(RefName name, Revision start, boolean checkout) {
    Objects.requireNonNull(name, "name");
    String what = checkout ? "check out new branch " : "create branch ";
    return GitContracts.CREATE_BRANCH.with(GitContracts.NAME, name).with(GitContracts.START_POINT, start)
        .with(GitContracts.CHECKOUT, checkout)
        .step(what + name.name() + (start.equals(HEAD) ? "" : " at " + show(start)), Effect.REVERSIBLE);
  }

  /**
   * Checks out an existing branch, like the emergency procedure's {@code git checkout main}. Refuses a dirty work
   * tree.
   *
   * @param branch the branch's short name
   * @return the step
   */
  public static Step checkout(RefName branch) {
    Objects.requireNonNull(branch, "branch");
    return GitContracts.CHECKOUT_BRANCH.with(GitContracts.BRANCH, branch).step("check out " + branch.name(),
        Effect.REVERSIBLE);
  }

  /**
   * Reverts one commit on the current branch, like {@code git revert --no-edit <commit>}: same tree, same message.
   * A conflict stops the step and changes nothing.
   *
   * @param commit the commit to revert
   * @return the step; its value is the new commit's full id
   */
  public static Step revert(Revision commit) {
    return GitContracts.REVERT.with(GitContracts.COMMITS, List.of(rev(commit, "commit")))
        .step("revert " + show(commit), Effect.REVERSIBLE);
  }

  /**
   * {@link #revert(Revision)} of a commit given as text.
   *
   * @param commit a full or short id, a branch, a tag or an expression such as {@code HEAD~1}
   * @return the step
   */
  public static Step revert(String commit) {
    return revert(revision(commit, "commit"));
  }

  /**
   * Reverts a merge commit against one of its parents, like {@code git revert -m <mainline> --no-edit <commit>}.
   *
   * @param commit the merge commit
   * @param mainline the parent to keep, from 1 (the branch merged into)
   * @return the step
   * @throws IllegalArgumentException if {@code mainline} is less than 1
   */
  public static Step revert(Revision commit, int mainline) {
    return GitContracts.REVERT.with(GitContracts.COMMITS, List.of(rev(commit, "commit")))
        .with(GitContracts.MAINLINE, mainline(mainline))
        .step("revert " + show(commit) + " (mainline " + mainline + ")", Effect.REVERSIBLE);
  }

  /**
   * {@link #revert(Revision, int)} of a merge commit given as text.
   *
   * @param commit a full or short id, a branch, a tag or an expression such as {@code HEAD~1}
   * @param mainline the parent to keep, from 1
   * @return the step
   */
  public static Step revert(String commit, int mainline) {
    return revert(revision(commit, "commit"), mainline);
  }

  /**
   * Reverts several commits in the given order, one commit each, like {@code git revert --no-edit c1 c2 ...}.
   * Either all are reverted or, on a conflict, none.
   *
   * @param commits the commits
   * @return the step; its value is the last new commit's full id, output {@code commits} lists all
   * @throws IllegalArgumentException if the list is empty or holds something else than text, refs or templates
   */
  public static Step revertAll(List<? extends Revision> commits) {
    return GitContracts.REVERT.with(GitContracts.COMMITS, revs(commits))
        .step("revert " + commits.size() + " commits", Effect.REVERSIBLE);
  }

  /**
   * {@link #revertAll(List)} of commits given as text.
   *
   * @param commits full or short ids, branches, tags or expressions, in the order to revert them
   * @return the step
   */
  public static Step revertAll(String... commits) {
    return revertAll(revisions(commits));
  }

  /**
   * Reverts the commits an earlier step or check listed, in their order (a search's {@link CommitSearch#all()} lists
   * them newest first, the order {@code git revert} of a range uses), one commit each. Either all are reverted or,
   * on a conflict, none.
   *
   * <pre>{@code
   * GitSteps.commitMatching("P3-007").all().as("p3007"), GitSteps.revertAll(ref("p3007"))
   * }</pre>
   *
   * @param commits a reference to a list of commits
   * @return the step
   */
  public static Step revertAll(Ref commits) {
    Objects.requireNonNull(commits, "commits");
    return GitContracts.REVERT.withRef(GitContracts.COMMITS, commits)
        .step("revert the commits of " + commits.text(), Effect.REVERSIBLE);
  }

  /**
   * Reverts the commits in {@code to} that are not in {@code from}, newest first, like
   * {@code git revert --no-edit from..to}. Either all are reverted or, on a conflict, none.
   *
   * @param from the exclusive start
   * @param to the inclusive end
   * @return the step
   */
  public static Step revertRange(Revision from, Revision to) {
    return GitContracts.REVERT.with(GitContracts.RANGE_FROM, rev(from, "from"))
        .with(GitContracts.RANGE_TO, rev(to, "to")).step("revert " + show(from) + ".." + show(to), Effect.REVERSIBLE);
  }

  /**
   * {@link #revertRange(Revision, Revision)} of a range given as text.
   *
   * @param from the range's exclusive start, as text
   * @param to the range's inclusive end, as text
   * @return the step
   */
  public static Step revertRange(String from, String to) {
    return revertRange(revision(from, "from"), revision(to, "to"));
  }

  /**
   * Applies a commit's change on the current branch, like {@code git cherry-pick <commit>}: same tree, same
   * message, the original author. A conflict stops the step and changes nothing.
   *
   * @param commit the commit
   * @return the step; its value is the new commit's full id
   */
  public static Step cherryPick(Revision commit) {
    return GitContracts.CHERRY_PICK.with(GitContracts.COMMITS, List.of(rev(commit, "commit")))
        .step("cherry-pick " + show(commit), Effect.REVERSIBLE);
  }

  /**
   * {@link #cherryPick(Revision)} of a commit given as text.
   *
   * @param commit a full or short id, a branch, a tag or an expression such as {@code HEAD~1}
   * @return the step
   */
  public static Step cherryPick(String commit) {
    return cherryPick(revision(commit, "commit"));
  }

  /**
   * Applies a merge commit's change against one of its parents, like {@code git cherry-pick -m <mainline>}.
   *
   * @param commit the merge commit
   * @param mainline the parent to diff against, from 1
   * @return the step
   */
  public static Step cherryPick(Revision commit, int mainline) {
    return GitContracts.CHERRY_PICK.with(GitContracts.COMMITS, List.of(rev(commit, "commit")))
        .with(GitContracts.MAINLINE, mainline(mainline))
        .step("cherry-pick " + show(commit) + " (mainline " + mainline + ")", Effect.REVERSIBLE);
  }

  /**
   * {@link #cherryPick(Revision, int)} of a merge commit given as text.
   *
   * @param commit a full or short id, a branch, a tag or an expression such as {@code HEAD~1}
   * @param mainline the parent to diff against, from 1
   * @return the step
   */
  public static Step cherryPick(String commit, int mainline) {
    return cherryPick(revision(commit, "commit"), mainline);
  }

  /**
   * Applies several commits in the given order, one commit each, like {@code git cherry-pick c1 c2 ...}.
   *
   * @param commits the commits
   * @return the step
   */
  public static Step cherryPickAll(List<? extends Revision> commits) {
    return GitContracts.CHERRY_PICK.with(GitContracts.COMMITS, revs(commits))
        .step("cherry-pick " + commits.size() + " commits", Effect.REVERSIBLE);
  }

  /**
   * {@link #cherryPickAll(List)} of commits given as text.
   *
   * @param commits full or short ids, branches, tags or expressions, in the order to pick them
   * @return the step
   */
  public static Step cherryPickAll(String... commits) {
    return cherryPickAll(revisions(commits));
  }

  /**
   * Applies a commit's change to the index and work tree without committing, like the seed's forward recovery
   * {@code git cherry-pick --no-commit $FIX_COMMIT}; follow it with {@link #commit(Text)}. The index may already
   * hold earlier no-commit picks; the work tree must match the index.
   *
   * @param commit the commit
   * @return the step; its value is the resulting index tree's id
   */
  public static Step cherryPickNoCommit(Revision commit) {
    return GitContracts.CHERRY_PICK.with(GitContracts.COMMITS, List.of(rev(commit, "commit")))
        .with(GitContracts.NO_COMMIT, true).step("cherry-pick --no-commit " + show(commit), Effect.REVERSIBLE);
  }

  /**
   * {@link #cherryPickNoCommit(Revision)} of a commit given as text.
   *
   * @param commit a full or short id, a branch, a tag or an expression such as {@code HEAD~1}
   * @return the step
   */
  public static Step cherryPickNoCommit(String commit) {
    return cherryPickNoCommit(revision(commit, "commit"));
  }

  /**
   * Restores files from a commit and commits them, like {@code git checkout <source> -- <paths>} followed by
   * {@code git commit}. A directory restores every file under it; files the source lacks are kept, as git's
   * default overlay mode does, and a path the source does not have at all fails the step, as git does. When every
   * file already matches, nothing is committed and the step succeeds.
   *
   * @param source the commit to take the files from
   * @param paths files or directories
   * @return the step; its value is the new commit's full id (or HEAD's, when nothing changed)
   */
  public static Step restore(Revision source, RepoPath... paths) {
    return restoreStep(source, Arrays.asList(paths.clone()), null, true);
  }

  /**
   * {@link #restore(Revision, RepoPath...)} from a commit given as text.
   *
   * @param source a full or short id, a branch, a tag or an expression such as {@code HEAD~1}
   * @param paths files or directories
   * @return the step
   */
  public static Step restore(String source, RepoPath... paths) {
    return restore(revision(source, "source"), paths);
  }

  /**
   * Restores files from a commit and commits them with the given message.
   *
   * @param source the commit to take the files from
   * @param paths files or directories
   * @param message the commit message; text or a {@link Template}
   * @return the step
   */
  public static Step restore(Revision source, List<RepoPath> paths, Text message) {
    return restoreStep(source, paths, Objects.requireNonNull(message, "message"), true);
  }

  /**
   * {@link #restore(Revision, List, Text)} with a message given as text.
   *
   * @param source the commit to take the files from
   * @param paths files or directories
   * @param message the commit message
   * @return the step
   */
  public static Step restore(Revision source, List<RepoPath> paths, String message) {
    return restore(source, paths, text(message, "message"));
  }

  /**
   * {@link #restore(Revision, List, Text)} from a commit and with a message given as text.
   *
   * @param source a full or short id, a branch, a tag or an expression such as {@code HEAD~1}
   * @param paths files or directories
   * @param message the commit message
   * @return the step
   */
  public static Step restore(String source, List<RepoPath> paths, String message) {
    return restore(revision(source, "source"), paths, text(message, "message"));
  }

  /**
   * Restores files from a commit exactly, like {@code git restore --source=<source> --staged --worktree} (or
   * {@code git checkout --no-overlay}): files under the paths that the source lacks are deleted. Commits the
   * result. Unlike git, a path that neither the source nor HEAD has is accepted when a commit in between touched
   * it (added and removed again, as after a revert): it is already as in the source. A path no commit in between
   * touched still fails, as git does, so a misspelt path is not taken for a restored one.
   *
   * @param source the commit to take the files from
   * @param paths files or directories
   * @return the step
   */
  public static Step restoreExactly(Revision source, RepoPath... paths) {
    return restoreStep(source, Arrays.asList(paths.clone()), null, false);
  }

  /**
   * {@link #restoreExactly(Revision, RepoPath...)} from a commit given as text.
   *
   * @param source a full or short id, a branch, a tag or an expression such as {@code HEAD~1}
   * @param paths files or directories
   * @return the step
   */
  public static Step restoreExactly(String source, RepoPath... paths) {
    return restoreExactly(revision(source, "source"), paths);
  }

  private static Step restoreStep(Revision source, List<RepoPath> paths, Text message, boolean overlay) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("restore needs at least one path");
    }
    paths.forEach(p -> Objects.requireNonNull(p, "path"));
    Contract.Draft d = GitContracts.RESTORE.with(GitContracts.SOURCE, rev(source, "source"))
        .with(GitContracts.PATHS, List.copyOf(paths));
    if (message != null) {
      d.with(GitContracts.MESSAGE, message);
    }
    if (!overlay) {
      d.with(GitContracts.OVERLAY, false);
    }
    List<String> names = new ArrayList<>();
    paths.forEach(x -> names.add(x.path()));
    return d.step("restore " + String.join(", ", names) + " from " + show(source), Effect.REVERSIBLE);
  }

  /**
   * Commits what the index holds, like {@code git commit -m <message>}; fails when nothing is staged, as git does.
   *
   * @param message the message: text or a {@link Template}
   * @return the step; its value is the new commit's full id
   */
  public static Step commit(Text message) {
    return GitContracts.COMMIT_INDEX.with(GitContracts.MESSAGE, Objects.requireNonNull(message, "message"))
        .step("commit", Effect.REVERSIBLE);
  }

  /**
   * {@link #commit(Text)} with a message given as text.
   *
   * @param message the message
   * @return the step
   */
  public static Step commit(String message) {
    return commit(text(message, "message"));
  }

  /**
   * Creates a lightweight tag, like {@code git tag <name> <commit>}.
   *
   * @param name the tag's short name
   * @param commit what it points to
   * @return the step
   */
  public static Step tag(RefName name, Revision commit) {
    return tagDraft(name, commit).step("tag " + show(commit) + " as " + name.name(), Effect.REVERSIBLE);
  }

  /**
   * {@link #tag(RefName, Revision)} of a commit given as text.
   *
   * @param name the tag's short name
   * @param commit a full or short id, a branch, a tag or an expression such as {@code HEAD~1}
   * @return the step
   */
  public static Step tag(RefName name, String commit) {
    return tag(name, revision(commit, "commit"));
  }

  private static Contract.Draft tagDraft(RefName name, Revision commit) {
    Objects.requireNonNull(name, "name");
    return GitContracts.TAG.with(GitContracts.NAME, name).with(GitContracts.TARGET, rev(commit, "commit"));
  }

  /**
   * Creates an annotated tag, like {@code git tag -a <name> -m <message> <commit>}.
   *
   * @param name the tag's short name
   * @param commit what it points to
   * @param message the tag's message: text or a {@link Template}
   * @return the step
   */
  public static Step tag(RefName name, Revision commit, Text message) {
    return tagDraft(name, commit).with(GitContracts.MESSAGE, Objects.requireNonNull(message, "message"))
        .step("tag " + show(commit) + " as " + name.name(), Effect.REVERSIBLE);
  }

  /**
   * {@link #tag(RefName, Revision, Text)} with a message given as text.
   *
   * @param name the tag's short name
   * @param commit what it points to
   * @param message the tag's message
   * @return the step
   */
  public static Step tag(RefName name, Revision commit, String message) {
    return tag(name, commit, text(message, "message"));
  }

  /**
   * {@link #tag(RefName, Revision, Text)} of a commit and with a message given as text.
   *
   * @param name the tag's short name
   * @param commit a full or short id, a branch, a tag or an expression such as {@code HEAD~1}
   * @param message the tag's message
   * @return the step
   */
  public static Step tag(RefName name, String commit, String message) {
    return tag(name, revision(commit, "commit"), text(message, "message"));
  }

  /**
   * Refreshes the remote-tracking refs of a remote, like {@code git fetch <remote>}: local branches, the index and
   * the work tree are left alone. A plan that holds this step fetches that remote already when the run is assessed,
   * before the leases of its pushes are taken, so they expect what the remote holds then rather than what a stale
   * clone last saw; the step fetches again when it runs, and the pushes after it expect what it fetched. It also
   * allows the run to read history from the network: a shallow clone is deepened ({@code git fetch --deepen}) when a
   * revert, cherry-pick or restore needs commits it lacks.
   *
   * @param remote the remote's name, such as {@code origin}
   * @return the step
   * @throws NullPointerException if {@code remote} is null
   * @throws IllegalArgumentException if {@code remote} is blank
   */
  public static Step fetch(String remote) {
    Objects.requireNonNull(remote, "remote");
    if (remote.isBlank()) {
      throw new IllegalArgumentException("remote is blank");
    }
    return GitContracts.FETCH.with(GitContracts.REMOTE, remote).step("fetch " + remote, Effect.READ_ONLY);
  }

  /**
   * Pushes a local branch to the same branch on a remote, like {@code git push <remote> <branch>}: fast-forward
   * only. Reversible: compensation pushes the previous value back, under a lease on the value pushed. Before the
   * push, the remote's current value is fetched into {@code refs/rollback/<run>/remote/<remote>/<ref>}.
   *
   * @param remote the remote's name, such as {@code origin}
   * @param branch the branch's short name
   * @return the step
   */
  public static Step push(String remote, RefName branch) {
    return pushStep(remote, branch, branch, false, false, null);
  }

  /**
   * Pushes a local branch to a remote under a lease, like
   * {@code git push --force-with-lease --force-if-includes <remote> <branch>}, and only as a fast-forward. The lease
   * expects the value of the remote-tracking ref ({@code refs/remotes/<remote>/<branch>}) when the run was assessed
   * (absent when there is none), as git does: a remote that moved since the clone last fetched, before the run or
   * during it, makes the push fail and nothing is overwritten. Refresh the tracking refs with {@link #fetch(String)}
   * (or the launcher's {@code --fetch}). What is pushed must contain that value; to replace history instead, use
   * {@link #pushRewritingHistory(String, RefName)}. Before the push, the remote's current value is fetched into
   * {@code refs/rollback/<run>/remote/<remote>/<ref>}. Irreversible, so it needs the plan's approval.
   *
   * @param remote the remote's name, such as {@code origin}
   * @param branch the branch's short name, the same on both sides
   * @return the step
   */
  public static Step pushWithLease(String remote, RefName branch) {
    return pushStep(remote, branch, branch, true, false, null);
  }

  /**
   * Pushes a local branch to another branch of a remote, under a lease; see {@link #pushWithLease(String, RefName)}.
   *
   * @param remote the remote's name
   * @param localBranch the local branch's short name
   * @param remoteBranch the remote branch's short name
   * @return the step
   */
  public static Step pushWithLease(String remote, RefName localBranch, RefName remoteBranch) {
    return pushStep(remote, localBranch, remoteBranch, true, false, null);
  }

  /**
   * Pushes a local branch under a lease on a value the plan names, like
   * {@code git push --force-with-lease=<branch>:<expected> <remote> <branch>}: the remote must hold exactly that
   * commit, and what is pushed must contain it; see {@link #pushWithLease(String, RefName)}.
   *
   * @param remote the remote's name
   * @param branch the branch's short name, the same on both sides
   * @param expected the commit the remote must hold: a full id, or a {@link Ref} or {@link Template} giving one
   * @return the step
   * @throws IllegalArgumentException if {@code expected} is blank or of another type
   */
  public static Step pushWithLeaseExpecting(String remote, RefName branch, Revision expected) {
    return pushStep(remote, branch, branch, true, false, rev(expected, "expected"));
  }

  /**
   * {@link #pushWithLeaseExpecting(String, RefName, Revision)} expecting a commit given as text.
   *
   * @param remote the remote's name
   * @param branch the branch, the same name locally and on the remote
   * @param expected the commit id the remote branch must hold
   * @return the step
   */
  public static Step pushWithLeaseExpecting(String remote, RefName branch, String expected) {
    return pushWithLeaseExpecting(remote, branch, revision(expected, "expected"));
  }

  /**
   * Replaces a remote branch with a local branch that does not contain it, like
   * {@code git push --force-with-lease --force-if-includes <remote> <branch>}: the history the remote held is
   * REWRITTEN. The lease is that of {@link #pushWithLease(String, RefName)}, and the value it expects must be one the
   * local branch held at some point (in its reflog or the run's backup), as {@code --force-if-includes} demands, so
   * commits pushed by others that this clone never saw are never dropped. The remote's old value is fetched into
   * {@code refs/rollback/<run>/remote/<remote>/<ref>} first, so what is rewritten stays recoverable. Irreversible;
   * it needs the plan's approval, and previews and runbooks say that it rewrites history.
   *
   * @param remote the remote's name
   * @param branch the branch's short name, the same on both sides
   * @return the step
   */
  public static Step pushRewritingHistory(String remote, RefName branch) {
    return pushStep(remote, branch, branch, true, true, null);
  }

  /**
   * Replaces a remote branch with another local branch; see {@link #pushRewritingHistory(String, RefName)}.
   *
   * @param remote the remote's name
   * @param localBranch the local branch's short name
   * @param remoteBranch the remote branch's short name
   * @return the step
   */
  public static Step pushRewritingHistory(String remote, RefName localBranch, RefName remoteBranch) {
    return pushStep(remote, localBranch, remoteBranch, true, true, null);
  }

  private static Step pushStep(String remote, RefName local, RefName remoteBranch, boolean lease, boolean rewrite,
      Revision expected) {
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(local, "branch");
    Objects.requireNonNull(remoteBranch, "remoteBranch");
    Contract.Draft p = GitContracts.PUSH.with(GitContracts.REMOTE, remote).with(GitContracts.BRANCH, local)
        .with(GitContracts.REMOTE_BRANCH, remoteBranch).with(GitContracts.LEASE, lease);
    if (rewrite) {
      p.with(GitContracts.REWRITE, true);
    }
    if (expected != null) {
      p.with(GitContracts.EXPECT, expected);
    }
    String target = local.name().equals(remoteBranch.name()) ? local.name() : local.name() + ":" + remoteBranch.name();
    String how = rewrite ? "push --force-with-lease --force-if-includes " : lease ? "push --force-with-lease"
        + (expected == null ? "" : "=" + remoteBranch.name() + ":" + show(expected)) + " " : "push ";
    return p.step(how + remote + " " + target + (rewrite ? " (IRREVERSIBLE: rewrites the remote's history)" : ""),
        lease ? Effect.IRREVERSIBLE : Effect.REVERSIBLE);
  }

  private static final Revision HEAD = Revision.of("HEAD");

  /** A revision a factory was given: not null, and not blank text. */
  static Revision rev(Revision value, String what) {
    Objects.requireNonNull(value, what);
    if (value instanceof Revision.Literal && value.text().isBlank()) {
      throw new IllegalArgumentException(what + " is blank");
    }
    return value;
  }

  /** A revision given as text. */
  static Revision revision(String value, String what) {
    return rev(Revision.of(Objects.requireNonNull(value, what)), what);
  }

  /** Text given as text. */
  static Text text(String value, String what) {
    return Text.of(Objects.requireNonNull(value, what));
  }

  private static List<Revision> revs(List<? extends Revision> commits) {
    if (commits.isEmpty()) {
      throw new IllegalArgumentException("the list of commits is empty");
    }
    List<Revision> out = new ArrayList<>();
    for (Revision c : commits) {
      out.add(rev(c, "commit"));
    }
    return List.copyOf(out);
  }

  private static List<Revision> revisions(String... commits) {
    List<Revision> out = new ArrayList<>();
    for (String c : commits) {
      out.add(revision(c, "commit"));
    }
    return out;
  }

  private static int mainline(int mainline) {
    if (mainline < 1) {
      throw new IllegalArgumentException("mainline must be 1 or more (the parent number), was " + mainline);
    }
    return mainline;
  }

  static String show(Revision rev) {
    return rev instanceof Ref ? rev.text() : String.valueOf(rev);
  }
}
