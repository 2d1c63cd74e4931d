package dev.rollback.git.internal;

import dev.rollback.git.GitConflictException;
import dev.rollback.git.GitException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Reverts and cherry-picks computed in memory, one commit at a time on top of the previous result, exactly as
 * {@code git revert} and {@code git cherry-pick} compute them: the same merge base, the same trees, the same
 * messages, the same authors. Merge commits need a mainline parent, as with {@code -m}.
 */
final class Picks {

  /** Revert or cherry-pick. */
  enum Op {
    REVERT("revert"), CHERRY_PICK("cherry-pick");

    final String word;

    Op(String word) {
      this.word = word;
    }
  }

  /**
   * One commit picked.
   *
   * @param source the commit reverted or picked
   * @param commit the new commit, or {@code null} without committing
   * @param tree the resulting tree
   * @param message the new commit's message
   */
  record Picked(RevCommit source, ObjectId commit, ObjectId tree, String message) {}

  private Picks() {}

  /**
   * Computes the picks.
   *
   * @param repo the repository (configuration)
   * @param walk a walk over the session's reader
   * @param inserter where new objects go, in memory
   * @param op revert or cherry-pick
   * @param sources the commits, in the order to apply them
   * @param mainline the parent number for merge commits, or 0
   * @param start the commit the first pick applies to ({@code null} without committing: then the tree is used)
   * @param startTree the tree the first pick applies to
   * @param committer who commits, now
   * @param commit whether to make commits ({@code false} for {@code --no-commit})
   * @return one entry per source
   * @throws GitConflictException when a pick conflicts; nothing was computed for good
   * @throws GitException for a merge without mainline, a mainline on a non-merge, or an empty result
   * @throws IOException when objects cannot be read
   */
  static List<Picked> compute(Repository repo, RevWalk walk, MemoryInserter inserter, Op op, List<RevCommit> sources,
      int mainline, RevCommit start, ObjectId startTree, PersonIdent committer, boolean commit) throws IOException {
    TreeMerge merge = new TreeMerge(inserter, repo.getConfig());
    List<Picked> out = new ArrayList<>();
    ObjectId current = start == null ? null : start.getId();
    ObjectId currentTree = startTree;
    for (RevCommit source : sources) {
      walk.parseHeaders(source);
      RevCommit parent = parentOf(walk, source, mainline, op);
      ObjectId parentTree = parent == null ? merge.emptyTree() : parent.getTree().getId();
      ObjectId sourceTree = source.getTree().getId();
      TreeMerge.Result r = op == Op.REVERT
          ? merge.merge(sourceTree, currentTree, parentTree)
          : merge.merge(parentTree, currentTree, sourceTree);
      if (!r.clean()) {
        throw new GitConflictException(op.word, source.name(), r.conflicts(), op == Op.REVERT
            ? TreeMerge.describe(walk.getObjectReader(), sourceTree, currentTree, parentTree, r.conflicts(),
                "the " + op.word)
            : TreeMerge.describe(walk.getObjectReader(), parentTree, currentTree, sourceTree, r.conflicts(),
                "the " + op.word));
      }
      if (r.tree().equals(currentTree) && commit) {
        throw new GitException(op == Op.REVERT
            ? "reverting " + source.name() + " changes nothing: HEAD already has every file it changed as it was"
                + " before (is it reverted already?); git would stop with 'nothing to commit'"
            : "cherry-picking " + source.name() + " changes nothing: its change is already on HEAD; git would stop"
                + " with 'the previous cherry-pick is now empty'");
      }
      String message = op == Op.REVERT ? revertMessage(source, parent, mainline) : source.getFullMessage();
      ObjectId id = null;
      if (commit) {
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(r.tree());
        if (current != null) {
          cb.setParentId(current);
        }
        cb.setAuthor(op == Op.REVERT ? committer : source.getAuthorIdent());
        cb.setCommitter(committer);
        cb.setMessage(message);
        id = inserter.insert(cb);
        current = id;
      }
      currentTree = r.tree();
      out.add(new Picked(source, id, r.tree(), message));
    }
    return out;
  }

  private static RevCommit parentOf(RevWalk walk, RevCommit source, int mainline, Op op) throws IOException {
    int n = source.getParentCount();
    if (n > 1 && mainline == 0) {
      throw new GitException("commit " + source.name() + " is a merge but no mainline parent was given; " + op.word
          + " it with a mainline (git " + op.word + " -m 1 for the branch it was merged into)");
    }
    if (mainline > 0 && n <= 1) {
      throw new GitException("a mainline was given but commit " + source.name() + " is not a merge");
    }
    if (mainline > n) {
      throw new GitException("commit " + source.name() + " has " + n + " parents; there is no parent " + mainline);
    }
    if (n == 0) {
      return null;
    }
    RevCommit parent = source.getParent(mainline > 0 ? mainline - 1 : 0);
    walk.parseHeaders(parent);
    return parent;
  }

  /** git's revert message: {@code Revert "<subject>"}, a blank line, and which commit it reverts. */
  static String revertMessage(RevCommit source, RevCommit parent, int mainline) {
    StringBuilder b = new StringBuilder();
    b.append("Revert \"").append(subject(source.getFullMessage())).append("\"\n\n");
    b.append("This reverts commit ").append(source.name());
    if (mainline > 0) {
      b.append(", reversing\nchanges made to ").append(parent.name());
    }
    return b.append(".\n").toString();
  }

  /** The first non-blank line of a message, as git's {@code find_commit_subject} takes it. */
  static String subject(String message) {
    int i = 0;
    while (i < message.length()) {
      int eol = message.indexOf('\n', i);
      int end = eol < 0 ? message.length() : eol;
      if (!message.substring(i, end).isBlank()) {
        return message.substring(i, end);
      }
      if (eol < 0) {
        break;
      }
      i = eol + 1;
    }
    return "";
  }
}
