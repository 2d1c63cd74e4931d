package dev.rollback.git.internal;

import dev.rollback.git.DirtyWorkTreeException;
import dev.rollback.git.GitException;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** {@code git commit -m <message>}: commits the index; fails when nothing is staged, as git does. */
final class CommitStep implements StepHandler {

  private final Engine engine;

  CommitStep(Engine engine) {
    this.engine = engine;
  }

  @Override
  public StepPreview preview(StepContext ctx) throws Exception {
    if (GitContracts.COMMIT_INDEX.unresolved(ctx).isPresent()) {
      return StepPreview.of("commit the index (message known at run time)");
    }
    try (Session s = engine.session(ctx.run())) {
      RevCommit head = s.head();
      ObjectId index = s.indexTree();
      String message = Messages.cleanup(GitContracts.MESSAGE.read(ctx));
      List<Map<String, Object>> files = DiffStat.files(s.reader, s.repo.getConfig(), head.getTree(), index);
      StepPreview p = StepPreview.of("commit \"" + Picks.subject(message) + "\": " + DiffStat.summary(files))
          .withDetail("files", files).withDetail("tree", index.name());
      if (index.equals(head.getTree().getId())) {
        return p.wouldFail("nothing to commit: the index matches HEAD");
      }
      try {
        s.requireClean(true);
      } catch (DirtyWorkTreeException e) {
        p = p.withWarning(e.getMessage());
      }
      ObjectId commit = s.inserter.insert(commitOf(s, head, index, message));
      s.advanceHead(head.getId(), commit, index, index, "");
      return p;
    }
  }

  private static CommitBuilder commitOf(Session s, RevCommit head, ObjectId tree, String message) {
    PersonIdent me = s.committer();
    CommitBuilder cb = new CommitBuilder();
    cb.setTreeId(tree);
    cb.setParentId(head.getId());
    cb.setAuthor(me);
    cb.setCommitter(me);
    cb.setMessage(message);
    return cb;
  }

  @Override
  public StepResult apply(StepContext ctx) throws Exception {
    try (Session s = engine.session(ctx.run())) {
      engine.repo.workTree("committing");
      RevCommit head = s.head();
      ObjectId index = s.indexTree();
      if (index.equals(head.getTree().getId())) {
        throw new GitException("nothing to commit: the index of '" + engine.repo.dir() + "' matches HEAD");
      }
      String message = Messages.cleanup(GitContracts.MESSAGE.read(ctx));
      if (message.isEmpty()) {
        throw new GitException("the commit message is empty; git would abort the commit");
      }
      List<Map<String, Object>> files = DiffStat.files(s.reader, s.repo.getConfig(), head.getTree(), index);
      ObjectId commit = s.inserter.insert(commitOf(s, head, index, message));
      String target = s.headTarget();
      s.writeObjects();
      s.moveRef(target, head.getId(), commit, "commit: " + Picks.subject(message));
      return StepResult.of("committed \"" + Picks.subject(message) + "\" as " + Inputs.abbrev(commit) + ": "
          + DiffStat.summary(files))
          .withValue(commit.name()).withOutput("ref", target).withOutput("before", head.name())
          .withOutput("after", commit.name()).withEvidence("files", files);
    }
  }

  @Override
  public Probe isApplied(StepContext ctx) throws Exception {
    try (Session s = engine.session(ctx.run())) {
      RevCommit head = s.head();
      ObjectId index = s.indexTree();
      String message = Messages.cleanup(GitContracts.MESSAGE.read(ctx));
      List<RevCommit> created = Safety.newCommits(s, head);
      boolean ours = !created.isEmpty() && created.get(0).getId().equals(head.getId())
          && head.getFullMessage().equals(message) && head.getParentCount() == 1;
      if (ours && index.equals(head.getTree().getId())) {
        return Probe.applied(StepResult.of("committed \"" + Picks.subject(message) + "\" as " + Inputs.abbrev(head))
            .withValue(head.name()).withOutput("ref", s.headTarget())
            .withOutput("before", head.getParent(0).name()).withOutput("after", head.name()));
      }
      if (!index.equals(head.getTree().getId())) {
        return Probe.notApplied();
      }
      return Probe.unknown("the index matches HEAD, but HEAD is not a commit of this run with message \""
          + Picks.subject(message) + "\"");
    }
  }

  @Override
  public boolean canCompensate(StepContext ctx) {
    return true;
  }

  @Override
  public StepResult compensate(StepContext ctx, StepResult applied) throws Exception {
    try (Session s = engine.session(ctx.run())) {
      return Undo.moveBack(s, applied, false, "commit");
    }
  }
}
