package dev.rollback.git.internal;

import dev.rollback.git.DirtyWorkTreeException;
import dev.rollback.git.GitException;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * {@code git checkout <source> -- <paths>} (or, not in overlay mode, {@code git restore --source}) followed by a
 * commit. The new tree is computed in memory; when it equals HEAD's, nothing is committed.
 */
final class RestoreStep implements StepHandler {

  private final Engine engine;

  RestoreStep(Engine engine) {
    this.engine = engine;
  }

  private record Outcome(RevCommit head, RevCommit source, List<String> paths, ObjectId tree,
      List<Map<String, Object>> files) {
    boolean changes() {
      return !tree.equals(head.getTree().getId());
    }
  }

  private Outcome compute(Session s, StepContext ctx) throws IOException {
    Shallow.require(s, "restore from " + GitContracts.SOURCE.read(ctx), Shallow.commit(s.repo, GitContracts.SOURCE.read(ctx),
        false));
    RevCommit source = s.commit(GitContracts.SOURCE.read(ctx), "commit to restore from");
    Path workTree = engine.repo.isBare() ? null : engine.repo.workTree("restoring files");
    List<String> paths = new ArrayList<>();
    for (String p : GitContracts.PATHS.optional(ctx).orElse(List.of())) {
      paths.add(Inputs.repoPath(workTree, p));
    }
    if (paths.isEmpty()) {
      throw new GitException("no path to restore");
    }
    boolean overlay = GitContracts.OVERLAY.optional(ctx).orElse(true);
    RevCommit head = s.head();
    DirCache dc = DirCache.newInCore();
    DirCacheBuilder b = dc.builder();
    b.addTree(new byte[0], DirCacheEntry.STAGE_0, s.reader, head.getTree());
    b.finish();
    DirCacheEditor editor = dc.editor();
    for (String path : paths) {
      List<String[]> fromSource = entries(s, source, path);
      Set<String> inHead = new HashSet<>();
      for (String[] e : entries(s, head, path)) {
        inHead.add(e[0]);
      }
      if (fromSource.isEmpty() && !overlay && inHead.isEmpty() && touchedBetween(s, source, head, path)) {
        // Already as in the source: a commit since added the path and another removed it again (a revert).
        continue;
      }
      if (fromSource.isEmpty() && (overlay || inHead.isEmpty())) {
        throw new GitException("path '" + path + "' did not match any file in " + Inputs.abbrev(source) + " \""
            + Picks.subject(source.getFullMessage()) + "\"" + (overlay ? "" : " nor in HEAD")
            + "; git checkout would fail the same way (pathspec did not match)");
      }
      Set<String> kept = new HashSet<>();
      for (String[] e : fromSource) {
        kept.add(e[0]);
        FileMode mode = FileMode.fromBits(Integer.parseInt(e[1]));
        ObjectId id = ObjectId.fromString(e[2]);
        editor.add(new DirCacheEditor.PathEdit(e[0]) {
          @Override
          public void apply(DirCacheEntry ent) {
            ent.setFileMode(mode);
            ent.setObjectId(id);
          }
        });
      }
      if (!overlay) {
        for (String h : inHead) {
          if (!kept.contains(h)) {
            editor.add(new DirCacheEditor.DeletePath(h));
          }
        }
      }
    }
    editor.finish();
    ObjectId tree = dc.writeTree(s.inserter);
    List<Map<String, Object>> files = DiffStat.files(s.reader, s.repo.getConfig(), head.getTree(), tree);
    return new Outcome(head, source, paths, tree, files);
  }

  /** Whether a commit between the source and HEAD (either way) touched the path. */
  private static boolean touchedBetween(Session s, RevCommit source, RevCommit head, String path)
      throws IOException {
    org.eclipse.jgit.revwalk.RevWalk walk = s.walk;
    walk.reset();
    walk.setRevFilter(org.eclipse.jgit.revwalk.filter.RevFilter.ALL);
    walk.setTreeFilter(org.eclipse.jgit.treewalk.filter.AndTreeFilter.create(PathFilter.create(path),
        org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF));
    try {
      walk.markStart(walk.parseCommit(head));
      walk.markUninteresting(walk.parseCommit(source));
      return walk.next() != null;
    } finally {
      walk.reset();
      walk.setTreeFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ALL);
    }
  }

  /** The files at or under a path in a commit: {path, mode bits, id}. */
  private static List<String[]> entries(Session s, RevCommit c, String path) throws IOException {
    List<String[]> out = new ArrayList<>();
    try (TreeWalk tw = new TreeWalk(s.reader)) {
      tw.addTree(c.getTree());
      tw.setRecursive(true);
      tw.setFilter(PathFilter.create(path));
      while (tw.next()) {
        out.add(new String[] {tw.getPathString(), Integer.toString(tw.getRawMode(0)), tw.getObjectId(0).name()});
      }
    }
    return out;
  }

  private String message(StepContext ctx, Outcome o) {
    String m = GitContracts.MESSAGE.optional(ctx).orElse(null);
    if (m == null) {
      m = "Restore " + String.join(", ", o.paths()) + " from " + Inputs.abbrev(o.source()) + "\n\nFiles as of "
          + o.source().name() + " \"" + Picks.subject(o.source().getFullMessage()) + "\".";
    }
    return Messages.cleanup(m);
  }

  @Override
  public StepPreview preview(StepContext ctx) throws Exception {
    if (GitContracts.RESTORE.unresolved(ctx).isPresent()) {
      return StepPreview.of("restore " + ctx.params().get("paths") + " from " + ctx.params().get("source")
          + " (known at run time)");
    }
    try (Session s = engine.session(ctx.run())) {
      Outcome o = compute(s, ctx);
      StepPreview p = StepPreview.of("restore " + String.join(", ", o.paths()) + " from " + Inputs.abbrev(o.source())
          + (o.changes() ? " and commit: " + DiffStat.summary(o.files()) : ": every file already matches"))
          .withDetail("tree", o.tree().name()).withDetail("files", o.files());
      try {
        s.requireClean(false);
      } catch (DirtyWorkTreeException e) {
        return p.withDetail("dirtyPaths", e.paths()).wouldFail(e.getMessage());
      }
      if (o.changes()) {
        ObjectId commit = s.inserter.insert(commitOf(s, o, message(ctx, o)));
        s.advanceHead(o.head().getId(), commit, o.head().getTree().getId(), o.tree(), "");
      }
      return p;
    }
  }

  private static CommitBuilder commitOf(Session s, Outcome o, String message) {
    PersonIdent me = s.committer();
    CommitBuilder cb = new CommitBuilder();
    cb.setTreeId(o.tree());
    cb.setParentId(o.head().getId());
    cb.setAuthor(me);
    cb.setCommitter(me);
    cb.setMessage(message);
    return cb;
  }

  @Override
  public StepResult apply(StepContext ctx) throws Exception {
    try (Session s = engine.session(ctx.run())) {
      Outcome o = compute(s, ctx);
      s.requireClean(false);
      String target = s.headTarget();
      if (!o.changes()) {
        return StepResult.of("every file of " + String.join(", ", o.paths()) + " already matches "
            + Inputs.abbrev(o.source()) + "; nothing to commit")
            .withValue(o.head().name()).withOutput("changed", false).withOutput("ref", target)
            .withOutput("before", o.head().name()).withOutput("after", o.head().name());
      }
      String message = message(ctx, o);
      ObjectId commit = s.inserter.insert(commitOf(s, o, message));
      s.advanceHead(o.head().getId(), commit, o.head().getTree().getId(), o.tree(),
          "commit: " + Picks.subject(message));
      return result(o, target, o.head().getId(), commit);
    }
  }

  private static StepResult result(Outcome o, String ref, ObjectId before, ObjectId after) {
    return StepResult.of("restored " + String.join(", ", o.paths()) + " from " + Inputs.abbrev(o.source())
        + " as " + Inputs.abbrev(after) + ": " + DiffStat.summary(o.files()))
        .withValue(after.name()).withOutput("changed", true).withOutput("ref", ref)
        .withOutput("before", before.name()).withOutput("after", after.name())
        .withEvidence("source", o.source().name()).withEvidence("files", o.files());
  }

  @Override
  public Probe isApplied(StepContext ctx) throws Exception {
    try (Session s = engine.session(ctx.run())) {
      Outcome o = compute(s, ctx);
      if (o.changes()) {
        return Probe.notApplied();
      }
      RevCommit head = o.head();
      List<RevCommit> created = Safety.newCommits(s, head);
      if (!created.isEmpty() && created.get(0).getId().equals(head.getId())
          && head.getFullMessage().equals(message(ctx, o)) && head.getParentCount() == 1) {
        RevCommit parent = s.walk.parseCommit(head.getParent(0));
        List<Map<String, Object>> files = DiffStat.files(s.reader, s.repo.getConfig(), parent.getTree(),
            head.getTree());
        return Probe.applied(result(new Outcome(parent, o.source(), o.paths(), head.getTree().getId(), files),
            s.headTarget(), parent.getId(), head.getId()));
      }
      return Probe.applied(StepResult.of("every file of " + String.join(", ", o.paths()) + " already matches "
          + Inputs.abbrev(o.source())).withValue(head.name()).withOutput("changed", false)
          .withOutput("ref", s.headTarget()).withOutput("before", head.name()).withOutput("after", head.name()));
    }
  }

  @Override
  public boolean canCompensate(StepContext ctx) {
    return true;
  }

  @Override
  public StepResult compensate(StepContext ctx, StepResult applied) throws Exception {
    if (Boolean.FALSE.equals(applied.outputs().get("changed"))) {
      return StepResult.of("the restore changed nothing; nothing to undo");
    }
    try (Session s = engine.session(ctx.run())) {
      return Undo.moveBack(s, applied, true, "restore");
    }
  }
}
