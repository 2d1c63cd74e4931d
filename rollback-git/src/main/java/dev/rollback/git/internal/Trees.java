package dev.rollback.git.internal;

import dev.rollback.git.GitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.errors.CheckoutConflictException;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/** Writes to the repository: moving the index and work tree from one tree to another, and moving refs. */
final class Trees {

  private Trees() {}

  /**
   * Updates the index and the work tree from one tree to another, as a checkout does, refusing (before writing
   * anything) to overwrite an untracked file or a local change.
   *
   * @param repo the repository
   * @param from the tree the index and work tree hold now
   * @param to the tree they should hold
   * @throws GitException when files are in the way; nothing was written
   * @throws IOException when writing fails
   */
  static void switchTree(Repository repo, ObjectId from, ObjectId to) throws IOException {
    if (from.equals(to)) {
      return;
    }
    if (FastCheckout.trySwitch(repo, from, to)) {
      return;
    }
    DirCache dc;
    try {
      dc = repo.lockDirCache();
    } catch (LockFailedException e) {
      throw indexLocked(repo, e);
    }
    DirCacheCheckout co = null;
    try {
      co = new DirCacheCheckout(repo, from, dc, to);
      co.setFailOnConflict(true);
      co.checkout();
      List<String> undeleted = co.getToBeDeleted();
      if (!undeleted.isEmpty()) {
        throw new GitException("could not delete " + String.join(", ", undeleted) + " from the work tree of '"
            + repo.getWorkTree() + "'");
      }
    } catch (CheckoutConflictException e) {
      throw new GitException("files in the work tree of '" + repo.getWorkTree() + "' are in the way: "
          + (co == null ? e.getMessage() : String.join(", ", co.getConflicts())) + " would be overwritten (untracked or modified); nothing"
          + " was changed", e);
    } finally {
      dc.unlock();
    }
  }

  /**
   * Moves a ref, atomically against its expected value.
   *
   * @param repo the repository
   * @param ref the full ref name, or {@code HEAD} for a detached HEAD
   * @param expected the value it must have now; {@link ObjectId#zeroId()} when it must not exist
   * @param to the new value; {@link ObjectId#zeroId()} deletes the ref
   * @param reflog the reflog message
   * @throws GitException when the ref moved meanwhile or cannot be written
   * @throws IOException when writing fails
   */
  static void moveRef(Repository repo, String ref, ObjectId expected, ObjectId to, String reflog)
      throws IOException {
    RefUpdate u = repo.updateRef(ref, ref.equals(Constants.HEAD));
    u.setExpectedOldObjectId(expected);
    u.setForceUpdate(true);
    u.setRefLogMessage(reflog, false);
    RefUpdate.Result r;
    if (to.equals(ObjectId.zeroId())) {
      r = u.delete();
    } else {
      u.setNewObjectId(to);
      r = u.update();
    }
    switch (r) {
      case NEW:
      case FORCED:
      case FAST_FORWARD:
      case NO_CHANGE:
      case RENAMED:
        return;
      case LOCK_FAILURE:
        throw lockFailure(repo, ref, "move " + ref + " from " + shown(expected) + " to " + shown(to), expected);
      default:
        throw new GitException("could not move " + ref + " from " + shown(expected) + " to " + shown(to) + ": " + r);
    }
  }

  /**
   * Points HEAD at a branch, or detaches it at a commit.
   *
   * @param repo the repository
   * @param target a full branch ref name, or a commit id to detach at
   * @param reflog the reflog message
   * @throws IOException when writing fails
   */
  static void pointHead(Repository repo, String target, String reflog) throws IOException {
    RefUpdate u = repo.updateRef(Constants.HEAD, !target.startsWith(Constants.R_REFS));
    u.setRefLogMessage(reflog, false);
    RefUpdate.Result r;
    if (target.startsWith(Constants.R_REFS)) {
      r = u.link(target);
    } else {
      u.setNewObjectId(ObjectId.fromString(target));
      u.setForceUpdate(true);
      r = u.update();
    }
    if (r == RefUpdate.Result.LOCK_FAILURE) {
      throw lockFailure(repo, Constants.HEAD, "point HEAD at " + target, null);
    }
    if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FORCED && r != RefUpdate.Result.NO_CHANGE
        && r != RefUpdate.Result.FAST_FORWARD) {
      throw new GitException("could not point HEAD at " + target + ": " + r);
    }
  }

  /**
   * The lock file git and JGit take to write a ref: {@code <ref>.lock} beside the loose ref ({@code HEAD.lock} in
   * the work tree's own Git directory for HEAD).
   */
  static Path refLock(Repository repo, String ref) {
    Path base = ref.equals(Constants.HEAD) ? repo.getDirectory().toPath() : repo.getCommonDirectory().toPath();
    return base.resolve(ref + ".lock");
  }

  /**
   * The error for a ref JGit could not lock (its {@code LOCK_FAILURE}), saying which: the ref's own lock file or
   * {@code packed-refs.lock} exists (a git command is running, or one was killed while writing), or the ref moved
   * meanwhile.
   *
   * @param what what could not be done, such as {@code move refs/heads/main from a to b}
   * @param expected the value the ref had to have, or null when any would do
   */
  static GitException lockFailure(Repository repo, String ref, String what, ObjectId expected) {
    Path repoDir = repo.isBare() ? repo.getDirectory().toPath() : repo.getWorkTree().toPath();
    for (Path lock : List.of(refLock(repo, ref), repo.getCommonDirectory().toPath().resolve("packed-refs.lock"))) {
      if (Files.exists(lock)) {
        return new GitException("could not " + what + ": " + lock + " exists, so another git command is writing"
            + " refs in " + repoDir + ", or one was killed while writing them. If none is running there, remove it"
            + " (rm -f " + Interrupted.quote(lock.toString()) + ") and try again; a run of ours that was cut off"
            + " there removes it itself when resumed; nothing was changed");
      }
    }
    if (expected != null) {
      try {
        org.eclipse.jgit.lib.Ref now = repo.exactRef(ref);
        ObjectId id = now == null ? null : now.getObjectId();
        if (!expected.equals(id == null ? ObjectId.zeroId() : id)) {
          return new GitException("could not " + what + ": " + ref + " changed meanwhile, it is at " + shown(id)
              + " now; something else wrote to " + repoDir + " during the run; nothing was changed");
        }
      } catch (IOException e) {
        // fall through to the general message
      }
    }
    return new GitException("could not " + what + ": git could not lock " + ref + " in " + repoDir + " (another git"
        + " command may have been writing it); try again; nothing was changed");
  }

  /**
   * The error for an index JGit could not lock: {@code index.lock} exists.
   *
   * @param repo the repository
   * @param e JGit's exception
   * @return the error, naming the file and what to do
   */
  static GitException indexLocked(Repository repo, IOException e) {
    Path lock = repo.getDirectory().toPath().resolve("index.lock");
    return new GitException("could not change the index of " + repo.getWorkTree() + ": " + lock + " exists, so"
        + " another git command is using the index, or one was killed while writing it. If none is running there,"
        + " remove it (rm -f " + Interrupted.quote(lock.toString()) + ") and try again; a run of ours that was cut"
        + " off there removes it itself when resumed; nothing was changed", e);
  }

  static String shown(ObjectId id) {
    return id == null || id.equals(ObjectId.zeroId()) ? "absent" : id.name();
  }
}
