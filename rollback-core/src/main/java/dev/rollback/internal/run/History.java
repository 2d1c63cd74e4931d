package dev.rollback.internal.run;

import dev.rollback.internal.journal.RecordCodec;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one place a run decides between replaying a piece of work from its journal and doing it: each piece of work
 * (a stage entered, the assessment, the decision, a check, an approval, a phase, a notification, an undo, an
 * audit...) has an {@link Entry} that says which record keeps its outcome and how the outcome is written and read
 * back. {@link #once} takes the outcome from the journal when the run that was cut off got that far, else does the
 * work and appends the record, synced, before the run goes on. A fresh run and a preview have nothing to replay; a
 * preview journals nothing.
 */
final class History {

  private final Replay replay;
  private final RunJournal journal;
  private final Clock clock;

  History(Replay replay, RunJournal journal, Clock clock) {
    this.replay = replay;
    this.journal = journal;
    this.clock = clock;
  }

  /** Now, by the executor's clock. */
  Instant now() {
    return clock.instant();
  }

  /** The journal's records of the run before this process took it over, for work that looks at them all. */
  Replay replay() {
    return replay;
  }

  /**
   * Appends a record.
   *
   * @param type its type
   * @param key the activity's key, or null
   * @param at when
   * @param fields its other fields, plain data
   */
  void record(String type, String key, Instant at, Map<String, Object> fields) {
    journal.append(type, key, at, fields);
  }

  /**
   * The outcome of a piece of work as the journal shows it: the last record of the entry's type under the key
   * (of the type alone, among the records with no key, when the key is null).
   *
   * @param key the activity's key, or null
   * @param entry the entry
   * @param <T> the outcome's type
   * @return the outcome, when the journal has it
   */
  <T> Optional<T> replayed(String key, Entry<T> entry) {
    Optional<Map<String, Object>> r = key == null ? replay.last(entry.type(), entry.matches())
        : replay.last(key, entry.type());
    return r.map(entry.read());
  }

  /**
   * Records an outcome.
   *
   * @param key the activity's key, or null
   * @param entry the entry
   * @param value the outcome
   * @param <T> the outcome's type
   * @return the outcome
   */
  <T> T record(String key, Entry<T> entry, T value) {
    Instant at = entry.at() == null ? now() : entry.at().apply(value);
    journal.append(entry.type(), key, at, entry.fields().apply(value));
    return value;
  }

  /**
   * Replays a piece of work from the journal, or does it and records it.
   *
   * @param key the activity's key, or null
   * @param entry the entry
   * @param work does the work
   * @param <T> the outcome's type
   * @return the outcome
   */
  <T> T once(String key, Entry<T> entry, Supplier<T> work) {
    return once(key, entry, work, null);
  }

  /**
   * Replays a piece of work from the journal, or does it, records it, and then tells what was recorded (to announce
   * it: an outcome taken from the journal was announced by the run that recorded it).
   *
   * @param key the activity's key, or null
   * @param entry the entry
   * @param work does the work
   * @param recorded told of a fresh outcome once it is recorded; may be null
   * @param <T> the outcome's type
   * @return the outcome
   */
  <T> T once(String key, Entry<T> entry, Supplier<T> work, Consumer<T> recorded) {
    Optional<T> done = replayed(key, entry);
    if (done.isPresent()) {
      return done.get();
    }
    T value = record(key, entry, work.get());
    if (recorded != null) {
      recorded.accept(value);
    }
    return value;
  }

  /**
   * A kind of record that keeps the outcome of a piece of work.
   *
   * @param type the record's type
   * @param read the outcome from a record
   * @param fields the record's fields for an outcome
   * @param at when an outcome happened, for the record; null for now
   * @param matches which records of the type are this work's, among records with no key
   * @param <T> the outcome's type
   */
  record Entry<T>(String type, Function<Map<String, Object>, T> read, Function<T, Map<String, Object>> fields,
      Function<T, Instant> at, Predicate<Map<String, Object>> matches) {

    private static final Predicate<Map<String, Object>> ANY = r -> true;

    /**
     * The same record, seen as another outcome: what more the work knows than the record keeps (an unmasked value,
     * say) is derived from the record on replay.
     *
     * @param from the outcome from what the record keeps
     * @param to what the record keeps of an outcome
     * @param <U> the other outcome's type
     * @return the entry
     */
    <U> Entry<U> as(Function<T, U> from, Function<U, T> to) {
      return new Entry<>(type, read.andThen(from), to.andThen(fields), at == null ? null : to.andThen(at), matches);
    }

    /**
     * An outcome that is a report, kept as its data under {@code result}, after the given leading fields.
     *
     * @param type the record's type
     * @param report the report's class
     * @param at when the outcome happened; null for now
     * @param leading fields before the result, plain data
     * @param <T> the report's type
     * @return the entry
     */
    static <T extends java.lang.Record> Entry<T> result(String type, Class<T> report, Function<T, Instant> at,
        Object... leading) {
      return new Entry<>(type, r -> RecordCodec.fromData(report, History.result(r)), v -> {
        Map<String, Object> f = History.fields(leading);
        f.put("result", RecordCodec.toData(v, true));
        return f;
      }, at, ANY);
    }

    /**
     * An outcome that is the instant it happened, the record's own {@code at}.
     *
     * @param type the record's type
     * @param fields the record's fields
     * @return the entry
     */
    static Entry<Instant> instant(String type, Object... fields) {
      return new Entry<>(type, Replay::at, v -> History.fields(fields), v -> v, ANY);
    }

    /**
     * An outcome that is the record's fields themselves.
     *
     * @param type the record's type
     * @param matches which records of the type are this work's, among records with no key
     * @return the entry
     */
    static Entry<Map<String, Object>> fields(String type, Predicate<Map<String, Object>> matches) {
      return new Entry<>(type, r -> r, v -> v, null, matches);
    }

    /**
     * An outcome read and written by the caller.
     *
     * @param type the record's type
     * @param read the outcome from a record
     * @param fields the record's fields for an outcome
     * @param at when an outcome happened; null for now
     * @param <T> the outcome's type
     * @return the entry
     */
    static <T> Entry<T> of(String type, Function<Map<String, Object>, T> read,
        Function<T, Map<String, Object>> fields, Function<T, Instant> at) {
      return new Entry<>(type, read, fields, at, ANY);
    }
  }

  /**
   * A record's fields from names and values in turn.
   *
   * @param kv name, value, name, value...
   * @return the fields, in order
   */
  static Map<String, Object> fields(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /**
   * The {@code result} of a record, plain data.
   *
   * @param record the record
   * @return its result
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> result(Map<String, Object> record) {
    return (Map<String, Object>) record.get("result");
  }

  /**
   * Every record of a type that has no key, in order.
   *
   * @param type the type
   * @return the records
   */
  List<Map<String, Object>> all(String type) {
    return replay.all(type);
  }
}
