package dev.rollback.git.internal;

import dev.rollback.spi.RunContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The remote side of the audit: for every remote ref the run pushed, every commit reachable from the value it had
 * before the run's first push of it (fetched then and kept under {@code refs/rollback/<run>/remote/...}) must still
 * be reachable from some ref of the remote, or from a ref here (a backup counts). The remote's refs are listed once
 * per remote; the walks stop at what the remote's refs reach, so they cost what changed.
 */
final class RemoteAudit {

  private final List<Map<String, Object>> refs;
  private final long lost;
  private final long keptOnlyByBackups;
  private final long notOnRemote;

  private RemoteAudit(List<Map<String, Object>> refs, long lost, long keptOnlyByBackups, long notOnRemote) {
    this.refs = refs;
    this.lost = lost;
    this.keptOnlyByBackups = keptOnlyByBackups;
    this.notOnRemote = notOnRemote;
  }

  long lost() {
    return lost;
  }

  static RemoteAudit of(Engine engine, RunContext run, Repository repo) throws IOException {
    String pushed = run.recall(PushStep.PUSHED_REFS_KEY).orElse("");
    if (pushed.isBlank()) {
      return new RemoteAudit(List.of(), 0, 0, 0);
    }
    Map<String, Map<String, ObjectId>> byRemote = new LinkedHashMap<>();
    List<Map<String, Object>> out = new ArrayList<>();
    long lost = 0;
    long kept = 0;
    long gone = 0;
    List<ObjectId> localRefs = new ArrayList<>();
    List<ObjectId> everyLocalRef = new ArrayList<>();
    for (Ref r : repo.getRefDatabase().getRefs()) {
      if (r.getObjectId() == null) {
        continue;
      }
      everyLocalRef.add(r.getObjectId());
      if (!r.getName().startsWith("refs/rollback/")) {
        localRefs.add(r.getObjectId());
      }
    }
    for (String line : pushed.split("\n")) {
      int sp = line.indexOf(' ');
      if (sp < 1) {
        continue;
      }
      String remote = line.substring(0, sp);
      String ref = line.substring(sp + 1);
      Map<String, ObjectId> remoteNow = byRemote.get(remote);
      if (remoteNow == null) {
        remoteNow = Remotes.list(engine, remote);
        byRemote.put(remote, remoteNow);
      }
      String beforeText = run.recall(PushStep.beforeKey(remote, ref)).orElse(Leases.ABSENT);
      ObjectId now = remoteNow.get(ref);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("remote", remote);
      e.put("ref", ref);
      e.put("before", beforeText);
      e.put("now", Trees.shown(now));
      e.put("backup", PushStep.backupRef(run, remote, ref));
      List<ObjectId> remoteTips = new ArrayList<>();
      int unknown = 0;
      for (ObjectId id : remoteNow.values()) {
        if (repo.getObjectDatabase().has(id)) {
          remoteTips.add(id);
        } else {
          unknown++;
        }
      }
      long refLost = 0;
      List<String> onlyBackups = new ArrayList<>();
      long refGone = 0;
      if (!beforeText.equals(Leases.ABSENT)) {
        ObjectId before = ObjectId.fromString(beforeText);
        List<String> notOnRemote = new ArrayList<>();
        walk(repo, before, remoteTips, notOnRemote);
        refGone = notOnRemote.size();
        if (refGone > 0) {
          List<String> lostHere = new ArrayList<>();
          List<ObjectId> except = new ArrayList<>(remoteTips);
          except.addAll(everyLocalRef);
          walk(repo, before, except, lostHere);
          refLost = lostHere.size();
          List<String> notOnBranches = new ArrayList<>();
          List<ObjectId> exceptBranches = new ArrayList<>(remoteTips);
          exceptBranches.addAll(localRefs);
          walk(repo, before, exceptBranches, notOnBranches);
          notOnBranches.removeAll(lostHere);
          onlyBackups = notOnBranches;
          if (!lostHere.isEmpty()) {
            e.put("lostCommits", lostHere.subList(0, Math.min(20, lostHere.size())));
          }
        }
      }
      e.put("commitsNoLongerOnRemote", refGone);
      e.put("commitsLost", refLost);
      e.put("commitsKeptOnlyByBackups", onlyBackups.size());
      e.put("keptOnlyByBackups", onlyBackups.subList(0, Math.min(20, onlyBackups.size())));
      if (unknown > 0) {
        e.put("remoteRefsNotKnownHere", unknown);
      }
      out.add(e);
      lost += refLost;
      kept += onlyBackups.size();
      gone += refGone;
    }
    return new RemoteAudit(out, lost, kept, gone);
  }

  void addTo(Map<String, Object> evidence) {
    if (refs.isEmpty()) {
      return;
    }
    evidence.put("remoteRefsPushed", refs.size());
    evidence.put("remoteCommitsLost", lost);
    evidence.put("remoteCommitsNoLongerOnRemote", notOnRemote);
    evidence.put("remoteCommitsKeptOnlyByBackups", keptOnlyByBackups);
    evidence.put("remoteRefs", refs);
  }

  String summary() {
    if (refs.isEmpty()) {
      return "";
    }
    String s = "; on the remote, " + refs.size() + " ref" + (refs.size() == 1 ? "" : "s") + " pushed";
    if (notOnRemote == 0) {
      return s + ", and every commit " + (refs.size() == 1 ? "it" : "they") + " held before is still there";
    }
    return s + ", " + notOnRemote + " commit" + (notOnRemote == 1 ? "" : "s") + " " + (refs.size() == 1 ? "it"
        : "they") + " held before " + (notOnRemote == 1 ? "is" : "are") + " no longer on the remote"
        + (keptOnlyByBackups > 0 ? ", " + keptOnlyByBackups + " of them kept only by the backups under "
        + "refs/rollback/" : "");
  }

  /** Collects the commits reachable from {@code from} and not from {@code except}. */
  private static void walk(Repository repo, ObjectId from, List<ObjectId> except, List<String> collect)
      throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      walk.setRetainBody(false);
      RevObject start = peel(walk, from);
      if (!(start instanceof RevCommit)) {
        return;
      }
      walk.markStart((RevCommit) start);
      for (ObjectId id : except) {
        RevObject o = peel(walk, id);
        if (o instanceof RevCommit) {
          walk.markUninteresting((RevCommit) o);
        }
      }
      for (RevCommit c : walk) {
        collect.add(c.name());
      }
    }
  }

  private static RevObject peel(RevWalk walk, ObjectId id) throws IOException {
    try {
      RevObject o = walk.parseAny(id);
      while (o instanceof RevTag) {
        o = walk.parseAny(((RevTag) o).getObject());
      }
      return o;
    } catch (MissingObjectException e) {
      return null;
    }
  }
}
