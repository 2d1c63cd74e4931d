package dev.rollback.git.internal;

import dev.rollback.Unit;
import dev.rollback.spi.Measurement;
import dev.rollback.spi.SignalContext;
import dev.rollback.spi.SignalSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** The Git signals. Measuring observes only. */
final class GitSignalSources {

  private GitSignalSources() {}

  /** {@code git rev-list --count <rev>..<head>}. */
  static final class CommitsSince implements SignalSource {
    private final Engine engine;

    CommitsSince(Engine engine) {
      this.engine = engine;
    }

    @Override
    public Measurement measure(SignalContext ctx) throws Exception {
      try (Session s = engine.session(ctx.run())) {
        String rev = GitContracts.REV.read(ctx);
        String headRev = GitContracts.HEAD.optional(ctx).orElse(Constants.HEAD);
        RevCommit base = s.commit(rev, "revision");
        RevCommit head = s.commit(headRev, "head");
        RevWalk walk = s.walk;
        walk.reset();
        walk.setRevFilter(RevFilter.ALL);
        walk.setTreeFilter(TreeFilter.ALL);
        walk.setRetainBody(false);
        walk.markStart(head);
        walk.markUninteresting(base);
        int n = 0;
        for (RevCommit ignored : walk) {
          n++;
        }
        return Measurement.of(n, Unit.COUNT, n + " commit" + (n == 1 ? "" : "s") + " on " + headRev + " since "
            + rev + " (" + Inputs.abbrev(base) + ")").withEvidence("base", base.name()).withEvidence("head", head.name());
      }
    }
  }

  /** Seconds since a commit was committed. */
  static final class CommitAge implements SignalSource {
    private final Engine engine;

    CommitAge(Engine engine) {
      this.engine = engine;
    }

    @Override
    public Measurement measure(SignalContext ctx) throws Exception {
      try (Session s = engine.session(ctx.run())) {
        String rev = GitContracts.REV.read(ctx);
        RevCommit c = s.commit(rev, "revision");
        return age(c, ctx.run().clock().instant(), rev);
      }
    }
  }

  /** Seconds since the newest commit matching a pattern. */
  static final class LastMatchAge implements SignalSource {
    private final Engine engine;

    LastMatchAge(Engine engine) {
      this.engine = engine;
    }

    @Override
    public Measurement measure(SignalContext ctx) throws Exception {
      try (Session s = engine.session(ctx.run())) {
        Map<String, Object> params = Map.of("grep", GitContracts.GREP.read(ctx));
        List<RevCommit> found = History.search(s, params, ctx.run().clock(), "newest");
        if (found.isEmpty()) {
          return Measurement.unknown(Unit.SECONDS, "no commit on HEAD matches /" + params.get("grep") + "/");
        }
        return age(found.get(0), ctx.run().clock().instant(), "the last commit matching /" + params.get("grep")
            + "/");
      }
    }
  }

  private static Measurement age(RevCommit c, Instant now, String what) {
    Instant when = c.getCommitterIdent().getWhenAsInstant();
    long seconds = Math.max(0, Duration.between(when, now).getSeconds());
    return Measurement.of(seconds, Unit.SECONDS, what + " (" + Inputs.abbrev(c) + ") was committed at " + when)
        .withEvidence("commit", c.name()).withEvidence("committedAt", when.toString());
  }
}
