package dev.rollback.git.internal;

import dev.rollback.git.Culprits;
import dev.rollback.git.GitException;
import dev.rollback.spi.CheckContext;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.CommitTimeRevFilter;

/** The handlers of {@link Culprits}: guardrails, the revert with trailers, the probe on one commit. */
final class CulpritHandlers {

  private CulpritHandlers() {}

  /** Whether a message carries our automatic-revert trailer. */
  static boolean ours(String message) {
    for (String line : message.split("\n")) {
      if (line.startsWith(Culprits.TRAILER + ":")) {
        return true;
      }
    }
    return false;
  }

  /** {@code git.guardrails}. */
  static final class Guardrails implements CheckEvaluator {
    private final Engine engine;

    Guardrails(Engine engine) {
      this.engine = engine;
    }

    @Override
    public CheckResult evaluate(CheckContext ctx) throws Exception {
      Duration maxAge = GitContracts.MAX_AGE.read(ctx);
      int maxPerDay = GitContracts.MAX_PER_DAY.optional(ctx).orElse(4);
      String marker = GitContracts.MARKER.read(ctx);
      Instant now = ctx.run().clock().instant();
      try (Session s = engine.session(ctx.run())) {
        RevCommit c;
        try {
          c = s.commit(GitContracts.COMMIT.read(ctx), "culprit");
        } catch (GitException e) {
          return CheckResult.failed(e.getMessage());
        }
        List<String> refused = new ArrayList<>();
        Instant at = c.getCommitterIdent().getWhenAsInstant();
        Duration age = Duration.between(at, now);
        if (age.compareTo(maxAge) > 0) {
          refused.add("the culprit " + Inputs.abbrev(c) + " is " + age.toHours() + "h old, more than the "
              + maxAge.toHours() + "h allowed (committed " + at + ")");
        }
        String message = c.getFullMessage();
        if (message.contains(marker)) {
          refused.add("the culprit's message holds the opt-out marker '" + marker + "'");
        }
        if (ours(message)) {
          refused.add("the culprit is one of our own automatic reverts (" + Culprits.TRAILER
              + " trailer): reverting it could loop; escalate to a person");
        }
        int today = 0;
        List<String> recent = new ArrayList<>();
        try (RevWalk w = new RevWalk(s.repo)) {
          w.setRevFilter(CommitTimeRevFilter.after(now.minus(Duration.ofDays(1)).toEpochMilli()));
          w.markStart(w.parseCommit(s.head()));
          for (RevCommit r : w) {
            if (ours(r.getFullMessage())) {
              today++;
              recent.add(r.name());
            }
          }
        }
        if (today >= maxPerDay) {
          refused.add(today + " automatic revert" + (today == 1 ? " was" : "s were") + " made in the last 24h"
              + " (" + Culprits.TRAILER + " trailer on HEAD's history), the most allowed is " + maxPerDay);
        }
        CheckResult r = refused.isEmpty()
            ? CheckResult.passed("every guardrail allows reverting " + Inputs.abbrev(c) + " automatically")
                .withValue(c.name())
            : CheckResult.failed("refused: " + String.join("; ", refused));
        return r.withEvidence("refused", refused).withEvidence("culpritAge", age)
            .withEvidence("revertsInLastDay", (long) today).withEvidence("recentReverts", recent);
      }
    }
  }

  /** {@code git.probePasses}. */
  static final class ProbePasses implements CheckEvaluator {
    private final Engine engine;

    ProbePasses(Engine engine) {
      this.engine = engine;
    }

    @Override
    public CheckResult evaluate(CheckContext ctx) throws Exception {
      BisectRun run = new BisectRun(engine, ctx);
      RevCommit c;
      try (Session s = engine.session(ctx.run())) {
        c = s.commit(GitContracts.REV.read(ctx), "rev");
      } catch (GitException e) {
        return CheckResult.failed(e.getMessage());
      }
      int exit;
      try {
        exit = run.probeOnce(c);
      } catch (GitException e) {
        return CheckResult.failed(e.getMessage());
      }
      String what = "`" + run.spec().probeName() + "` on " + Inputs.abbrev(c);
      return (exit == 0 ? CheckResult.passed(what + " exited 0").withValue(c.name())
          : CheckResult.failed(what + " exited " + exit + ": the revert does not fix the probe"))
          .withEvidence("exitCode", (long) exit).withEvidence("commit", c.name());
    }
  }

  /** {@code git.revertCulprit}: git's revert, {@code -m 1} for a merge, with our trailers. */
  static final class Revert implements StepHandler {
    private final Engine engine;

    Revert(Engine engine) {
      this.engine = engine;
    }

    @Override
    public StepPreview preview(StepContext ctx) throws Exception {
      if (GitContracts.REVERT_CULPRIT.unresolved(ctx).isPresent()) {
        return StepPreview.of("revert " + GitContracts.COMMIT.shown(ctx) + " with trailers (known at run time)");
      }
      try (Session s = engine.session(ctx.run())) {
        RevCommit c = s.commit(GitContracts.COMMIT.read(ctx), "culprit");
        return StepPreview.of("revert " + Inputs.abbrev(c) + " \"" + Picks.subject(c.getFullMessage())
            + "\" with trailers").withDetail("message", message(ctx, s, c));
      }
    }

    @Override
    public StepResult apply(StepContext ctx) throws Exception {
      try (Session s = engine.session(ctx.run())) {
        RevCommit c = s.commit(GitContracts.COMMIT.read(ctx), "culprit");
        s.requireClean(false);
        RevCommit head = s.head();
        s.walk.parseHeaders(c);
        int mainline = c.getParentCount() > 1 ? 1 : 0;
        List<Picks.Picked> p = Picks.compute(s.repo, s.walk, s.inserter, Picks.Op.REVERT, List.of(c), mainline, head,
            head.getTree().getId(), s.committer(), false);
        ObjectId tree = p.get(0).tree();
        if (tree.equals(head.getTree().getId())) {
          throw new GitException("reverting " + c.name() + " changes nothing: HEAD already has every file it changed"
              + " as it was before (is it reverted already?)");
        }
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(tree);
        cb.setParentId(head);
        cb.setAuthor(s.committer());
        cb.setCommitter(s.committer());
        String message = message(ctx, s, c);
        cb.setMessage(message);
        ObjectId id = s.inserter.insert(cb);
        s.advanceHead(head.getId(), id, head.getTree().getId(), tree, "revert: " + Picks.subject(c.getFullMessage()));
        return StepResult.of("reverted the culprit " + Inputs.abbrev(c) + " as " + Inputs.abbrev(id) + " with trailers")
            .withValue(id.name()).withOutput("message", message).withOutput("before", head.name())
            .withOutput("culprit", c.name()).withOutput("subject", Picks.subject(c.getFullMessage()))
            .withOutput("author", c.getAuthorIdent().getName() + " <" + c.getAuthorIdent().getEmailAddress() + ">")
            .withEvidence("reverted", c.name());
      }
    }

    @Override
    public Probe isApplied(StepContext ctx) throws Exception {
      try (Session s = engine.session(ctx.run())) {
        RevCommit c = s.commit(GitContracts.COMMIT.read(ctx), "culprit");
        for (RevCommit made : Safety.newCommits(s, s.head())) {
          String m = made.getFullMessage();
          if (m.contains("This reverts commit " + c.name()) && m.contains("Rollback-Run: " + ctx.run().runId())) {
            return Probe.applied(StepResult.of("the culprit " + Inputs.abbrev(c) + " was reverted as "
                + Inputs.abbrev(made)).withValue(made.name()).withOutput("message", m)
                .withOutput("before", made.getParent(0).name()).withOutput("culprit", c.name())
                .withOutput("subject", Picks.subject(c.getFullMessage()))
                .withOutput("author", c.getAuthorIdent().getName() + " <" + c.getAuthorIdent().getEmailAddress()
                    + ">").withEvidence("reverted", c.name()));
          }
        }
        return Probe.notApplied();
      }
    }

    private static String message(StepContext ctx, Session s, RevCommit c) throws java.io.IOException {
      s.walk.parseHeaders(c);
      RevCommit parent = c.getParentCount() > 0 ? c.getParent(0) : null;
      if (parent != null) {
        s.walk.parseHeaders(parent);
      }
      String how = GitContracts.FOUND_BY.read(ctx).replace('\n', ' ').strip();
      return Picks.revertMessage(c, parent, c.getParentCount() > 1 ? 1 : 0) + "\n"
          + "Reverts: " + c.name() + "\n"
          + "Rollback-Run: " + ctx.run().runId() + "\n"
          + "Found-By: " + how + "\n"
          + Culprits.TRAILER + ": auto\n";
    }
  }
}
