package dev.rollback.git.internal;

import dev.rollback.git.DirtyWorkTreeException;
import dev.rollback.git.GitConflictException;
import dev.rollback.git.GitException;
import dev.rollback.spi.Param;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * {@code git revert} and {@code git cherry-pick} (with {@code -m} and {@code --no-commit}): computed in memory,
 * then written in one go. A conflict stops the step before anything is written.
 */
final class PickStep implements StepHandler {

  private final Engine engine;
  private final Picks.Op op;

  PickStep(Engine engine, Picks.Op op) {
    this.engine = engine;
    this.op = op;
  }

  private List<RevCommit> sources(Session s, StepContext ctx) throws IOException {
    if (ctx.params().containsKey("rangeTo")) {
      String from = GitContracts.RANGE_FROM.read(ctx);
      String to = GitContracts.RANGE_TO.read(ctx);
      Shallow.require(s, op.word + " " + from + ".." + to, Shallow.range(s.repo, from, to));
      RevCommit f = s.commit(from, "start of the range");
      RevCommit t = s.commit(to, "end of the range");
      RevWalk walk = s.walk;
      walk.reset();
      walk.setRevFilter(RevFilter.ALL);
      walk.setTreeFilter(TreeFilter.ALL);
      walk.markStart(t);
      walk.markUninteresting(f);
      List<RevCommit> out = new ArrayList<>();
      for (RevCommit c : walk) {
        out.add(c);
      }
      if (out.isEmpty()) {
        throw new GitException("the range " + from + ".." + to + " holds no commits");
      }
      if (op == Picks.Op.CHERRY_PICK) {
        Collections.reverse(out);
      }
      return out;
    }
    List<RevCommit> out = new ArrayList<>();
    for (String rev : GitContracts.COMMITS.optional(ctx).orElse(List.of())) {
      if (s.virtual == null || !rev.equals("HEAD") && !s.virtual.refs.containsKey(rev)) {
        Shallow.require(s, op.word + " " + rev, Shallow.commit(s.repo, rev, true));
      }
      out.add(s.commit(rev, "commit to " + op.word));
    }
    if (out.isEmpty()) {
      throw new GitException("no commit to " + op.word);
    }
    return out;
  }

  private boolean noCommit(StepContext ctx) {
    return GitContracts.NO_COMMIT.optional(ctx).orElse(false);
  }

  @Override
  public StepPreview preview(StepContext ctx) throws Exception {
    Optional<Param<?, ?>> unknown = (op == Picks.Op.REVERT ? GitContracts.REVERT : GitContracts.CHERRY_PICK)
        .unresolved(ctx);
    if (unknown.isPresent()) {
      return StepPreview.of(op.word + " " + unknown.get().shown(ctx) + " (known at run time)");
    }
    try (Session s = engine.session(ctx.run())) {
      List<RevCommit> sources = sources(s, ctx);
      String summary = op.word + (noCommit(ctx) ? " --no-commit " : " ") + names(sources);
      StepPreview p = StepPreview.of(summary);
      try {
        s.requireClean(noCommit(ctx));
      } catch (DirtyWorkTreeException e) {
        return p.withDetail("dirtyPaths", e.paths()).wouldFail(e.getMessage());
      }
      try {
        Outcome o = compute(s, ctx, sources);
        List<Map<String, Object>> files = DiffStat.files(s.reader, s.repo.getConfig(), o.startTree(), o.finalTree());
        p = p.withDetail("tree", o.finalTree().name()).withDetail("files", files)
            .withDetail("diffstat", DiffStat.summary(files));
        if (!o.newCommits().isEmpty()) {
          p = p.withDetail("commits", o.newCommits());
        }
        commitVirtually(s, o);
        return p;
      } catch (GitConflictException e) {
        return p.withDetail("conflicts", e.paths()).withDetail("conflictingCommit", e.commit()).wouldFail(
            e.getMessage());
      }
    }
  }

  private record Outcome(List<Picks.Picked> picked, RevCommit start, ObjectId startTree) {
    ObjectId finalTree() {
      return picked.get(picked.size() - 1).tree();
    }

    ObjectId finalCommit() {
      return picked.get(picked.size() - 1).commit();
    }

    List<String> newCommits() {
      List<String> ids = new ArrayList<>();
      picked.forEach(p -> {
        if (p.commit() != null) {
          ids.add(p.commit().name());
        }
      });
      return ids;
    }
  }

  private Outcome compute(Session s, StepContext ctx, List<RevCommit> sources) throws IOException {
    int mainline = GitContracts.MAINLINE.optional(ctx).orElse(0);
    if (noCommit(ctx)) {
      ObjectId indexTree = s.indexTree();
      return new Outcome(Picks.compute(s.repo, s.walk, s.inserter, op, sources, mainline, null, indexTree,
          s.committer(), false), null, indexTree);
    }
    RevCommit head = s.head();
    return new Outcome(Picks.compute(s.repo, s.walk, s.inserter, op, sources, mainline, head,
        head.getTree().getId(), s.committer(), true), head, head.getTree().getId());
  }

  private void commitVirtually(Session s, Outcome o) throws IOException {
    if (o.start() == null) {
      s.virtual.indexTree = o.finalTree();
    } else {
      s.advanceHead(o.start().getId(), o.finalCommit(), o.startTree(), o.finalTree(), "");
    }
  }

  @Override
  public StepResult apply(StepContext ctx) throws Exception {
    try (Session s = engine.session(ctx.run())) {
      List<RevCommit> sources = sources(s, ctx);
      s.requireClean(noCommit(ctx));
      Outcome o = compute(s, ctx, sources);
      List<Map<String, Object>> files = DiffStat.files(s.reader, s.repo.getConfig(), o.startTree(), o.finalTree());
      List<String> sourceIds = new ArrayList<>();
      sources.forEach(c -> sourceIds.add(c.name()));
      if (o.start() == null) {
        s.writeObjects();
        s.settled(s.switchTree(o.startTree(), o.finalTree(), false));
        return StepResult.of("applied " + names(sources) + " to the index without committing: "
            + DiffStat.summary(files))
            .withValue(o.finalTree().name())
            .withOutput("indexBefore", o.startTree().name()).withOutput("indexAfter", o.finalTree().name())
            .withEvidence("picked", sourceIds).withEvidence("files", files);
      }
      String target = s.headTarget();
      Picks.Picked last = o.picked().get(o.picked().size() - 1);
      String reflog = op == Picks.Op.REVERT ? "revert: " + Picks.subject(last.message())
          : "cherry-pick: " + Picks.subject(last.message());
      s.advanceHead(o.start().getId(), o.finalCommit(), o.startTree(), o.finalTree(), reflog);
      return result(o.newCommits(), sourceIds, target, o.start().getId(), o.finalCommit(), o.finalTree(), files);
    }
  }

  private StepResult result(List<String> commits, List<String> sourceIds, String ref, ObjectId before,
      ObjectId after, ObjectId tree, List<Map<String, Object>> files) {
    String verb = op == Picks.Op.REVERT ? "reverted " : "cherry-picked ";
    return StepResult.of(verb + sourceIds.size() + " commit" + (sourceIds.size() == 1 ? "" : "s") + " on "
        + Undo.shortName(ref) + " as " + Inputs.abbrev(after) + ": " + DiffStat.summary(files))
        .withValue(after.name())
        .withOutput("commits", commits).withOutput("tree", tree.name())
        .withOutput("ref", ref).withOutput("before", before.name()).withOutput("after", after.name())
        .withEvidence(op == Picks.Op.REVERT ? "reverted" : "picked", sourceIds)
        .withEvidence("files", files).withEvidence("diffstat", DiffStat.summary(files));
  }

  @Override
  public Probe isApplied(StepContext ctx) throws Exception {
    try (Session s = engine.session(ctx.run())) {
      List<RevCommit> sources = sources(s, ctx);
      if (noCommit(ctx)) {
        return probeNoCommit(s, ctx, sources);
      }
      RevCommit head = s.head();
      List<RevCommit> created = Safety.newCommits(s, head);
      Map<String, RevCommit> found = new HashMap<>();
      for (RevCommit c : created) {
        for (RevCommit src : sources) {
          if (matches(c, src) && !found.containsKey(src.name())) {
            found.put(src.name(), c);
          }
        }
      }
      if (found.isEmpty()) {
        return relativeToHeadBefore(s, ctx, head, created).orElse(Probe.notApplied());
      }
      if (found.size() < sources.size()) {
        return Probe.unknown("only " + found.size() + " of the " + sources.size() + " commits to " + op.word
            + " are on " + s.headTarget() + "; the step applies all or none, so something else moved the branch");
      }
      List<String> commits = new ArrayList<>();
      List<String> sourceIds = new ArrayList<>();
      for (RevCommit src : sources) {
        commits.add(found.get(src.name()).name());
        sourceIds.add(src.name());
      }
      RevCommit first = found.get(sources.get(0).name());
      RevCommit last = found.get(sources.get(sources.size() - 1).name());
      s.walk.parseHeaders(first);
      ObjectId before = first.getParentCount() > 0 ? first.getParent(0).getId() : ObjectId.zeroId();
      s.walk.parseHeaders(s.walk.parseCommit(before));
      List<Map<String, Object>> files = DiffStat.files(s.reader, s.repo.getConfig(),
          s.walk.parseCommit(before).getTree(), last.getTree());
      return Probe.applied(result(commits, sourceIds, s.headTarget(), before, last.getId(), last.getTree().getId(),
          files));
    }
  }

  /** Whether a commit made during the run is this step's revert or pick of {@code src}. */
  private boolean matches(RevCommit made, RevCommit src) {
    if (op == Picks.Op.REVERT) {
      return made.getFullMessage().contains("This reverts commit " + src.name());
    }
    return made.getFullMessage().equals(src.getFullMessage())
        && made.getAuthorIdent().equals(src.getAuthorIdent());
  }

  /**
   * For revisions relative to HEAD ({@code HEAD~1}, {@code @^}): a step cut off after it moved HEAD but before the run
   * recorded it finds HEAD moved by itself, so the revisions now name other commits. They are evaluated again against
   * each HEAD the step could have started from (HEAD before the last commits this run made), and the step counts as
   * applied when the commits made since that HEAD are exactly its picks of what they named then.
   */
  private java.util.Optional<Probe> relativeToHeadBefore(Session s, StepContext ctx, RevCommit head,
      List<RevCommit> created) throws IOException {
    if (ctx.params().containsKey("rangeTo")) {
      return java.util.Optional.empty();
    }
    List<String> revs = GitContracts.COMMITS.optional(ctx).orElse(List.of());
    for (String rev : revs) {
      if (!rev.startsWith("HEAD") && !rev.startsWith("@")) {
        return java.util.Optional.empty();
      }
    }
    java.util.Set<ObjectId> made = new java.util.HashSet<>();
    created.forEach(c -> made.add(c.getId()));
    List<RevCommit> above = new ArrayList<>();
    RevCommit c = head;
    while (made.contains(c.getId()) && above.size() < revs.size()) {
      above.add(0, c);
      s.walk.parseHeaders(c);
      if (c.getParentCount() == 0) {
        return java.util.Optional.empty();
      }
      c = s.walk.parseCommit(c.getParent(0));
    }
    if (above.size() != revs.size()) {
      return java.util.Optional.empty();
    }
    List<String> commits = new ArrayList<>();
    List<String> sourceIds = new ArrayList<>();
    for (int i = 0; i < revs.size(); i++) {
      String rev = revs.get(i);
      String at = c.name() + rev.substring(rev.startsWith("HEAD") ? 4 : 1);
      RevCommit src;
      try {
        src = engine.repo.commit(s.walk, at, "commit to " + op.word);
      } catch (GitException e) {
        return java.util.Optional.empty();
      }
      if (!matches(above.get(i), src)) {
        return java.util.Optional.empty();
      }
      commits.add(above.get(i).name());
      sourceIds.add(src.name());
    }
    RevCommit last = above.get(above.size() - 1);
    List<Map<String, Object>> files = DiffStat.files(s.reader, s.repo.getConfig(), c.getTree(), last.getTree());
    return java.util.Optional.of(Probe.applied(result(commits, sourceIds, s.headTarget(), c.getId(), last.getId(),
        last.getTree().getId(), files)));
  }

  private Probe probeNoCommit(Session s, StepContext ctx, List<RevCommit> sources) throws IOException {
    RevCommit head = s.head();
    ObjectId index = s.indexTree();
    if (index.equals(head.getTree().getId())) {
      return Probe.notApplied();
    }
    try {
      List<Picks.Picked> p = Picks.compute(s.repo, s.walk, s.inserter, op, sources, GitContracts.MAINLINE.optional(ctx).orElse(0),
          null, head.getTree().getId(), s.committer(), false);
      ObjectId expected = p.get(p.size() - 1).tree();
      if (expected.equals(index)) {
        return Probe.applied(StepResult.of("the index already holds " + names(sources))
            .withValue(index.name()).withOutput("indexBefore", head.getTree().getId().name())
            .withOutput("indexAfter", index.name()));
      }
    } catch (GitConflictException e) {
      return Probe.unknown("the index differs from HEAD, and " + op.word + " of " + e.commit() + " would conflict");
    }
    return Probe.unknown("the index differs from HEAD but does not hold exactly " + names(sources));
  }

  @Override
  public boolean canCompensate(StepContext ctx) {
    return true;
  }

  @Override
  public StepResult compensate(StepContext ctx, StepResult applied) throws Exception {
    try (Session s = engine.session(ctx.run())) {
      if (applied.outputs().containsKey("indexAfter")) {
        ObjectId before = ObjectId.fromString(String.valueOf(applied.outputs().get("indexBefore")));
        ObjectId after = ObjectId.fromString(String.valueOf(applied.outputs().get("indexAfter")));
        ObjectId now = s.indexTree();
        if (!now.equals(after)) {
          throw new GitException("cannot undo " + op.word + " --no-commit: the index changed since the step ("
              + now.name() + ", not " + after.name() + "); nothing was changed");
        }
        s.requireClean(true);
        s.settled(s.switchTree(after, before, false));
        return StepResult.of("took " + op.word + " --no-commit out of the index and work tree again")
            .withOutput("indexAfter", before.name());
      }
      return Undo.moveBack(s, applied, true, op.word);
    }
  }

  private static String names(List<RevCommit> sources) {
    List<String> out = new ArrayList<>();
    for (RevCommit c : sources) {
      out.add(Inputs.abbrev(c) + " \"" + Picks.subject(c.getFullMessage()) + "\"");
    }
    return String.join(", ", out);
  }
}
