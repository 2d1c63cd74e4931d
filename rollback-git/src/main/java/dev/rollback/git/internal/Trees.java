package dev.rollback.git.internal;

import dev.rollback.git.GitException;
import java.io.IOException;
import java.util.List;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.errors.CheckoutConflictException;
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
    DirCache dc = repo.lockDirCache();
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
        throw new GitException("could not move " + ref + " from " + shown(expected) + " to " + shown(to)
            + ": it changed meanwhile or is locked");
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
    if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FORCED && r != RefUpdate.Result.NO_CHANGE
        && r != RefUpdate.Result.FAST_FORWARD) {
      throw new GitException("could not point HEAD at " + target + ": " + r);
    }
  }

  static String shown(ObjectId id) {
    return id == null || id.equals(ObjectId.zeroId()) ? "absent" : id.name();
  }
}
