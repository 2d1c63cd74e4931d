package dev.rollback.git.internal;

import dev.rollback.Phase;
import dev.rollback.Procedure;
import dev.rollback.RecoveryStrategy;
import dev.rollback.RefName;
import dev.rollback.RollbackPlan;
import dev.rollback.Step;
import dev.rollback.Template;
import dev.rollback.git.GitException;
import dev.rollback.git.GitSteps;
import dev.rollback.spi.RunContext;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values the plan's leased pushes expect, taken at assessment from what the local repository knows of each
 * remote: its remote-tracking ref ({@code refs/remotes/origin/main}), as {@code git push --force-with-lease} without
 * an explicit value does, absent when there is none. Those refs are refreshed first only when the plan fetches
 * ({@link GitSteps#fetch(String)}) or the adapter was told to ({@code --fetch}); otherwise a stale clone's leases
 * expect its stale values, and a remote that moved since makes the push fail instead of overwriting what it never
 * saw. Values are remembered in the run, so a resumed run leases against what was known when it started.
 */
final class Leases {

  private static final Logger LOG = LoggerFactory.getLogger(Leases.class);
  static final String ABSENT = "absent";

  private Leases() {}

  static String key(String remote, String ref) {
    return "git.lease." + remote + "." + ref;
  }

  /** What this run last pushed to a remote ref. */
  static String pushedKey(String remote, String ref) {
    return "git.pushed." + remote + "." + ref;
  }

  static String snapshotKey(String remote) {
    return "git.lease." + remote + ".heads";
  }

  /** When the run fetched a remote at assessment. */
  static String fetchedKey(String remote) {
    return "git.fetched." + remote;
  }

  /** Every step of the plan, in procedures and recovery strategies. */
  static List<Step> steps(RollbackPlan plan) {
    List<Step> out = new ArrayList<>();
    for (Procedure p : plan.procedures()) {
      out.addAll(p.steps());
    }
    for (RecoveryStrategy r : plan.recoveries()) {
      for (Phase ph : r.phases()) {
        out.addAll(ph.steps());
      }
    }
    return out;
  }

  /**
   * The remotes the run may read from the network at assessment and to deepen a shallow clone: those the plan's
   * {@link GitSteps#fetch(String)} steps name, and, when the adapter fetches at assessment, those its pushes name.
   */
  static Set<String> fetchedRemotes(Engine engine, RollbackPlan plan) {
    Set<String> out = new LinkedHashSet<>();
    for (Step step : steps(plan)) {
      if (step.kind().equals(GitSteps.FETCH)) {
        out.add(String.valueOf(step.params().get("remote")));
      } else if (engine.fetchAtAssessment && step.kind().equals(GitSteps.PUSH)) {
        out.add(String.valueOf(step.params().get("remote")));
      }
    }
    return out;
  }

  static void pin(Engine engine, RunContext run) throws IOException {
    for (String remote : fetchedRemotes(engine, run.plan())) {
      if (run.recall(fetchedKey(remote)).isEmpty()) {
        long started = System.nanoTime();
        Remotes.fetch(engine, remote, 0);
        run.remember(fetchedKey(remote), run.clock().instant().toString());
        LOG.info("fetched {} at assessment ({} ms)", remote, (System.nanoTime() - started) / 1_000_000);
      }
    }
    Map<String, Set<String>> refsByRemote = new LinkedHashMap<>();
    Set<String> snapshot = new LinkedHashSet<>();
    for (Step step : steps(run.plan())) {
      if (!step.kind().equals(GitSteps.PUSH) || !Boolean.TRUE.equals(step.params().get("lease"))
          || step.params().containsKey("expect")) {
        continue;
      }
      String remote = String.valueOf(step.params().get("remote"));
      Object rb = step.params().get("remoteBranch");
      String name = rb instanceof RefName ? ((RefName) rb).name() : String.valueOf(rb);
      Optional<String> filled = fill(name, run);
      if (filled.isPresent()) {
        refsByRemote.computeIfAbsent(remote, k -> new LinkedHashSet<>()).add(Inputs.branchRef(filled.get()));
      } else {
        refsByRemote.computeIfAbsent(remote, k -> new LinkedHashSet<>());
        snapshot.add(remote);
      }
    }
    Repository repo = engine.repo.repository();
    for (Map.Entry<String, Set<String>> e : refsByRemote.entrySet()) {
      String remote = e.getKey();
      Remotes.requireRemote(engine, remote);
      for (String ref : e.getValue()) {
        if (run.recall(key(remote, ref)).isEmpty()) {
          ObjectId id = tracked(repo, remote, ref);
          run.remember(key(remote, ref), id == null ? ABSENT : id.name());
          LOG.info("lease for {} {}: {} (its remote-tracking ref)", remote, ref, id == null ? ABSENT : id.name());
        }
      }
      if (snapshot.contains(remote) && run.recall(snapshotKey(remote)).isEmpty()) {
        Map<String, String> heads = new TreeMap<>();
        for (RefSpec spec : fetchSpecs(repo, remote)) {
          if (spec.getDestination() == null) {
            continue;
          }
          String prefix = spec.isWildcard() ? spec.getDestination().substring(0, spec.getDestination().indexOf('*'))
              : spec.getDestination();
          for (Ref r : repo.getRefDatabase().getRefsByPrefix(prefix)) {
            if (r.getObjectId() != null && spec.matchDestination(r.getName())) {
              String source = spec.expandFromDestination(r.getName()).getSource();
              if (source.startsWith(Constants.R_HEADS)) {
                heads.putIfAbsent(source, r.getObjectId().name());
              }
            }
          }
        }
        StringBuilder b = new StringBuilder();
        heads.forEach((name, id) -> b.append(name).append(' ').append(id).append('\n'));
        run.remember(snapshotKey(remote), b.toString());
      }
    }
  }

  /** The remote's fetch refspecs, as configured. */
  static List<RefSpec> fetchSpecs(Repository repo, String remote) {
    try {
      return new RemoteConfig(repo.getConfig(), remote).getFetchRefSpecs();
    } catch (java.net.URISyntaxException e) {
      throw new GitException("remote '" + remote + "' has an invalid URL: " + e.getMessage(), e);
    }
  }

  /** The remote-tracking ref git keeps for a remote ref ({@code refs/remotes/origin/main}), from the fetch specs. */
  static String trackingRef(Repository repo, String remote, String remoteRef) {
    for (RefSpec spec : fetchSpecs(repo, remote)) {
      if (spec.getDestination() != null && spec.matchSource(remoteRef)) {
        return spec.expandFromSource(remoteRef).getDestination();
      }
    }
    return null;
  }

  /** The value of the remote-tracking ref for a remote ref, or {@code null} when there is none. */
  static ObjectId tracked(Repository repo, String remote, String remoteRef) throws IOException {
    String tracking = trackingRef(repo, remote, remoteRef);
    if (tracking == null) {
      return null;
    }
    Ref r = repo.exactRef(tracking);
    return r == null ? null : r.getObjectId();
  }

  /**
   * How fresh the remote-tracking ref of a remote ref is, in words for a preview: when it was last updated (its
   * reflog), or when the repository last fetched (the time of {@code FETCH_HEAD}).
   */
  static String freshness(Repository repo, String remote, String remoteRef, java.time.Instant now) {
    String tracking = trackingRef(repo, remote, remoteRef);
    java.time.Instant when = null;
    String source = null;
    try {
      if (tracking != null) {
        org.eclipse.jgit.lib.ReflogReader log = repo.getRefDatabase().getReflogReader(tracking);
        org.eclipse.jgit.lib.ReflogEntry last = log == null ? null : log.getLastEntry();
        if (last != null) {
          when = last.getWho().getWhenAsInstant();
          source = "its reflog";
        }
      }
      if (when == null) {
        // A fresh clone: neither a reflog for the tracking ref nor FETCH_HEAD, but HEAD's first entry says when.
        org.eclipse.jgit.lib.ReflogReader head = repo.getRefDatabase().getReflogReader(Constants.HEAD);
        List<org.eclipse.jgit.lib.ReflogEntry> entries = head == null ? List.of() : head.getReverseEntries();
        if (!entries.isEmpty() && entries.get(entries.size() - 1).getComment().startsWith("clone:")) {
          when = entries.get(entries.size() - 1).getWho().getWhenAsInstant();
          source = "the clone, in HEAD's reflog";
        }
      }
      java.nio.file.Path fetchHead = repo.getDirectory().toPath().resolve("FETCH_HEAD");
      if (java.nio.file.Files.exists(fetchHead)) {
        java.time.Instant t = java.nio.file.Files.getLastModifiedTime(fetchHead).toInstant();
        if (when == null || t.isAfter(when)) {
          when = t;
          source = "FETCH_HEAD";
        }
      }
    } catch (IOException e) {
      LOG.debug("cannot tell when {} was last fetched", remote, e);
    }
    String what = tracking == null ? "no remote-tracking ref for " + remoteRef
        : Repository.shortenRefName(tracking);
    if (when == null) {
      return what + ": when it was last fetched is unknown (no reflog, no FETCH_HEAD)";
    }
    java.time.Duration age = java.time.Duration.between(when, now);
    return what + " was last updated " + ago(age) + " (" + when.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + ", from " + source + ")";
  }

  private static String ago(java.time.Duration age) {
    if (age.isNegative()) {
      return "just now";
    }
    long s = age.getSeconds();
    if (s < 120) {
      return s + " seconds ago";
    }
    if (s < 7_200) {
      return s / 60 + " minutes ago";
    }
    if (s < 172_800) {
      return s / 3_600 + " hours ago";
    }
    return s / 86_400 + " days ago";
  }

  /**
   * The value a leased push expects: what this run last pushed there, else the value pinned at assessment.
   *
   * @return the pinned id, {@link ObjectId#zeroId()} when the ref was absent
   * @throws GitException when nothing was pinned
   */
  static ObjectId expected(RunContext run, String remote, String ref) {
    Optional<String> ours = run.recall(pushedKey(remote, ref));
    if (ours.isPresent()) {
      // This run pushed the ref already: the lease now expects what it pushed, as git's remote-tracking ref would.
      return ObjectId.fromString(ours.get());
    }
    return pinned(run, remote, ref);
  }

  /**
   * The value pinned at assessment for a remote ref.
   *
   * @return the pinned id, {@link ObjectId#zeroId()} when the ref was absent
   * @throws GitException when nothing was pinned
   */
  static ObjectId pinned(RunContext run, String remote, String ref) {
    Optional<String> pinned = run.recall(key(remote, ref));
    if (pinned.isEmpty()) {
      Optional<String> heads = run.recall(snapshotKey(remote));
      if (heads.isPresent()) {
        for (String line : heads.get().split("\n")) {
          int sp = line.indexOf(' ');
          if (sp > 0 && line.substring(0, sp).equals(ref)) {
            return ObjectId.fromString(line.substring(sp + 1));
          }
        }
        return ObjectId.zeroId();
      }
      throw new GitException("no lease was taken for " + remote + " " + ref + " when the run was assessed, so the"
          + " push cannot be guarded; the push must be part of the plan the run started with");
    }
    return pinned.get().equals(ABSENT) ? ObjectId.zeroId() : ObjectId.fromString(pinned.get());
  }

  /**
   * After a fetch during the run, the leases of the remote's refs this run has not pushed yet expect the values
   * just fetched, as git's would.
   */
  static void refresh(Engine engine, RunContext run, String remote) throws IOException {
    Repository repo = engine.repo.repository();
    for (Step step : steps(run.plan())) {
      if (!step.kind().equals(GitSteps.PUSH) || !remote.equals(String.valueOf(step.params().get("remote")))) {
        continue;
      }
      Object rb = step.params().get("remoteBranch");
      Optional<String> filled = fill(rb instanceof RefName ? ((RefName) rb).name() : String.valueOf(rb), run);
      if (filled.isEmpty()) {
        continue;
      }
      String ref = Inputs.branchRef(filled.get());
      if (run.recall(pushedKey(remote, ref)).isPresent()) {
        continue;
      }
      ObjectId id = tracked(repo, remote, ref);
      run.remember(key(remote, ref), id == null ? ABSENT : id.name());
    }
  }

  /** Fills {@code {{name}}} placeholders from the run's outputs and built-ins, when all are known. */
  static Optional<String> fill(String text, RunContext run) {
    if (!text.contains("{{")) {
      return Optional.of(text);
    }
    try {
      return Optional.of(new Template(text).fill(name -> {
        Object v = run.outputs().get(name);
        if (v != null) {
          return v;
        }
        if (name.equals("run.id")) {
          return run.runId();
        }
        if (name.equals("run.date")) {
          return DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(run.startedAt());
        }
        return null;
      }));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
