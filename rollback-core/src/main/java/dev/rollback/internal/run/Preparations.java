package dev.rollback.internal.run;

import dev.rollback.spi.Adapter;
import java.util.HashSet;
import java.util.Set;

/**
 * Calls each adapter's hook before its first change ({@link Adapter#beforeFirstMutation}: its backups), once per
 * run: announced in the journal before, recorded after, so that a resumed run neither repeats a finished preparation
 * nor trusts one that was cut off, which the adapter recovers first.
 */
final class Preparations {

  private final History history;
  private final Calls calls;
  private final Interruptions interruptions;
  private final RunState run;
  private final Set<String> prepared = new HashSet<>();

  Preparations(History history, Calls calls, Interruptions interruptions, RunState run) {
    this.history = history;
    this.calls = calls;
    this.interruptions = interruptions;
    this.run = run;
  }

  /**
   * Prepares an adapter for its first change, unless it was prepared in this run.
   *
   * @param adapter the adapter
   * @return why it could not prepare, or null when it is prepared
   * @throws Stop when what a cut-off preparation left cannot be cleared safely
   */
  String prepare(Adapter adapter) {
    if (prepared.contains(adapter.name())) {
      return null;
    }
    String key = "prepare:" + adapter.name();
    History.Entry<String> entry = History.Entry.of(JournalRecords.ADAPTER_PREPARED,
        r -> (String) r.get("adapter"), name -> History.fields("adapter", name), null);
    if (history.replayed(key, entry).isPresent()) {
      prepared.add(adapter.name());
      return null;
    }
    if (!history.replay().records(key).isEmpty()) {
      // Cut off while preparing: let the adapter clear what its preparation left half-done first.
      interruptions.recoverPreparation(key, adapter, "adapter '" + adapter.name() + "' preparing its first change");
    }
    history.record(JournalRecords.ADAPTER_PREPARING, key, history.now(), History.fields("adapter", adapter.name()));
    Attempts.Outcome<Object> o = calls.attempt(run.plan().defaultTimeout(), () -> {
      adapter.beforeFirstMutation(run);
      return Boolean.TRUE;
    });
    if (!o.succeeded()) {
      return "adapter '" + adapter.name() + "' could not prepare for its first change (" + (o.timedOut()
          ? "timed out" : calls.describe(o.failure())) + "), so the step did not run";
    }
    history.record(key, entry, adapter.name());
    prepared.add(adapter.name());
    return null;
  }
}
