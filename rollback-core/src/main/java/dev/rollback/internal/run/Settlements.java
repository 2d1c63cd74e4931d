package dev.rollback.internal.run;

import dev.rollback.Phase;
import dev.rollback.RollbackException;
import dev.rollback.RollbackPlan;
import dev.rollback.Step;
import dev.rollback.internal.PlanParts;
import dev.rollback.run.Settlement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An operator's settlement of cut-off work, checked against the journal: the step it names must be the one the
 * interruption left undecided (a step started but never finished, or its undo).
 */
final class Settlements {

  private Settlements() {}

  /** A step or undo the journal shows started and never finished. */
  private record Pending(String key, String step, String phase, boolean undo, Object attempt) {
    String describe() {
      return (undo ? "the undo of step '" : "step '") + step + "' in phase '" + phase + "'";
    }
  }

  /**
   * The journal record of a settlement, to append.
   *
   * @param plan the plan, to tell whether the step binds an output
   * @param runId the run
   * @param records the journal's records
   * @param x the settlement
   * @param at now
   * @return the record: type, at, key, then its fields
   * @throws RollbackException when the step is not waiting for a settlement, or is settled as done though it binds
   *     an output no settlement can give
   */
  static Map<String, Object> record(RollbackPlan plan, String runId, List<Map<String, Object>> records, Settlement x,
      Instant at) {
    List<Pending> pending = pending(records);
    Pending p = null;
    for (Pending candidate : pending) {
      if (candidate.step().equals(x.step())) {
        p = candidate;
      }
    }
    if (p == null) {
      throw new RollbackException("step '" + x.step() + "' of run " + runId + " is not waiting to be settled: "
          + state(records, x.step()) + (pending.isEmpty() ? "; no step of the run is, so resume it without --step"
          : "; the step waiting is " + pending.get(pending.size() - 1).describe()) + ". Nothing was recorded");
    }
    if (x.verdict() == Settlement.Verdict.DONE && !p.undo()) {
      for (Phase ph : PlanParts.phases(plan, true)) {
        if (!ph.name().equals(p.phase())) {
          continue;
        }
        for (Step st : ph.steps()) {
          if (st.name().equals(p.step()) && st.output().isPresent()) {
            throw new RollbackException("step '" + x.step() + "' of run " + runId + " binds output '"
                + st.output().get() + "', whose value no settlement can give, so it cannot be settled as done; settle"
                + " it with --redo (Settlement.redo) to run it again. Nothing was recorded");
          }
        }
      }
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("type", JournalRecords.SETTLED);
    r.put("at", at.toString());
    r.put("key", p.key());
    r.put("attempt", p.attempt() == null ? 1L : p.attempt());
    r.put("phase", p.phase());
    r.put("step", p.step());
    r.put("subject", p.describe());
    r.put("verdict", x.verdict().name());
    r.put("reason", x.reason());
    r.put("by", x.by());
    return r;
  }

  /** The steps and undos that started and never finished, in journal order. */
  private static List<Pending> pending(List<Map<String, Object>> records) {
    Map<String, List<Map<String, Object>>> byKey = new LinkedHashMap<>();
    for (Map<String, Object> r : records) {
      Object key = r.get("key");
      if (key instanceof String && (((String) key).startsWith("step:") || ((String) key).startsWith("undo:"))) {
        byKey.computeIfAbsent((String) key, k -> new ArrayList<>()).add(r);
      }
    }
    List<Pending> out = new ArrayList<>();
    for (Map.Entry<String, List<Map<String, Object>>> e : byKey.entrySet()) {
      List<Map<String, Object>> rs = e.getValue();
      Map<String, Object> last = rs.get(rs.size() - 1);
      Object type = last.get("type");
      boolean undo = e.getKey().startsWith("undo:");
      Map<String, Object> start = null;
      for (Map<String, Object> r : rs) {
        if ((undo ? JournalRecords.UNDO_STARTED : JournalRecords.STEP_STARTED).equals(r.get("type"))) {
          start = r;
        }
      }
      if (start == null) {
        continue;
      }
      boolean open = undo ? rs.stream().noneMatch(r -> JournalRecords.UNDO_FINISHED.equals(r.get("type")))
          : JournalRecords.STEP_STARTED.equals(type) || JournalRecords.STEP_PROBED.equals(type)
              || JournalRecords.RECOVERED.equals(type) || JournalRecords.SETTLED.equals(type);
      if (open) {
        out.add(new Pending(e.getKey(), String.valueOf(start.get("step")), String.valueOf(start.get("phase")), undo,
            undo ? last.getOrDefault("attempt", start.get("attempt")) : last.getOrDefault("attempt",
            start.get("attempt"))));
      }
    }
    return out;
  }

  /** What the journal says of a step, for the message refusing to settle it. */
  private static String state(List<Map<String, Object>> records, String step) {
    String state = null;
    for (Map<String, Object> r : records) {
      if (!(r.get("key") instanceof String) || !((String) r.get("key")).startsWith("step:")) {
        continue;
      }
      Object type = r.get("type");
      if (JournalRecords.STEP_STARTED.equals(type) && step.equals(r.get("step"))) {
        state = "it started";
      } else if (state != null && JournalRecords.STEP_APPLIED.equals(type) && matches(records, r, step)) {
        state = "it was applied";
      } else if (state != null && JournalRecords.STEP_FAILED.equals(type) && matches(records, r, step)) {
        state = Boolean.TRUE.equals(r.get("final")) ? "it failed" : "it failed and will be tried again";
      }
    }
    return state == null ? "the run never started a step of that name" : state;
  }

  /** Whether a record belongs to the step of that name (its key's start record names it). */
  private static boolean matches(List<Map<String, Object>> records, Map<String, Object> r, String step) {
    Object key = r.get("key");
    for (Map<String, Object> x : records) {
      if (key.equals(x.get("key")) && JournalRecords.STEP_STARTED.equals(x.get("type"))) {
        return step.equals(x.get("step"));
      }
    }
    return false;
  }
}
