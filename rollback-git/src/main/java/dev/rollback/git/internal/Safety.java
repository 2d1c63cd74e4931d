package dev.rollback.git.internal;

import dev.rollback.git.GitException;
import dev.rollback.spi.Audit;
import dev.rollback.spi.RunContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefDatabase;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The promise that nothing is lost: before the run's first change, every ref is copied under
 * {@code refs/rollback/<run>/} (one atomic batch, so even thousands of refs cost one write of {@code packed-refs});
 * commits a compensation moves a branch away from are kept there too; after the run, a walk proves that every
 * commit reachable before is still reachable. The walk starts at the tips before the run and stops at every commit
 * a ref reaches now, so it costs what changed, not the length of the history.
 */
final class Safety {

  private static final Logger LOG = LoggerFactory.getLogger(Safety.class);

  static final String PREFIX_KEY = "git.backup.prefix";
  static final String HEAD_KEY = "git.head.before";
  /** The distinct values of every ref before the run, so the audit does not depend on the backups surviving. */
  static final String TIPS_KEY = "git.tips.before";

  private Safety() {}

  /** Where this run's backups live: {@code refs/rollback/<run id>/}. */
  static String prefix(String runId) {
    StringBuilder b = new StringBuilder();
    for (char c : runId.toCharArray()) {
      b.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '-');
    }
    String id = b.toString().replaceAll("\\.\\.+", "-").replaceAll("^[.-]+", "");
    if (id.isEmpty() || id.endsWith(".lock") || id.endsWith(".")) {
      id = "run-" + Integer.toHexString(runId.hashCode());
    }
    return "refs/rollback/" + id + "/";
  }

  /** Refuses a dirty work tree and copies every ref (and HEAD's commit) under the run's prefix. */
  static void backup(Engine engine, RunContext run) throws IOException {
    if (run.recall(PREFIX_KEY).isPresent()) {
      return;
    }
    long started = System.nanoTime();
    Repository repo = engine.repo.repository();
    if (!engine.repo.isBare()) {
      try (ObjectReader r = repo.newObjectReader()) {
        ObjectId headTree = repo.resolve(Constants.HEAD + "^{tree}");
        WorkTreeStatus.requireClean(repo, r, headTree == null ? ObjectId.zeroId() : headTree);
      }
      engine.scannedFully(run);
    }
    long checked = System.nanoTime();
    String prefix = prefix(run.runId());
    RefDatabase db = repo.getRefDatabase();
    BatchRefUpdate batch = db.newBatchUpdate();
    batch.setAtomic(true);
    batch.setRefLogMessage("rollback: backup before run " + run.runId(), false);
    int count = 0;
    for (Ref r : db.getRefs()) {
      if (r.isSymbolic() || r.getObjectId() == null || r.getName().startsWith("refs/rollback/")
          || r.getName().equals(Constants.HEAD)) {
        continue;
      }
      addBackup(db, batch, prefix + r.getName(), r.getObjectId(), run.runId());
      count++;
    }
    Ref head = repo.exactRef(Constants.HEAD);
    if (head != null && head.getObjectId() != null) {
      addBackup(db, batch, prefix + Constants.HEAD, head.getObjectId(), run.runId());
    }
    if (!batch.getCommands().isEmpty()) {
      try (RevWalk rw = new RevWalk(repo)) {
        batch.execute(rw, NullProgressMonitor.INSTANCE);
      }
      // An atomic batch fails every command when one cannot be locked: name the one that was.
      for (ReceiveCommand c : batch.getCommands()) {
        if (c.getResult() == ReceiveCommand.Result.LOCK_FAILURE) {
          throw Trees.lockFailure(repo, c.getRefName(), "back up " + Repository.shortenRefName(c.getRefName()
              .substring(prefix.length())) + " as " + c.getRefName() + " before the run", null);
        }
      }
      for (ReceiveCommand c : batch.getCommands()) {
        if (c.getResult() != ReceiveCommand.Result.OK) {
          throw new GitException("could not back up " + c.getRefName() + " before the run: " + c.getResult()
              + (c.getMessage() == null ? "" : " " + c.getMessage()));
        }
      }
    }
    java.util.Set<String> tips = new java.util.TreeSet<>();
    for (Ref r : db.getRefsByPrefix(prefix)) {
      tips.add(r.getObjectId().name());
    }
    run.remember(TIPS_KEY, String.join(" ", tips));
    run.remember(PREFIX_KEY, prefix);
    run.remember("git.backup.count", Integer.toString(count));
    if (head != null) {
      run.remember(HEAD_KEY, head.isSymbolic() ? head.getTarget().getName()
          : head.getObjectId() == null ? "" : head.getObjectId().name());
      if (head.getObjectId() != null) {
        run.remember(HEAD_KEY + ".id", head.getObjectId().name());
      }
    }
    LOG.info("backed up {} refs of {} under {} ({} ms, of which {} ms checking the work tree)", count,
        engine.repo.dir(), prefix, (System.nanoTime() - started) / 1_000_000, (checked - started) / 1_000_000);
  }

  /**
   * Adds the creation of a backup ref; one left by an attempt of the same run that crashed before it was remembered
   * is kept when it holds the same value.
   */
  private static void addBackup(RefDatabase db, BatchRefUpdate batch, String name, ObjectId id, String runId)
      throws IOException {
    Ref existing = db.exactRef(name);
    if (existing == null) {
      batch.addCommand(new ReceiveCommand(ObjectId.zeroId(), id, name));
    } else if (!id.equals(existing.getObjectId())) {
      throw new GitException("backup ref " + name + " already exists with another value (" + Trees.shown(
          existing.getObjectId()) + "); run id '" + runId + "' was used before, and run ids must not be reused");
    }
  }

  /**
   * Keeps a commit reachable under the run's prefix before a compensation moves a ref away from it.
   *
   * @return the ref that keeps it
   */
  static String keep(Session s, String what, ObjectId id) throws IOException {
    String prefix = s.run.recall(PREFIX_KEY).orElse(prefix(s.run.runId()));
    String name = prefix + "kept/" + what.replaceAll("[^A-Za-z0-9._/-]", "-") + "-" + id.name().substring(0, 12);
    Ref existing = s.repo.exactRef(name);
    if (existing == null) {
      Trees.moveRef(s.repo, name, ObjectId.zeroId(), id, "rollback: keep " + id.name());
    }
    return name;
  }

  /**
   * The commits reachable from {@code tip} that did not exist before the run (not reachable from any backed-up
   * ref), newest first; empty when the run has no backups yet.
   */
  static List<RevCommit> newCommits(Session s, ObjectId tip) throws IOException {
    Optional<String> prefix = s.run.recall(PREFIX_KEY);
    if (prefix.isEmpty()) {
      return List.of();
    }
    RevWalk walk = s.walk;
    walk.reset();
    walk.setRevFilter(org.eclipse.jgit.revwalk.filter.RevFilter.ALL);
    walk.setTreeFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ALL);
    walk.markStart(walk.parseCommit(tip));
    for (Ref r : s.repo.getRefDatabase().getRefsByPrefix(prefix.get())) {
      if (r.getName().startsWith(prefix.get() + "kept/")) {
        continue;
      }
      RevObject o = peel(walk, r.getObjectId());
      if (o instanceof RevCommit) {
        walk.markUninteresting((RevCommit) o);
      }
    }
    List<RevCommit> out = new ArrayList<>();
    for (RevCommit c : walk) {
      out.add(c);
    }
    return out;
  }

  /** Proves that every commit reachable from a ref before the run is reachable from a ref now. */
  static Audit audit(Engine engine, RunContext run) throws IOException {
    Optional<String> prefix = run.recall(PREFIX_KEY);
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("repository", engine.repo.dir().toString());
    if (prefix.isEmpty()) {
      return new Audit("git", true, "no Git step changed the repository, so every commit is where it was",
          evidence);
    }
    Repository repo = engine.repo.repository();
    String pre = prefix.get();
    Map<String, ObjectId> before = new TreeMap<>();
    Map<String, ObjectId> now = new TreeMap<>();
    List<String> kept = new ArrayList<>();
    for (Ref r : repo.getRefDatabase().getRefs()) {
      if (r.getObjectId() == null) {
        continue;
      }
      if (r.getName().startsWith(pre)) {
        String original = r.getName().substring(pre.length());
        if (original.startsWith("kept/")) {
          kept.add(r.getName());
        } else if (original.startsWith("remote/")) {
          continue;
        } else {
          before.put(original, r.getObjectId());
        }
      } else if (!r.isSymbolic()) {
        now.put(r.getName(), r.getObjectId());
      }
    }
    Ref head = repo.exactRef(Constants.HEAD);
    if (head != null && head.getObjectId() != null && !head.isSymbolic()) {
      now.put(Constants.HEAD, head.getObjectId());
    }
    List<String> moved = new ArrayList<>();
    List<String> created = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    before.forEach((name, id) -> {
      if (name.equals(Constants.HEAD)) {
        return;
      }
      ObjectId after = now.get(name);
      if (after == null) {
        deleted.add(name + " (was " + id.name() + ")");
      } else if (!after.equals(id)) {
        moved.add(name + " " + id.name() + " -> " + after.name());
      }
    });
    now.forEach((name, id) -> {
      if (!before.containsKey(name) && !name.startsWith("refs/rollback/") && !name.equals(Constants.HEAD)) {
        created.add(name + " " + id.name());
      }
    });
    List<ObjectId> tipsBefore = new ArrayList<>(before.values());
    run.recall(TIPS_KEY).ifPresent(t -> {
      for (String id : t.split(" ")) {
        if (!id.isEmpty()) {
          tipsBefore.add(ObjectId.fromString(id));
        }
      }
    });
    // Two walks from the tips before the run, each stopping at what a ref reaches now: they visit only the commits
    // that something other than the backups no longer reaches, not the whole history.
    List<String> lost = new ArrayList<>();
    long onlyInBackups;
    try (RevWalk walk = new RevWalk(repo)) {
      walk.setRetainBody(false);
      List<ObjectId> everyRefNow = new ArrayList<>(now.values());
      for (Ref r : repo.getRefDatabase().getRefsByPrefix("refs/rollback/")) {
        everyRefNow.add(r.getObjectId());
      }
      count(walk, tipsBefore, everyRefNow, lost);
    }
    try (RevWalk walk = new RevWalk(repo)) {
      walk.setRetainBody(false);
      onlyInBackups = count(walk, tipsBefore, now.values(), null);
    }
    // Both counts are of the refs a user sees: branches, tags, remote-tracking refs; not HEAD, not the backups.
    int refsBefore = (int) before.keySet().stream().filter(n -> !n.equals(Constants.HEAD)).count();
    int refsNow = (int) now.keySet().stream()
        .filter(n -> !n.equals(Constants.HEAD) && !n.startsWith("refs/rollback/")).count();
    RemoteAudit remote = RemoteAudit.of(engine, run, repo);
    evidence.put("backupPrefix", pre);
    evidence.put("refsBefore", refsBefore);
    evidence.put("refsNow", refsNow);
    evidence.put("commitsLost", lost.size());
    evidence.put("commitsKeptOnlyByBackups", onlyInBackups);
    evidence.put("movedRefs", moved);
    evidence.put("createdRefs", created);
    evidence.put("deletedRefs", deleted);
    evidence.put("keptRefs", kept);
    remote.addTo(evidence);
    if (!lost.isEmpty() || remote.lost() > 0) {
      if (!lost.isEmpty()) {
        evidence.put("lostCommits", lost.subList(0, Math.min(20, lost.size())));
      }
      String summary = lost.isEmpty() ? "" : lost.size() + " commit" + (lost.size() == 1 ? "" : "s")
          + " reachable from the " + refsBefore + " refs before the run " + (lost.size() == 1 ? "is" : "are")
          + " no longer reachable from any ref";
      if (remote.lost() > 0) {
        summary += (summary.isEmpty() ? "" : "; ") + remote.lost() + " commit" + (remote.lost() == 1 ? "" : "s")
            + " the remote held before the run's pushes " + (remote.lost() == 1 ? "is" : "are") + " reachable from"
            + " no ref of the remote, nor from any ref or backup here";
      }
      return new Audit("git", false, summary, evidence);
    }
    String summary = "every commit reachable from the " + refsBefore
        + " refs before the run is still reachable; " + moved.size() + " ref" + (moved.size() == 1 ? "" : "s")
        + " moved, " + created.size() + " created; backups under " + pre;
    if (onlyInBackups > 0) {
      summary += "; " + onlyInBackups + " commit" + (onlyInBackups == 1 ? " is" : "s are")
          + " now reachable only through those backups";
    }
    summary += remote.summary();
    return new Audit("git", true, summary, evidence);
  }

  /** Counts the commits reachable from {@code from} and not from {@code except}, collecting them when asked. */
  private static long count(RevWalk walk, Iterable<ObjectId> from, Iterable<ObjectId> except, List<String> collect)
      throws IOException {
    boolean any = false;
    for (ObjectId id : from) {
      RevObject o = peel(walk, id);
      if (o instanceof RevCommit) {
        walk.markStart((RevCommit) o);
        any = true;
      }
    }
    if (!any) {
      return 0;
    }
    for (ObjectId id : except) {
      RevObject o = peel(walk, id);
      if (o instanceof RevCommit) {
        walk.markUninteresting((RevCommit) o);
      }
    }
    long n = 0;
    for (RevCommit c : walk) {
      n++;
      if (collect != null) {
        collect.add(c.name());
      }
    }
    return n;
  }

  private static RevObject peel(RevWalk walk, ObjectId id) throws IOException {
    try {
      RevObject o = walk.parseAny(id);
      while (o instanceof RevTag) {
        o = walk.parseAny(((RevTag) o).getObject());
      }
      return o;
    } catch (org.eclipse.jgit.errors.MissingObjectException e) {
      return null;
    }
  }
}
