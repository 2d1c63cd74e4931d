package dev.rollback.git.internal;

import dev.rollback.git.GitException;
import dev.rollback.spi.RunContext;
import java.io.IOException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * One handler call's view of the repository: the real one when applying, the previewed one (see {@link Virtual})
 * in a preview. Objects are computed in a {@link MemoryInserter} and written only by {@link #writeObjects()}.
 */
final class Session implements AutoCloseable {

  final Engine engine;
  final RunContext run;
  final Repository repo;
  final boolean preview;
  final Virtual virtual;
  final MemoryInserter inserter;
  final ObjectReader reader;
  RevWalk walk;
  private final ObjectReader ownReader;

  Session(Engine engine, RunContext run) {
    this.engine = engine;
    this.run = run;
    this.repo = engine.repo.repository();
    this.preview = run.dryRun();
    if (preview) {
      this.virtual = engine.virtual(run);
      this.inserter = virtual.inserter;
      this.ownReader = null;
    } else {
      this.virtual = null;
      this.ownReader = repo.newObjectReader();
      this.inserter = new MemoryInserter(ownReader);
    }
    this.reader = inserter.newReader();
    this.walk = new RevWalk(reader);
  }

  /**
   * The full name of the ref HEAD points to, or {@code HEAD} when detached.
   */
  String headTarget() throws IOException {
    if (virtual != null && virtual.headTarget != null) {
      return virtual.headTarget;
    }
    return engine.repo.headTarget();
  }

  /** A ref's value as this session sees it, or {@code null} when it does not exist. */
  ObjectId ref(String name) throws IOException {
    if (virtual != null && virtual.refs.containsKey(name)) {
      return virtual.refs.get(name);
    }
    if (name.equals(Constants.HEAD) && virtual != null && virtual.detachedHead != null) {
      return virtual.detachedHead;
    }
    Ref r = repo.exactRef(name);
    return r == null ? null : r.getObjectId();
  }

  /** The commit HEAD points to. */
  RevCommit head() throws IOException {
    String target = headTarget();
    ObjectId id = target.equals(Constants.HEAD)
        ? (virtual != null && virtual.detachedHead != null ? virtual.detachedHead : repo.resolve(Constants.HEAD))
        : ref(target);
    if (id == null) {
      throw new GitException("HEAD of '" + engine.repo.dir() + "' points to no commit yet (an unborn branch "
          + target + ")");
    }
    return walk.parseCommit(id);
  }

  /** Resolves a revision to a commit, seeing the previewed refs in a preview. */
  RevCommit commit(String rev, String what) throws IOException {
    if (virtual != null) {
      if (rev.equals(Constants.HEAD)) {
        return head();
      }
      for (String candidate : new String[] {rev, Constants.R_HEADS + rev, Constants.R_TAGS + rev}) {
        if (virtual.refs.containsKey(candidate)) {
          ObjectId id = virtual.refs.get(candidate);
          if (id == null) {
            throw new GitException("unknown " + what + " '" + rev + "': an earlier step deletes it");
          }
          return walk.parseCommit(id);
        }
      }
    }
    return engine.repo.commit(walk, rev, what);
  }

  /** The tree the index holds, computed in memory. */
  ObjectId indexTree() throws IOException {
    if (virtual != null && virtual.indexTree != null) {
      return virtual.indexTree;
    }
    DirCache dc = repo.readDirCache();
    if (dc.hasUnmergedPaths()) {
      throw new GitException("the index of '" + engine.repo.dir() + "' has unmerged paths; resolve them first");
    }
    return dc.writeTree(inserter);
  }

  /**
   * Refuses uncommitted changes (on disk; a preview checks the state the run would start from).
   *
   * @param allowStaged whether staged changes are fine (the work tree must still match the index)
   */
  void requireClean(boolean allowStaged) throws IOException {
    engine.repo.workTree("this step");
    try (ObjectReader r = repo.newObjectReader()) {
      ObjectId headTree = null;
      if (!allowStaged) {
        ObjectId head = repo.resolve(Constants.HEAD + "^{tree}");
        headTree = head == null ? ObjectId.zeroId() : head;
      }
      boolean full = engine.needsFullScan(run);
      WorkTreeStatus.requireClean(repo, r, headTree, full);
      if (full) {
        engine.scannedFully(run);
      }
    }
  }

  /** The identity new commits and tags are made by, now. */
  PersonIdent committer() {
    return engine.repo.committer(engine.identity, run.clock());
  }

  /** Writes the objects computed so far (never in a preview). */
  void writeObjects() throws IOException {
    if (preview) {
      return;
    }
    try (ObjectInserter real = repo.newObjectInserter()) {
      inserter.flushTo(real);
    }
  }

  /**
   * Moves the branch HEAD points to (or a detached HEAD) to a new commit, bringing the index and work tree from
   * one tree to another first; in a preview, only the previewed state moves.
   */
  void advanceHead(ObjectId expected, ObjectId commit, ObjectId fromTree, ObjectId toTree, String reflog)
      throws IOException {
    String target = headTarget();
    if (preview) {
      if (target.equals(Constants.HEAD)) {
        virtual.detachedHead = commit.copy();
      } else {
        virtual.refs.put(target, commit.copy());
      }
      virtual.indexTree = null;
      return;
    }
    writeObjects();
    boolean recorded = switchTree(fromTree, toTree, true);
    try {
      moveRef(target, expected, commit, reflog);
    } catch (GitException | IOException e) {
      Trees.switchTree(repo, toTree, fromTree);
      settled(recorded);
      throw e;
    }
    settled(recorded);
  }

  /**
   * Brings the index and work tree from one tree to another (never in a preview), first recording the intent
   * ({@link CheckoutIntent}) so that a resume after a kill knows what may be half-written.
   *
   * @param movesHead whether HEAD moves to the new tree afterwards; the caller then calls {@link #settled} once it
   *     has, and otherwise when the index alone changes
   * @return whether an intent was recorded (the trees differ)
   * @throws GitException when files are in the way; nothing was written and no intent remains
   */
  boolean switchTree(ObjectId fromTree, ObjectId toTree, boolean movesHead) throws IOException {
    if (fromTree.equals(toTree)) {
      return false;
    }
    CheckoutIntent.begin(repo, run.runId(), fromTree, toTree, movesHead);
    try {
      Trees.switchTree(repo, fromTree, toTree);
    } catch (GitException e) {
      CheckoutIntent.end(repo);
      throw e;
    }
    return true;
  }

  /** The index, work tree and HEAD agree again: forgets the intent {@link #switchTree} recorded, if it did. */
  void settled(boolean recorded) throws IOException {
    if (recorded) {
      CheckoutIntent.end(repo);
    }
  }

  /** Moves a ref and records, for the run, its value before the run first moved it and after. */
  void moveRef(String ref, ObjectId expected, ObjectId to, String reflog) throws IOException {
    if (preview) {
      virtual.refs.put(ref, to.equals(ObjectId.zeroId()) ? null : to.copy());
      return;
    }
    String key = "git.ref." + ref;
    if (run.recall(key + ".before").isEmpty()) {
      run.remember(key + ".before", Trees.shown(expected));
    }
    Trees.moveRef(repo, ref, expected, to, reflog);
    run.remember(key + ".after", Trees.shown(to));
  }

  /**
   * Points HEAD at a branch (a full ref name) or detaches it at a commit id, bringing the index and work tree
   * from one tree to another first; in a preview, only the previewed state moves.
   */
  void switchHead(String target, ObjectId fromTree, ObjectId toTree, String reflog) throws IOException {
    if (preview) {
      if (target.startsWith(Constants.R_REFS)) {
        virtual.headTarget = target;
      } else {
        virtual.headTarget = Constants.HEAD;
        virtual.detachedHead = ObjectId.fromString(target);
      }
      virtual.indexTree = null;
      return;
    }
    boolean recorded = switchTree(fromTree, toTree, true);
    try {
      Trees.pointHead(repo, target, reflog);
    } catch (GitException | IOException e) {
      Trees.switchTree(repo, toTree, fromTree);
      settled(recorded);
      throw e;
    }
    settled(recorded);
  }

  /** A new walk, after a deepening changed which commits are at the shallow boundary. */
  void refreshWalk() {
    walk.close();
    walk = new RevWalk(reader);
  }

  @Override
  public void close() {
    walk.close();
    reader.close();
    if (ownReader != null) {
      ownReader.close();
    }
  }
}
