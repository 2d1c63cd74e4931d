package dev.rollback.git.internal;

import dev.rollback.git.GitException;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;

/** The read-only steps: they observe, so a preview runs them for real. */
final class ReadSteps {

  private ReadSteps() {}

  /** Finds one commit ({@code oldest}, {@code newest}) or lists them ({@code all}). */
  static final class FindCommit implements StepHandler {
    private final Engine engine;

    FindCommit(Engine engine) {
      this.engine = engine;
    }

    @Override
    public StepPreview preview(StepContext ctx) {
      return StepPreview.of("find " + pick(ctx) + " " + History.describe(ctx.params()));
    }

    @Override
    public StepResult apply(StepContext ctx) throws Exception {
      try (Session s = engine.session(ctx.run())) {
        return find(s, ctx.params(), pick(ctx), ctx.run().clock());
      }
    }

    static String pick(dev.rollback.spi.CallContext ctx) {
      return String.valueOf(ctx.params().getOrDefault("pick", "newest"));
    }

    static StepResult find(Session s, Map<String, Object> params, String pick, java.time.Clock clock)
        throws java.io.IOException {
      List<RevCommit> found = History.search(s, params, clock, pick);
      String what = History.describe(params);
      String shallow = Shallow.searchNote(s.repo);
      String note = shallow.isEmpty() ? "" : " (" + shallow + ")";
      if (pick.equals("all")) {
        List<String> ids = new ArrayList<>();
        found.forEach(c -> ids.add(c.name()));
        StepResult r = StepResult.of(found.size() + " commit" + (found.size() == 1 ? "" : "s") + " " + what + note)
            .withValue(ids).withEvidence("search", what);
        return shallow.isEmpty() ? r : r.withOutput("shallow", shallow);
      }
      if (found.isEmpty()) {
        throw new GitException("no commit " + what + note);
      }
      RevCommit c = found.get(0);
      StepResult r = StepResult.of("the " + pick + " commit " + what + " is " + Inputs.abbrev(c) + " "
          + Picks.subject(c.getFullMessage()) + note).withValue(c.name());
      for (Map.Entry<String, Object> e : describe(c).entrySet()) {
        r = r.withOutput(e.getKey(), e.getValue());
      }
      if (!shallow.isEmpty()) {
        r = r.withOutput("shallow", shallow);
      }
      return r.withEvidence("search", what);
    }
  }

  /** What a commit is, as outputs. */
  static Map<String, Object> describe(RevCommit c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("short", Inputs.abbrev(c));
    m.put("subject", Picks.subject(c.getFullMessage()));
    m.put("author", c.getAuthorIdent().getName() + " <" + c.getAuthorIdent().getEmailAddress() + ">");
    m.put("date", c.getCommitterIdent().getWhenAsInstant().toString());
    return m;
  }

  /** Lists the files a commit changed. */
  static final class ChangedFiles implements StepHandler {
    private final Engine engine;

    ChangedFiles(Engine engine) {
      this.engine = engine;
    }

    @Override
    public StepPreview preview(StepContext ctx) {
      return StepPreview.of("list the files changed by " + ctx.params().get("commit"));
    }

    @Override
    public StepResult apply(StepContext ctx) throws Exception {
      try (Session s = engine.session(ctx.run())) {
        RevCommit c = s.commit(GitContracts.COMMIT.read(ctx), "commit");
        List<String> files = History.changedFiles(s, c);
        return StepResult.of(Inputs.abbrev(c) + " changed " + files.size() + " file" + (files.size() == 1 ? "" : "s"))
            .withValue(files).withOutput("commit", c.name());
      }
    }
  }

  /** Tells whether a commit is reverted on HEAD. */
  static final class RevertStatus implements StepHandler {
    private final Engine engine;

    RevertStatus(Engine engine) {
      this.engine = engine;
    }

    @Override
    public StepPreview preview(StepContext ctx) {
      return StepPreview.of("check whether " + ctx.params().get("commit") + " is reverted on HEAD");
    }

    @Override
    public StepResult apply(StepContext ctx) throws Exception {
      try (Session s = engine.session(ctx.run())) {
        RevCommit c = s.commit(GitContracts.COMMIT.read(ctx), "commit");
        RevCommit by = History.revertedBy(s, c, s.head());
        if (by == null) {
          return StepResult.of(Inputs.abbrev(c) + " is in effect on HEAD (not reverted)").withValue(false)
              .withOutput("commit", c.name());
        }
        return StepResult.of(Inputs.abbrev(c) + " is reverted by " + Inputs.abbrev(by)).withValue(true)
            .withOutput("commit", c.name()).withOutput("by", by.name());
      }
    }
  }

  /** Resolves a revision to a commit id. */
  static final class Resolve implements StepHandler {
    private final Engine engine;

    Resolve(Engine engine) {
      this.engine = engine;
    }

    @Override
    public StepPreview preview(StepContext ctx) {
      return StepPreview.of("resolve " + ctx.params().get("rev"));
    }

    @Override
    public StepResult apply(StepContext ctx) throws Exception {
      try (Session s = engine.session(ctx.run())) {
        String rev = GitContracts.REV.read(ctx);
        RevCommit c = s.commit(rev, "revision");
        StepResult r = StepResult.of(rev + " is " + Inputs.abbrev(c) + " " + Picks.subject(c.getFullMessage()))
            .withValue(c.name());
        for (Map.Entry<String, Object> e : describe(c).entrySet()) {
          r = r.withOutput(e.getKey(), e.getValue());
        }
        return r;
      }
    }
  }
}
