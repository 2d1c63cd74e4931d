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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pins, at assessment, the remote values the plan's leased pushes will expect, like
 * {@code git push --force-with-lease=<ref>:<value seen at assessment>}. Values are remembered in the run, so a
 * resumed run leases against what was seen when it started, not what is there when it resumes.
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

  static void pin(Engine engine, RunContext run) throws IOException {
    Map<String, Set<String>> refsByRemote = new LinkedHashMap<>();
    Set<String> snapshot = new LinkedHashSet<>();
    for (Step step : steps(run.plan())) {
      if (!step.kind().equals(GitSteps.PUSH) || !Boolean.TRUE.equals(step.params().get("lease"))) {
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
    for (Map.Entry<String, Set<String>> e : refsByRemote.entrySet()) {
      String remote = e.getKey();
      boolean needed = snapshot.contains(remote) && run.recall(snapshotKey(remote)).isEmpty();
      for (String ref : e.getValue()) {
        needed |= run.recall(key(remote, ref)).isEmpty();
      }
      if (!needed) {
        continue;
      }
      Map<String, ObjectId> refs = Remotes.list(engine, remote);
      for (String ref : e.getValue()) {
        if (run.recall(key(remote, ref)).isEmpty()) {
          ObjectId id = refs.get(ref);
          run.remember(key(remote, ref), id == null ? ABSENT : id.name());
          LOG.info("pinned lease for {} {} at {}", remote, ref, id == null ? ABSENT : id.name());
        }
      }
      if (snapshot.contains(remote) && run.recall(snapshotKey(remote)).isEmpty()) {
        Map<String, String> heads = new TreeMap<>();
        refs.forEach((name, id) -> {
          if (name.startsWith(Constants.R_HEADS)) {
            heads.put(name, id.name());
          }
        });
        StringBuilder b = new StringBuilder();
        heads.forEach((name, id) -> b.append(name).append(' ').append(id).append('\n'));
        run.remember(snapshotKey(remote), b.toString());
      }
    }
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
      throw new GitException("no lease was pinned for " + remote + " " + ref + " when the run was assessed, so the"
          + " push cannot be guarded; the push must be part of the plan the run started with");
    }
    return pinned.get().equals(ABSENT) ? ObjectId.zeroId() : ObjectId.fromString(pinned.get());
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
