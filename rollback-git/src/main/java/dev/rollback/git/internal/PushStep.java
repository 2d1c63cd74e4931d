package dev.rollback.git.internal;

import dev.rollback.git.GitException;
import dev.rollback.git.LeaseRejectedException;
import dev.rollback.spi.Probe;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.ReflogEntry;
import org.eclipse.jgit.lib.ReflogReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * {@code git push <remote> <branch>} (fast-forward only), {@code git push --force-with-lease <remote> <branch>}
 * (fast-forward only, the lease on the remote-tracking ref taken at assessment, see {@link Leases}) and, for a step
 * that says it rewrites history, {@code git push --force-with-lease --force-if-includes}. Before any push the
 * remote's current value is fetched and kept under {@code refs/rollback/<run>/remote/<remote>/<ref>}, so whatever
 * the push replaces stays recoverable, and the audit can prove it.
 */
final class PushStep implements StepHandler {

  /** The remote refs this run pushed, one {@code <remote> <ref>} a line, for the audit. */
  static final String PUSHED_REFS_KEY = "git.remote.pushed";

  private final Engine engine;

  PushStep(Engine engine) {
    this.engine = engine;
  }

  private record Target(String remote, String localRef, String remoteRef, boolean lease, boolean rewrite) {
    String shown() {
      return remote + " " + Repository.shortenRefName(localRef)
          + (localRef.equals(remoteRef) ? "" : ":" + Repository.shortenRefName(remoteRef));
    }
  }

  private static Target target(StepContext ctx) {
    String local = Inputs.branchRef(GitContracts.BRANCH.read(ctx));
    String remote = Inputs.branchRef(GitContracts.REMOTE_BRANCH.optional(ctx).orElse(GitContracts.BRANCH.read(ctx)));
    return new Target(GitContracts.REMOTE.read(ctx), local, remote, GitContracts.LEASE.optional(ctx).orElse(false),
        GitContracts.REWRITE.optional(ctx).orElse(false));
  }

  /** The key under which the remote's value before this run's first push of a ref is remembered. */
  static String beforeKey(String remote, String ref) {
    return "git.remote.before." + remote + "." + ref;
  }

  /** Where the remote's value before this run's first push of a ref is kept. */
  static String backupRef(RunContext run, String remote, String ref) {
    String prefix = run.recall(Safety.PREFIX_KEY).orElse(Safety.prefix(run.runId()));
    return prefix + "remote/" + remote.replaceAll("[^A-Za-z0-9._-]", "-") + "/" + ref;
  }

  /** The value the lease expects: the plan's, else what this run pushed, else the remote-tracking ref's. */
  private ObjectId expected(Session s, StepContext ctx, Target t) throws IOException {
    if (ctx.params().containsKey("expect") && ctx.run().recall(Leases.pushedKey(t.remote(), t.remoteRef())).isEmpty()) {
      String text = GitContracts.EXPECT.read(ctx);
      if (text.equals(Leases.ABSENT)) {
        return ObjectId.zeroId();
      }
      return s.commit(text, "value the lease expects").copy();
    }
    return Leases.expected(ctx.run(), t.remote(), t.remoteRef());
  }

  private String leaseSource(Session s, StepContext ctx, Target t) {
    if (ctx.params().containsKey("expect")) {
      return "the value the plan names";
    }
    String tracking = Leases.trackingRef(s.repo, t.remote(), t.remoteRef());
    String fetched = ctx.run().recall(Leases.fetchedKey(t.remote())).map(at -> "fetched when the run was assessed, at "
        + at).orElse("not fetched by this run: " + Leases.freshness(s.repo, t.remote(), t.remoteRef(),
        ctx.run().clock().instant()) + "; GitSteps.fetch(\"" + t.remote() + "\") or --fetch refreshes it");
    return (tracking == null ? "no remote-tracking ref, so the ref must be absent on " + t.remote()
        : Repository.shortenRefName(tracking)) + " (" + fetched + ")";
  }

  @Override
  public StepPreview preview(StepContext ctx) throws Exception {
    if (GitContracts.PUSH.unresolved(ctx).isPresent()) {
      return StepPreview.of(ctx.step().name() + " (branch known at run time)");
    }
    try (Session s = engine.session(ctx.run())) {
      Target t = target(ctx);
      ObjectId local = s.ref(t.localRef());
      StepPreview p = StepPreview.of((t.rewrite() ? "push, rewriting history (IRREVERSIBLE), "
          : t.lease() ? "push with lease " : "push ") + t.shown());
      if (local == null) {
        return p.wouldFail("branch '" + Repository.shortenRefName(t.localRef()) + "' does not exist");
      }
      Map<String, ObjectId> remoteRefs = Remotes.list(engine, t.remote());
      ObjectId now = remoteRefs.get(t.remoteRef());
      p = p.withDetail("pushes", local.name()).withDetail("remoteNow", Trees.shown(now));
      if (local.equals(now)) {
        return p.withDetail("upToDate", true);
      }
      ObjectId expected = null;
      if (t.lease()) {
        expected = expected(s, ctx, t);
        p = p.withDetail("lease", Trees.shown(expected)).withDetail("leaseFrom", leaseSource(s, ctx, t));
        if (!same(expected, now)) {
          return p.wouldFail(new LeaseRejectedException(t.remote(), t.remoteRef(), Trees.shown(expected),
              Trees.shown(now)).getMessage());
        }
      }
      if (now != null && !isAncestor(s, now, local)) {
        if (!t.rewrite()) {
          return p.wouldFail(notFastForward(t, now));
        }
        String excluded = notIncluded(s, ctx, t, expected, local);
        if (excluded != null) {
          return p.wouldFail(excluded);
        }
        p = p.withWarning("this push REWRITES " + t.remote() + " " + t.remoteRef() + ": " + now.name()
            + " is not an ancestor of " + local.name() + "; the old value is kept under "
            + backupRef(ctx.run(), t.remote(), t.remoteRef()));
      }
      return p;
    }
  }

  private static String notFastForward(Target t, ObjectId now) {
    return "push of " + Repository.shortenRefName(t.localRef()) + " to " + t.remote() + " " + t.remoteRef()
        + " refused: not a fast-forward (" + t.remote() + " has " + Trees.shown(now) + ", which the branch does not"
        + " contain); nothing was overwritten. Bring their commits in first (fetch and merge or rebase), or, to"
        + " replace that history on purpose, use GitSteps.pushRewritingHistory, which needs approval";
  }

  /**
   * git's {@code --force-if-includes}, as git computes it: the value the lease expects must be reachable from the
   * local branch's tip or from one of its reflog entries made since the remote-tracking ref was last updated (and
   * the one entry before those); with no reflog for the tracking ref, only the newest entry counts. So a rewrite
   * never drops commits this clone fetched but never integrated.
   *
   * @return why the push is refused, or {@code null}
   */
  private static String notIncluded(Session s, StepContext ctx, Target t, ObjectId expected, ObjectId local)
      throws IOException {
    if (expected == null || expected.equals(ObjectId.zeroId()) || isAncestor(s, expected, local)) {
      return null;
    }
    java.time.Instant since = null;
    String tracking = Leases.trackingRef(s.repo, t.remote(), t.remoteRef());
    if (tracking != null) {
      ReflogReader trackingLog = s.repo.getRefDatabase().getReflogReader(tracking);
      ReflogEntry last = trackingLog == null ? null : trackingLog.getLastEntry();
      if (last != null) {
        since = last.getWho().getWhenAsInstant();
      }
    }
    ReflogReader log = s.repo.getRefDatabase().getReflogReader(t.localRef());
    List<ObjectId> collected = new java.util.ArrayList<>();
    if (log != null) {
      for (ReflogEntry e : log.getReverseEntries(1_000)) {
        if (e.getNewId().equals(expected)) {
          return null;
        }
        if (!e.getNewId().equals(ObjectId.zeroId())) {
          collected.add(e.getNewId());
        }
        if (since == null || e.getWho().getWhenAsInstant().isBefore(since)) {
          break;
        }
      }
    }
    for (ObjectId c : collected) {
      if (isAncestor(s, expected, c)) {
        return null;
      }
    }
    return "push of " + Repository.shortenRefName(t.localRef()) + " to " + t.remote() + " " + t.remoteRef()
        + " refused (--force-if-includes): the remote value the lease expects, " + expected.name() + ", is not"
        + " among what the local branch held since " + (tracking == null ? "the remote was last fetched"
        : Repository.shortenRefName(tracking) + " was last updated") + ", so rewriting could drop commits this"
        + " clone never integrated; nothing was overwritten. Integrate " + expected.name() + " first (merge it, or"
        + " reset the branch onto it and redo the change), then run again";
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
    } catch (MissingObjectException e) {
      return false;
    }
  }

  /**
   * Keeps the remote's current value of the target ref under the run's backup prefix: the first value seen in a run
   * under {@code remote/<remote>/<ref>}, another one seen later (not this run's own push) beside it with its id.
   * The value's objects must be in the repository.
   */
  private static void backUpRemote(Session s, RunContext run, Target t, ObjectId now) throws IOException {
    String name = backupRef(run, t.remote(), t.remoteRef());
    String key = beforeKey(t.remote(), t.remoteRef());
    if (run.recall(key).isEmpty()) {
      run.remember(key, Trees.shown(now));
      String pushed = run.recall(PUSHED_REFS_KEY).orElse("");
      String line = t.remote() + " " + t.remoteRef();
      if (!("\n" + pushed).contains("\n" + line + "\n")) {
        run.remember(PUSHED_REFS_KEY, pushed + line + "\n");
      }
    }
    if (now == null || run.recall(Leases.pushedKey(t.remote(), t.remoteRef())).map(now.name()::equals).orElse(false)) {
      return;
    }
    Ref existing = s.repo.exactRef(name);
    if (existing == null) {
      Trees.moveRef(s.repo, name, ObjectId.zeroId(), now, "rollback: " + t.remote() + " " + t.remoteRef()
          + " before the push");
    } else if (!existing.getObjectId().equals(now)) {
      String other = name + "-" + now.name().substring(0, 12);
      if (s.repo.exactRef(other) == null) {
        Trees.moveRef(s.repo, other, ObjectId.zeroId(), now, "rollback: " + t.remote() + " " + t.remoteRef()
            + " before a later push");
      }
    }
  }

  /**
   * A push connection whose advertised value of the target ref is in the repository: when it is not (someone
   * pushed what this clone never fetched), the value is fetched first and the connection opened again.
   */
  private Remotes.Pushing connect(Session s, Target t) throws IOException {
    Remotes.Pushing p = Remotes.pushing(engine, t.remote());
    for (int attempt = 0; attempt < 3; attempt++) {
      ObjectId now = p.value(t.remoteRef());
      if (now == null || s.repo.getObjectDatabase().has(now)) {
        return p;
      }
      p.close();
      Remotes.fetchValue(engine, t.remote(), t.remoteRef());
      p = Remotes.pushing(engine, t.remote());
    }
    p.close();
    throw new GitException("cannot back up " + t.remote() + " " + t.remoteRef() + " before the push: it keeps"
        + " moving while being fetched; nothing was pushed, try again");
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
      ObjectId expected = t.lease() ? expected(s, ctx, t) : null;
      String tracking = Leases.trackingRef(s.repo, t.remote(), t.remoteRef());
      RemoteRefUpdate update;
      String said;
      ObjectId now;
      try (Remotes.Pushing p = connect(s, t)) {
        now = p.value(t.remoteRef());
        backUpRemote(s, ctx.run(), t, now);
        if (local.equals(now)) {
          // As git: a remote already at the value pushed is up to date, whatever the lease; nothing is overwritten.
          ctx.run().remember(Leases.pushedKey(t.remote(), t.remoteRef()), local.name());
          if (!t.lease()) {
            ctx.run().remember(plainBeforeKey(t), Trees.shown(now));
          }
          return result(t, now, local, true);
        }
        if (t.lease() && !same(expected, now)) {
          throw new LeaseRejectedException(t.remote(), t.remoteRef(), Trees.shown(expected), Trees.shown(now));
        }
        if (!t.lease()) {
          ctx.run().remember(plainBeforeKey(t), Trees.shown(now));
        }
        if (now != null && !isAncestor(s, now, local)) {
          if (!t.rewrite()) {
            throw new GitException(notFastForward(t, now));
          }
          String excluded = notIncluded(s, ctx, t, expected, local);
          if (excluded != null) {
            throw new GitException(excluded);
          }
        }
        update = new RemoteRefUpdate(s.repo, t.localRef(), local, t.remoteRef(), t.rewrite(), tracking,
            t.lease() ? expected : null);
        p.push(update);
        said = p.messages();
      }
      switch (update.getStatus()) {
        case OK:
        case UP_TO_DATE:
          break;
        default:
          ObjectId actual = Remotes.list(engine, t.remote()).get(t.remoteRef());
          if (t.lease() && !same(expected, actual)) {
            throw new LeaseRejectedException(t.remote(), t.remoteRef(), Trees.shown(expected), Trees.shown(actual));
          }
          if (!t.lease() && actual != null && !actual.equals(now)) {
            throw new GitException(notFastForward(t, actual));
          }
          throw new GitException(refused(t, update, said));
      }
      if (tracking != null) {
        // What git does after a push: the remote-tracking ref follows.
        org.eclipse.jgit.lib.RefUpdate u = s.repo.updateRef(tracking);
        u.setNewObjectId(local);
        u.setForceUpdate(true);
        u.setRefLogMessage("update by push", false);
        u.update();
      }
      ctx.run().remember(Leases.pushedKey(t.remote(), t.remoteRef()), local.name());
      ObjectId before = t.lease() ? expected : now;
      return result(t, before, local, false);
    }
  }

  /** The remote's refusal in its own words (a hook's output, a protected branch), and what to do. */
  static String refused(Target t, RemoteRefUpdate done, String said) {
    StringBuilder b = new StringBuilder(t.remote() + " refused the push of "
        + Repository.shortenRefName(t.localRef()) + " to " + t.remoteRef());
    String reason = done.getMessage();
    b.append(": ").append(reason == null || reason.isBlank() ? describe(done.getStatus()) : Inputs.printable(reason));
    if (said != null && !said.isBlank()) {
      b.append(". The remote said:");
      for (String line : said.strip().split("\r?\n")) {
        b.append("\n  ").append(Inputs.printable(line.strip()));
      }
      b.append('\n');
    } else {
      b.append(". ");
    }
    b.append("Nothing was changed on ").append(t.remote()).append(" and the local branch is as it was. ");
    String all = ((reason == null ? "" : reason) + " " + (said == null ? "" : said)).toLowerCase(java.util.Locale.ROOT);
    if (all.contains("protected")) {
      b.append("The branch is protected: push to another branch and open a pull request, or ask an administrator to"
          + " allow this push.");
    } else if (all.contains("hook")) {
      b.append("A hook on the remote declined it: fix what it names, or ask the remote's administrators.");
    } else {
      b.append("Fix what the remote names, then run again.");
    }
    return b.toString();
  }

  private static String describe(RemoteRefUpdate.Status status) {
    switch (status) {
      case REJECTED_NODELETE:
        return "the remote does not allow deleting refs";
      case REJECTED_OTHER_REASON:
        return "the remote declined it without saying why";
      case NON_EXISTING:
        return "the remote ref does not exist";
      default:
        return "the remote answered " + status;
    }
  }

  private static String plainBeforeKey(Target t) {
    return "git.push." + t.remote() + "." + t.remoteRef() + ".before";
  }

  private static StepResult result(Target t, ObjectId before, ObjectId after, boolean upToDate) {
    String summary = upToDate ? t.remote() + " " + t.remoteRef() + " is already at " + Inputs.abbrev(after)
        : "pushed " + Inputs.abbrev(after) + " to " + t.remote() + " " + t.remoteRef()
            + (t.lease() ? " (lease: " + Trees.shown(before) + ")" : "")
            + (t.rewrite() ? ", rewriting its history" : "");
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
        before = ctx.params().containsKey("expect") ? expected(s, ctx, t)
            : Leases.pinned(ctx.run(), t.remote(), t.remoteRef());
      } else {
        String b = ctx.run().recall(plainBeforeKey(t)).orElse(Leases.ABSENT);
        before = b.equals(Leases.ABSENT) ? ObjectId.zeroId() : ObjectId.fromString(b);
      }
      return Probe.applied(result(t, before, local, false));
    }
  }

  @Override
  public boolean canCompensate(StepContext ctx) {
    return !GitContracts.LEASE.optional(ctx).orElse(false);
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
          : new RemoteRefUpdate(s.repo, null, ObjectId.fromString(beforeText), remoteRef, true,
              Leases.trackingRef(s.repo, remote, remoteRef), after);
      PushResult result = Remotes.push(engine, remote, List.of(undo));
      RemoteRefUpdate done = result.getRemoteUpdate(remoteRef);
      if (done.getStatus() == RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED) {
        Ref advertised = result.getAdvertisedRef(remoteRef);
        throw new LeaseRejectedException(remote, remoteRef, after.name(),
            Trees.shown(advertised == null ? null : advertised.getObjectId()));
      }
      if (done.getStatus() != RemoteRefUpdate.Status.OK && done.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
        throw new GitException("could not undo the push to " + remote + " " + remoteRef + ": "
            + refused(new Target(remote, remoteRef, remoteRef, false, false), done, result.getMessages()));
      }
      ctx.run().remember(Leases.pushedKey(remote, remoteRef), beforeText.equals(Leases.ABSENT)
          ? ObjectId.zeroId().name() : beforeText);
      return StepResult.of(beforeText.equals(Leases.ABSENT) ? "deleted " + remoteRef + " from " + remote + " again"
          : "moved " + remote + " " + remoteRef + " back to " + beforeText.substring(0, 7));
    }
  }
}
