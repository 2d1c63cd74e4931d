package dev.rollback.internal.run;

import dev.rollback.internal.journal.PlainJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The records of an interrupted run, indexed for the engine's second pass: by activity key, by type for
 * records without a key, the stages entered, the state adapters remembered. A fresh run has an empty replay.
 */
final class Replay {

  private static final Replay EMPTY = new Replay(List.of());

  private final Map<String, List<Map<String, Object>>> byKey = new HashMap<>();
  private final Map<String, List<Map<String, Object>>> byType = new HashMap<>();
  private final Set<String> stages = new HashSet<>();
  private final Map<String, String> remembered = new LinkedHashMap<>();
  private final List<Instant> resumedAt = new ArrayList<>();
  private final List<Map<String, Object>> interventions = new ArrayList<>();
  /** For each record that starts work (a step, an undo, a preparation): the process that wrote it. */
  private final Map<Map<String, Object>, Object> startedBy = new java.util.IdentityHashMap<>();
  private long cutOffPid;
  private Instant cutOffSince = Instant.EPOCH;

  private Replay(List<Map<String, Object>> records) {
    for (Map<String, Object> r : records) {
      String type = (String) r.get("type");
      if (JournalRecords.RUN.equals(type) || JournalRecords.RESUMED.equals(type)) {
        process(r.get("process"));
        if (JournalRecords.RUN.equals(type)) {
          continue;
        }
      }
      if (JournalRecords.FINISHED.equals(type)) {
        // A run that stopped (the only kind that goes on after its finished record) audits again at its new end.
        byKey.keySet().removeIf(k -> k.startsWith("audit:"));
        continue;
      }
      Object key = r.get("key");
      if (JournalRecords.STEP_STARTED.equals(type) || JournalRecords.UNDO_STARTED.equals(type)
          || JournalRecords.ADAPTER_PREPARING.equals(type)) {
        startedBy.put(r, process);
      }
      if (JournalRecords.RECOVERED.equals(type) || JournalRecords.SETTLED.equals(type)) {
        interventions.add(r);
      }
      if (key != null) {
        byKey.computeIfAbsent((String) key, k -> new ArrayList<>(4)).add(r);
      } else {
        byType.computeIfAbsent(type, k -> new ArrayList<>(2)).add(r);
      }
      if (JournalRecords.STAGE.equals(type)) {
        stages.add((String) r.get("stage"));
      } else if (JournalRecords.REMEMBER.equals(type)) {
        remembered.put((String) r.get("name"), (String) r.get("value"));
      } else if (JournalRecords.RESUMED.equals(type)) {
        resumedAt.add(at(r));
      }
    }
  }

  private Object process;

  @SuppressWarnings("unchecked")
  private void process(Object p) {
    process = p;
    if (p instanceof Map) {
      Map<String, Object> m = (Map<String, Object>) p;
      cutOffPid = m.get("pid") instanceof Number ? ((Number) m.get("pid")).longValue() : 0L;
      cutOffSince = m.get("since") instanceof String ? PlainJson.instant((String) m.get("since")) : Instant.EPOCH;
    } else {
      cutOffPid = 0L;
      cutOffSince = Instant.EPOCH;
    }
  }

  /** What earlier resumes recovered or settled, in journal order. */
  List<Map<String, Object>> interventions() {
    return interventions;
  }

  /**
   * The process that started cut-off work: the one that wrote the activity's last start record (a step or undo
   * started, a preparation announced), since later resumes that stopped before going on changed nothing; the last
   * process when the activity has no start record.
   *
   * @param recs the activity's records
   * @return the process's id (0 when unknown) and when it started working on the run (the epoch when unknown)
   */
  @SuppressWarnings("unchecked")
  Map.Entry<Long, Instant> startedBy(List<Map<String, Object>> recs) {
    for (int i = recs.size() - 1; i >= 0; i--) {
      if (startedBy.containsKey(recs.get(i))) {
        Object p = startedBy.get(recs.get(i));
        if (!(p instanceof Map)) {
          return Map.entry(0L, Instant.EPOCH);
        }
        Map<String, Object> m = (Map<String, Object>) p;
        return Map.entry(m.get("pid") instanceof Number ? ((Number) m.get("pid")).longValue() : 0L,
            m.get("since") instanceof String ? PlainJson.instant((String) m.get("since")) : Instant.EPOCH);
      }
    }
    return Map.entry(cutOffPid, cutOffSince);
  }

  /** The id of the process that worked on the run last, before this resume; 0 when the journal does not say. */
  long cutOffPid() {
    return cutOffPid;
  }

  /**
   * When, by the operating system's clock, the process that worked on the run last started working on it; the
   * epoch when the journal does not say (a journal of an older version).
   */
  Instant cutOffSince() {
    return cutOffSince;
  }

  static Replay empty() {
    return EMPTY;
  }

  static Replay of(List<Map<String, Object>> records) {
    return new Replay(records);
  }

  /** Every record of an activity, in order. */
  List<Map<String, Object>> records(String key) {
    return byKey.getOrDefault(key, Collections.emptyList());
  }

  /** The last record of an activity with this type. */
  Optional<Map<String, Object>> last(String key, String type) {
    List<Map<String, Object>> rs = records(key);
    for (int i = rs.size() - 1; i >= 0; i--) {
      if (type.equals(rs.get(i).get("type"))) {
        return Optional.of(rs.get(i));
      }
    }
    return Optional.empty();
  }

  /** The first record of an activity with this type. */
  Optional<Map<String, Object>> first(String key, String type) {
    for (Map<String, Object> r : records(key)) {
      if (type.equals(r.get("type"))) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The last record of a type that has no key. */
  Optional<Map<String, Object>> last(String type) {
    List<Map<String, Object>> rs = byType.getOrDefault(type, Collections.emptyList());
    return rs.isEmpty() ? Optional.empty() : Optional.of(rs.get(rs.size() - 1));
  }

  /** The last record of a type that has no key, among those that match. */
  Optional<Map<String, Object>> last(String type, java.util.function.Predicate<Map<String, Object>> matches) {
    List<Map<String, Object>> rs = byType.getOrDefault(type, Collections.emptyList());
    for (int i = rs.size() - 1; i >= 0; i--) {
      if (matches.test(rs.get(i))) {
        return Optional.of(rs.get(i));
      }
    }
    return Optional.empty();
  }

  /** Every record of a type that has no key, in order. */
  List<Map<String, Object>> all(String type) {
    return byType.getOrDefault(type, Collections.emptyList());
  }

  boolean entered(String stage) {
    return stages.contains(stage);
  }

  Map<String, String> remembered() {
    return remembered;
  }

  List<Instant> resumedAt() {
    return resumedAt;
  }

  static Instant at(Map<String, Object> r) {
    return PlainJson.instant((String) r.get("at"));
  }

}
