package dev.rollback.git.internal;

import dev.rollback.git.GitException;
import dev.rollback.git.LeaseRejectedException;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * {@code git push <remote> <branch>} (fast-forward only) and
 * {@code git push --force-with-lease=<branch>:<pinned> <remote> <branch>}, the lease pinned at assessment.
 */
final class PushStep implements StepHandler {

  private final Engine engine;

  PushStep(Engine engine) {
    this.engine = engine;
  }

  private record Target(String remote, String localRef, String remoteRef, boolean lease) {
    String shown() {
      return remote + " " + Repository.shortenRefName(localRef)
          + (localRef.equals(remoteRef) ? "" : ":" + Repository.shortenRefName(remoteRef));
    }
  }

  private static Target target(StepContext ctx) {
    String local = Inputs.branchRef(Args.text(ctx, "branch"));
    String remote = Inputs.branchRef(Args.text(ctx, "remoteBranch", Args.text(ctx, "branch")));
    return new Target(Args.text(ctx, "remote"), local, remote, Args.flag(ctx, "lease", false));
  }

  @Override
  public StepPreview preview(StepContext ctx) throws Exception {
    if (Args.unresolved(ctx, "branch", "remoteBranch", "remote") != null) {
      return StepPreview.of(ctx.step().name() + " (branch known at run time)");
    }
    try (Session s = engine.session(ctx.run())) {
      Target t = target(ctx);
      ObjectId local = s.ref(t.localRef());
      StepPreview p = StepPreview.of((t.lease() ? "push with lease " : "push ") + t.shown());
      if (local == null) {
        return p.wouldFail("branch '" + Repository.shortenRefName(t.localRef()) + "' does not exist");
      }
      Map<String, ObjectId> remoteRefs = Remotes.list(engine, t.remote());
      ObjectId now = remoteRefs.get(t.remoteRef());
      p = p.withDetail("pushes", local.name()).withDetail("remoteNow", Trees.shown(now));
      if (t.lease()) {
        ObjectId expected = Leases.expected(ctx.run(), t.remote(), t.remoteRef());
        p = p.withDetail("lease", Trees.shown(expected));
        if (!same(expected, now)) {
          return p.wouldFail(new LeaseRejectedException(t.remote(), t.remoteRef(), Trees.shown(expected),
              Trees.shown(now)).getMessage());
        }
        if (now != null && !isAncestor(s, now, local)) {
          p = p.withWarning("this push rewrites " + t.remote() + " " + t.remoteRef() + ": " + now.name()
              + " is not an ancestor of " + local.name());
        }
      } else if (now != null && !isAncestor(s, now, local)) {
        return p.wouldFail("not a fast-forward: " + t.remote() + " has " + t.remoteRef() + " at " + now.name()
            + ", which " + Repository.shortenRefName(t.localRef()) + " does not contain");
      }
      return p;
    }
  }

  private static boolean same(ObjectId expected, ObjectId now) {
    return expected.equals(ObjectId.zeroId()) ? now == null : expected.equals(now);
  }

  private static boolean isAncestor(Session s, ObjectId older, ObjectId newer) throws IOException {
    try {
      RevCommit o = s.walk.parseCommit(older);
      RevCommit n = s.walk.parseCommit(newer);
      s.walk.reset();
      return s.walk.isMergedInto(o, n);
    } catch (org.eclipse.jgit.errors.MissingObjectException e) {
      return false;
    }
  }

  @Override
  public StepResult apply(StepContext ctx) throws Exception {
    try (Session s = engine.session(ctx.run())) {
      Target t = target(ctx);
      Ref localRef = s.repo.exactRef(t.localRef());
      if (localRef == null || localRef.getObjectId() == null) {
        throw new GitException("branch '" + Repository.shortenRefName(t.localRef()) + "' does not exist in '"
            + engine.repo.dir() + "'; nothing to push");
      }
      ObjectId local = localRef.getObjectId();
      ObjectId expected;
      if (t.lease()) {
        expected = Leases.expected(ctx.run(), t.remote(), t.remoteRef());
      } else {
        ObjectId before = Remotes.list(engine, t.remote()).get(t.remoteRef());
        ctx.run().remember(beforeKey(t), Trees.shown(before));
        expected = null;
      }
      RemoteRefUpdate update = new RemoteRefUpdate(s.repo, t.localRef(), local, t.remoteRef(), t.lease(),
          trackingRef(s, t), expected);
      PushResult result = Remotes.push(engine, t.remote(), List.of(update));
      RemoteRefUpdate done = result.getRemoteUpdate(t.remoteRef());
      Ref advertised = result.getAdvertisedRef(t.remoteRef());
      ObjectId old = advertised == null ? null : advertised.getObjectId();
      switch (done.getStatus()) {
        case OK:
        case UP_TO_DATE:
          break;
        case REJECTED_REMOTE_CHANGED:
          throw new LeaseRejectedException(t.remote(), t.remoteRef(), Trees.shown(expected), Trees.shown(old));
        case REJECTED_NONFASTFORWARD:
          throw new GitException("push of " + Repository.shortenRefName(t.localRef()) + " to " + t.remote() + " "
              + t.remoteRef() + " rejected: not a fast-forward (" + t.remote() + " has " + Trees.shown(old)
              + ", which the branch does not contain); nothing was overwritten");
        default:
          String why = done.getMessage() == null ? "" : ": " + done.getMessage();
          if (t.lease() && !same(expected, Remotes.list(engine, t.remote()).get(t.remoteRef()))) {
            ObjectId actual = Remotes.list(engine, t.remote()).get(t.remoteRef());
            throw new LeaseRejectedException(t.remote(), t.remoteRef(), Trees.shown(expected), Trees.shown(actual));
          }
          throw new GitException("push of " + Repository.shortenRefName(t.localRef()) + " to " + t.remote() + " "
              + t.remoteRef() + " rejected (" + done.getStatus() + ")" + why);
      }
      ctx.run().remember(Leases.pushedKey(t.remote(), t.remoteRef()), local.name());
      ObjectId before = t.lease() ? expected : old;
      return result(t, before, local, done.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE);
    }
  }

  /** The remote-tracking ref git updates after a push ({@code refs/remotes/origin/main}), from the fetch specs. */
  private static String trackingRef(Session s, Target t) throws IOException {
    try {
      org.eclipse.jgit.transport.RemoteConfig rc = new org.eclipse.jgit.transport.RemoteConfig(s.repo.getConfig(),
          t.remote());
      for (org.eclipse.jgit.transport.RefSpec spec : rc.getFetchRefSpecs()) {
        if (spec.matchSource(t.remoteRef())) {
          return spec.expandFromSource(t.remoteRef()).getDestination();
        }
      }
      return null;
    } catch (java.net.URISyntaxException e) {
      throw new GitException("remote '" + t.remote() + "' has an invalid URL: " + e.getMessage(), e);
    }
  }

  private static String beforeKey(Target t) {
    return "git.push." + t.remote() + "." + t.remoteRef() + ".before";
  }

  private static StepResult result(Target t, ObjectId before, ObjectId after, boolean upToDate) {
    String summary = upToDate ? t.remote() + " " + t.remoteRef() + " is already at " + Args.abbrev(after)
        : "pushed " + Args.abbrev(after) + " to " + t.remote() + " " + t.remoteRef()
            + (t.lease() ? " (lease: " + Trees.shown(before) + ")" : "");
    return StepResult.of(summary).withValue(after.name())
        .withOutput("remote", t.remote()).withOutput("remoteRef", t.remoteRef())
        .withOutput("before", Trees.shown(before)).withOutput("after", after.name())
        .withOutput("lease", t.lease());
  }

  @Override
  public Probe isApplied(StepContext ctx) throws Exception {
    try (Session s = engine.session(ctx.run())) {
      Target t = target(ctx);
      ObjectId local = s.ref(t.localRef());
      ObjectId remote = Remotes.list(engine, t.remote()).get(t.remoteRef());
      if (local == null || remote == null || !remote.equals(local)) {
        return Probe.notApplied();
      }
      ObjectId before;
      if (t.lease()) {
        before = Leases.pinned(ctx.run(), t.remote(), t.remoteRef());
      } else {
        String b = ctx.run().recall(beforeKey(t)).orElse(Leases.ABSENT);
        before = b.equals(Leases.ABSENT) ? ObjectId.zeroId() : ObjectId.fromString(b);
      }
      return Probe.applied(result(t, before, local, false));
    }
  }

  @Override
  public boolean canCompensate(StepContext ctx) {
    return !Args.flag(ctx, "lease", false);
  }

  @Override
  public StepResult compensate(StepContext ctx, StepResult applied) throws Exception {
    try (Session s = engine.session(ctx.run())) {
      Map<String, Object> out = applied.outputs();
      if (Boolean.TRUE.equals(out.get("lease"))) {
        throw new GitException("a push with a lease is irreversible; it is not undone");
      }
      String remote = String.valueOf(out.get("remote"));
      String remoteRef = String.valueOf(out.get("remoteRef"));
      String beforeText = String.valueOf(out.get("before"));
      ObjectId after = ObjectId.fromString(String.valueOf(out.get("after")));
      RemoteRefUpdate undo = beforeText.equals(Leases.ABSENT)
          ? new RemoteRefUpdate(s.repo, (String) null, remoteRef, true, null, after)
          : new RemoteRefUpdate(s.repo, null, ObjectId.fromString(beforeText), remoteRef, true, null, after);
      PushResult result = Remotes.push(engine, remote, List.of(undo));
      RemoteRefUpdate done = result.getRemoteUpdate(remoteRef);
      if (done.getStatus() == RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED) {
        Ref advertised = result.getAdvertisedRef(remoteRef);
        throw new LeaseRejectedException(remote, remoteRef, after.name(),
            Trees.shown(advertised == null ? null : advertised.getObjectId()));
      }
      if (done.getStatus() != RemoteRefUpdate.Status.OK && done.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
        throw new GitException("could not undo the push to " + remote + " " + remoteRef + ": " + done.getStatus()
            + (done.getMessage() == null ? "" : " " + done.getMessage()));
      }
      ctx.run().remember(Leases.pushedKey(remote, remoteRef), beforeText.equals(Leases.ABSENT)
          ? ObjectId.zeroId().name() : beforeText);
      return StepResult.of(beforeText.equals(Leases.ABSENT) ? "deleted " + remoteRef + " from " + remote + " again"
          : "moved " + remote + " " + remoteRef + " back to " + beforeText.substring(0, 7));
    }
  }
}
