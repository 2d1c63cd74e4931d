package dev.rollback.git.internal;

import dev.rollback.git.GitException;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;

/** {@code git tag <name> <commit>} and {@code git tag -a -m <message> <name> <commit>}. */
final class TagStep implements StepHandler {

  private final Engine engine;

  TagStep(Engine engine) {
    this.engine = engine;
  }

  @Override
  public StepPreview preview(StepContext ctx) throws Exception {
    if (GitContracts.TAG.unresolved(ctx).isPresent()) {
      return StepPreview.of(ctx.step().name() + " (known at run time)");
    }
    try (Session s = engine.session(ctx.run())) {
      String ref = Inputs.tagRef(GitContracts.NAME.read(ctx));
      RevCommit target = s.commit(GitContracts.TARGET.read(ctx), "commit to tag");
      StepPreview p = StepPreview.of("tag " + Inputs.abbrev(target) + " \"" + Picks.subject(target.getFullMessage())
          + "\" as " + Repository.shortenRefName(ref)).withDetail("tag", ref).withDetail("commit", target.name());
      ObjectId existing = s.ref(ref);
      if (existing != null) {
        return p.wouldFail("tag '" + Repository.shortenRefName(ref) + "' already exists");
      }
      s.moveRef(ref, ObjectId.zeroId(), target, "");
      return p;
    }
  }

  @Override
  public StepResult apply(StepContext ctx) throws Exception {
    try (Session s = engine.session(ctx.run())) {
      String ref = Inputs.tagRef(GitContracts.NAME.read(ctx));
      RevCommit target = s.commit(GitContracts.TARGET.read(ctx), "commit to tag");
      ObjectId existing = s.ref(ref);
      if (existing != null) {
        throw new GitException("tag '" + Repository.shortenRefName(ref) + "' already exists (at " + existing.name()
            + "); git would refuse to create it");
      }
      String message = GitContracts.MESSAGE.optional(ctx).orElse(null);
      ObjectId value = target;
      if (message != null) {
        TagBuilder t = new TagBuilder();
        t.setObjectId(target);
        t.setTag(Repository.shortenRefName(ref));
        t.setTagger(s.committer());
        t.setMessage(Messages.cleanup(message));
        value = s.inserter.insert(t);
        s.writeObjects();
      }
      s.moveRef(ref, ObjectId.zeroId(), value, "tag: " + Repository.shortenRefName(ref));
      return result(ref, value, target);
    }
  }

  private static StepResult result(String ref, ObjectId value, ObjectId target) {
    return StepResult.of("tagged " + Inputs.abbrev(target) + " as " + Repository.shortenRefName(ref))
        .withValue(ref).withOutput("tag", ref).withOutput("at", value.name()).withOutput("commit", target.name());
  }

  @Override
  public Probe isApplied(StepContext ctx) throws Exception {
    try (Session s = engine.session(ctx.run())) {
      String ref = Inputs.tagRef(GitContracts.NAME.read(ctx));
      RevCommit target = s.commit(GitContracts.TARGET.read(ctx), "commit to tag");
      ObjectId existing = s.ref(ref);
      if (existing == null) {
        return Probe.notApplied();
      }
      if (peel(s, existing).equals(target)) {
        return Probe.applied(result(ref, existing, target));
      }
      return Probe.unknown("tag " + ref + " exists but points to " + existing.name() + ", not " + target.name());
    }
  }

  private static ObjectId peel(Session s, ObjectId id) throws IOException {
    RevObject o = s.walk.parseAny(id);
    while (o instanceof RevTag) {
      o = s.walk.parseAny(((RevTag) o).getObject());
    }
    return o.getId();
  }

  @Override
  public boolean canCompensate(StepContext ctx) {
    return true;
  }

  @Override
  public StepResult compensate(StepContext ctx, StepResult applied) throws Exception {
    try (Session s = engine.session(ctx.run())) {
      String ref = String.valueOf(applied.outputs().get("tag"));
      ObjectId at = ObjectId.fromString(String.valueOf(applied.outputs().get("at")));
      ObjectId now = s.ref(ref);
      if (now == null) {
        return StepResult.of("tag " + Repository.shortenRefName(ref) + " is gone already");
      }
      if (!now.equals(at)) {
        throw new GitException("cannot delete tag " + Repository.shortenRefName(ref) + ": it points to " + now.name()
            + ", not " + at.name() + " as this step made it; it is left as it is");
      }
      s.moveRef(ref, at, ObjectId.zeroId(), "rollback: undo tag");
      return StepResult.of("deleted tag " + Repository.shortenRefName(ref));
    }
  }
}
