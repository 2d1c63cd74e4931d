package dev.rollback.git.internal;

import dev.rollback.git.DirtyWorkTreeException;
import dev.rollback.git.GitException;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.io.IOException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/** {@code git branch}, {@code git checkout -b} and {@code git checkout <branch>}. */
final class BranchSteps {

  private BranchSteps() {}

  /** Where HEAD points now: a full branch name, or the detached commit's id. */
  static String headPosition(Session s) throws IOException {
    String target = s.headTarget();
    return target.equals(Constants.HEAD) ? s.head().name() : target;
  }

  static String shortOf(String position) {
    return position.startsWith(Constants.R_REFS) ? Repository.shortenRefName(position) : position.substring(0, 7);
  }

  /** Creates a branch, and checks it out when asked. */
  static final class CreateBranch implements StepHandler {
    private final Engine engine;

    CreateBranch(Engine engine) {
      this.engine = engine;
    }

    @Override
    public StepPreview preview(StepContext ctx) throws Exception {
      if (GitContracts.CREATE_BRANCH.unresolved(ctx).isPresent()) {
        return StepPreview.of(ctx.step().name() + " (name known at run time)");
      }
      try (Session s = engine.session(ctx.run())) {
        String ref = Inputs.branchRef(GitContracts.NAME.read(ctx));
        RevCommit start = s.commit(GitContracts.START_POINT.optional(ctx).orElse(Constants.HEAD), "start point");
        boolean checkout = GitContracts.CHECKOUT.optional(ctx).orElse(false);
        StepPreview p = StepPreview.of((checkout ? "create and check out " : "create ")
            + Repository.shortenRefName(ref) + " at " + Inputs.abbrev(start) + " \""
            + Picks.subject(start.getFullMessage()) + "\"").withDetail("branch", ref).withDetail("at", start.name());
        ObjectId existing = s.ref(ref);
        if (existing != null) {
          return p.wouldFail("a branch named '" + Repository.shortenRefName(ref) + "' already exists (at "
              + existing.name() + ")");
        }
        if (checkout) {
          try {
            s.requireClean(false);
          } catch (DirtyWorkTreeException e) {
            return p.withDetail("dirtyPaths", e.paths()).wouldFail(e.getMessage());
          }
        }
        RevCommit head = s.head();
        s.moveRef(ref, ObjectId.zeroId(), start, "");
        if (checkout) {
          s.switchHead(ref, head.getTree(), start.getTree(), "");
        }
        return p;
      }
    }

    @Override
    public StepResult apply(StepContext ctx) throws Exception {
      try (Session s = engine.session(ctx.run())) {
        String ref = Inputs.branchRef(GitContracts.NAME.read(ctx));
        String startText = GitContracts.START_POINT.optional(ctx).orElse(Constants.HEAD);
        RevCommit start = s.commit(startText, "start point");
        boolean checkout = GitContracts.CHECKOUT.optional(ctx).orElse(false);
        ObjectId existing = s.ref(ref);
        if (existing != null) {
          throw new GitException("a branch named '" + Repository.shortenRefName(ref) + "' already exists (at "
              + existing.name() + "); git would refuse to create it");
        }
        if (checkout) {
          s.requireClean(false);
        }
        String previous = headPosition(s);
        RevCommit head = s.head();
        s.moveRef(ref, ObjectId.zeroId(), start, "branch: Created from " + startText);
        if (checkout) {
          try {
            s.switchHead(ref, head.getTree(), start.getTree(),
                "checkout: moving from " + shortOf(previous) + " to " + Repository.shortenRefName(ref));
          } catch (GitException | IOException e) {
            s.moveRef(ref, start, ObjectId.zeroId(), "rollback: branch not checked out");
            throw e;
          }
        }
        return result(ref, start, checkout, previous);
      }
    }

    private static StepResult result(String ref, ObjectId at, boolean checkout, String previous) {
      return StepResult.of((checkout ? "created and checked out " : "created ") + Repository.shortenRefName(ref)
          + " at " + Inputs.abbrev(at))
          .withValue(ref).withOutput("branch", ref).withOutput("at", at.name())
          .withOutput("checkout", checkout).withOutput("previous", previous);
    }

    @Override
    public Probe isApplied(StepContext ctx) throws Exception {
      try (Session s = engine.session(ctx.run())) {
        String ref = Inputs.branchRef(GitContracts.NAME.read(ctx));
        ObjectId at = s.ref(ref);
        if (at == null) {
          return Probe.notApplied();
        }
        boolean checkout = GitContracts.CHECKOUT.optional(ctx).orElse(false);
        if (checkout && !s.headTarget().equals(ref)) {
          return Probe.unknown("branch " + ref + " exists but is not checked out");
        }
        String previous = s.run.recall(Safety.HEAD_KEY).orElse(ref);
        return Probe.applied(result(ref, at, checkout, previous));
      }
    }

    @Override
    public boolean canCompensate(StepContext ctx) {
      return true;
    }

    @Override
    public StepResult compensate(StepContext ctx, StepResult applied) throws Exception {
      try (Session s = engine.session(ctx.run())) {
        String ref = String.valueOf(applied.outputs().get("branch"));
        ObjectId at = ObjectId.fromString(String.valueOf(applied.outputs().get("at")));
        String previous = String.valueOf(applied.outputs().get("previous"));
        if (s.headTarget().equals(ref)) {
          s.requireClean(false);
          RevCommit head = s.head();
          RevCommit back = s.commit(previous, "previous HEAD");
          s.switchHead(previous, head.getTree(), back.getTree(), "rollback: undo checkout of "
              + Repository.shortenRefName(ref));
        }
        ObjectId now = s.ref(ref);
        if (now == null) {
          return StepResult.of("branch " + Repository.shortenRefName(ref) + " is gone already");
        }
        if (!now.equals(at)) {
          throw new GitException("cannot delete branch " + Repository.shortenRefName(ref) + ": it moved to "
              + now.name() + " since it was created at " + at.name() + "; it is left as it is");
        }
        String kept = Safety.keep(s, Undo.shortName(ref), at);
        s.moveRef(ref, at, ObjectId.zeroId(), "rollback: undo branch creation");
        return StepResult.of("deleted branch " + Repository.shortenRefName(ref) + " and checked out "
            + shortOf(previous) + " again; " + Inputs.abbrev(at) + " stays reachable as " + kept);
      }
    }
  }

  /** Checks out an existing branch. */
  static final class Checkout implements StepHandler {
    private final Engine engine;

    Checkout(Engine engine) {
      this.engine = engine;
    }

    @Override
    public StepPreview preview(StepContext ctx) throws Exception {
      if (GitContracts.CHECKOUT_BRANCH.unresolved(ctx).isPresent()) {
        return StepPreview.of("check out a branch known at run time");
      }
      try (Session s = engine.session(ctx.run())) {
        String ref = Inputs.branchRef(GitContracts.BRANCH.read(ctx));
        ObjectId id = s.ref(ref);
        StepPreview p = StepPreview.of("check out " + Repository.shortenRefName(ref));
        if (id == null) {
          return p.wouldFail("branch '" + Repository.shortenRefName(ref) + "' does not exist");
        }
        if (s.headTarget().equals(ref)) {
          return StepPreview.of("already on " + Repository.shortenRefName(ref));
        }
        try {
          s.requireClean(false);
        } catch (DirtyWorkTreeException e) {
          return p.withDetail("dirtyPaths", e.paths()).wouldFail(e.getMessage());
        }
        RevCommit head = s.head();
        RevCommit target = s.walk.parseCommit(id);
        p = p.withDetail("commit", target.name()).withDetail("files",
            DiffStat.files(s.reader, s.repo.getConfig(), head.getTree(), target.getTree()));
        s.switchHead(ref, head.getTree(), target.getTree(), "");
        return p;
      }
    }

    @Override
    public StepResult apply(StepContext ctx) throws Exception {
      try (Session s = engine.session(ctx.run())) {
        engine.repo.workTree("checking out a branch");
        String ref = Inputs.branchRef(GitContracts.BRANCH.read(ctx));
        ObjectId id = s.ref(ref);
        if (id == null) {
          throw new GitException("branch '" + Repository.shortenRefName(ref) + "' does not exist in '"
              + engine.repo.dir() + "'");
        }
        String previous = headPosition(s);
        if (previous.equals(ref)) {
          return result(ref, id, previous).withEvidence("alreadyOn", true);
        }
        s.requireClean(false);
        RevCommit head = s.head();
        RevCommit target = s.walk.parseCommit(id);
        s.switchHead(ref, head.getTree(), target.getTree(),
            "checkout: moving from " + shortOf(previous) + " to " + Repository.shortenRefName(ref));
        return result(ref, id, previous);
      }
    }

    private static StepResult result(String ref, ObjectId id, String previous) {
      return StepResult.of("checked out " + Repository.shortenRefName(ref) + " at " + Inputs.abbrev(id))
          .withValue(id.name()).withOutput("branch", ref).withOutput("previous", previous);
    }

    @Override
    public Probe isApplied(StepContext ctx) throws Exception {
      try (Session s = engine.session(ctx.run())) {
        String ref = Inputs.branchRef(GitContracts.BRANCH.read(ctx));
        if (!s.headTarget().equals(ref)) {
          return Probe.notApplied();
        }
        return Probe.applied(result(ref, s.head(), s.run.recall(Safety.HEAD_KEY).orElse(ref)));
      }
    }

    @Override
    public boolean canCompensate(StepContext ctx) {
      return true;
    }

    @Override
    public StepResult compensate(StepContext ctx, StepResult applied) throws Exception {
      try (Session s = engine.session(ctx.run())) {
        String ref = String.valueOf(applied.outputs().get("branch"));
        String previous = String.valueOf(applied.outputs().get("previous"));
        if (previous.equals(ref) || !s.headTarget().equals(ref)) {
          return StepResult.of("HEAD is not on " + Repository.shortenRefName(ref) + " by this step; nothing to undo");
        }
        s.requireClean(false);
        RevCommit head = s.head();
        RevCommit back = s.commit(previous, "previous HEAD");
        s.switchHead(previous, head.getTree(), back.getTree(), "rollback: undo checkout of "
            + Repository.shortenRefName(ref));
        return StepResult.of("checked out " + shortOf(previous) + " again");
      }
    }
  }
}
