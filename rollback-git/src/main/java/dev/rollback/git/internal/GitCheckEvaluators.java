package dev.rollback.git.internal;

import dev.rollback.git.GitException;
import dev.rollback.spi.CheckContext;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.StepResult;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;

/** The Git checks. They observe only. */
final class GitCheckEvaluators {

  private GitCheckEvaluators() {}

  /** Identifies a commit by a search, or lists commits. */
  static final class FindCommit implements CheckEvaluator {
    private final Engine engine;

    FindCommit(Engine engine) {
      this.engine = engine;
    }

    @Override
    public CheckResult evaluate(CheckContext ctx) throws Exception {
      String pick = ReadSteps.FindCommit.pick(ctx);
      try (Session s = engine.session(ctx.run())) {
        StepResult r;
        try {
          r = ReadSteps.FindCommit.find(s, ctx.params(), pick, ctx.run().clock());
        } catch (GitException e) {
          return CheckResult.failed(e.getMessage());
        }
        if (pick.equals("all") && ((java.util.List<?>) r.value().orElseThrow()).isEmpty()) {
          return CheckResult.failed(r.summary()).withValue(r.value().orElseThrow());
        }
        CheckResult c = CheckResult.passed(r.summary()).withValue(r.value().orElseThrow());
        for (Map.Entry<String, Object> e : r.outputs().entrySet()) {
          c = c.withEvidence(e.getKey(), e.getValue());
        }
        return c;
      }
    }
  }

  /** Resolves a revision. */
  static final class Resolve implements CheckEvaluator {
    private final Engine engine;

    Resolve(Engine engine) {
      this.engine = engine;
    }

    @Override
    public CheckResult evaluate(CheckContext ctx) throws Exception {
      try (Session s = engine.session(ctx.run())) {
        String rev = GitContracts.REV.read(ctx);
        RevCommit c;
        try {
          c = s.commit(rev, "revision");
        } catch (GitException e) {
          return CheckResult.failed(e.getMessage());
        }
        CheckResult r = CheckResult.passed(rev + " is " + Inputs.abbrev(c) + " " + Picks.subject(c.getFullMessage()))
            .withValue(c.name());
        for (Map.Entry<String, Object> e : ReadSteps.describe(c).entrySet()) {
          r = r.withEvidence(e.getKey(), e.getValue());
        }
        return r;
      }
    }
  }

  /** Whether a commit is reverted on HEAD (or not, for {@code notReverted}). */
  static final class Reverted implements CheckEvaluator {
    private final Engine engine;
    private final boolean wantReverted;

    Reverted(Engine engine, boolean wantReverted) {
      this.engine = engine;
      this.wantReverted = wantReverted;
    }

    @Override
    public CheckResult evaluate(CheckContext ctx) throws Exception {
      try (Session s = engine.session(ctx.run())) {
        RevCommit c;
        try {
          c = s.commit(GitContracts.COMMIT.read(ctx), "commit");
        } catch (GitException e) {
          return CheckResult.failed(e.getMessage());
        }
        RevCommit by = History.revertedBy(s, c, s.head());
        String what = Inputs.abbrev(c) + " \"" + Picks.subject(c.getFullMessage()) + "\"";
        if (by == null) {
          String summary = what + " is in effect on HEAD (not reverted)";
          return wantReverted ? CheckResult.failed(summary) : CheckResult.passed(summary).withValue(c.name());
        }
        String summary = what + " is reverted by " + Inputs.abbrev(by);
        return (wantReverted ? CheckResult.passed(summary).withValue(by.name()) : CheckResult.failed(summary))
            .withEvidence("revertedBy", by.name());
      }
    }
  }

  /** Whether the index and tracked files are clean. */
  static final class CleanWorkTree implements CheckEvaluator {
    private final Engine engine;

    CleanWorkTree(Engine engine) {
      this.engine = engine;
    }

    @Override
    public CheckResult evaluate(CheckContext ctx) throws Exception {
      var repo = engine.repo.repository();
      engine.repo.workTree("checking the work tree");
      try (ObjectReader r = repo.newObjectReader()) {
        ObjectId head = repo.resolve(Constants.HEAD + "^{tree}");
        WorkTreeStatus.Report report = WorkTreeStatus.scan(repo, r, head == null ? ObjectId.zeroId() : head);
        if (report.clean()) {
          return CheckResult.passed("the work tree of '" + engine.repo.dir() + "' is clean");
        }
        return CheckResult.failed(report.describe(engine.repo.dir())).withEvidence("dirtyPaths", report.paths())
            .withEvidence("dirtyCount", report.total());
      }
    }
  }
}
