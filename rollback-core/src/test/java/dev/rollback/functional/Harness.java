package dev.rollback.functional;

import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.ManualClock;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.event.RunEvent;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.Approver;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** What most executor tests share: a workspace, a ledger, a manual clock, and the events a run emitted. */
final class Harness {

  static final Instant T0 = Instant.parse("2026-01-01T03:00:00Z");

  final Path dir;
  final Ledger ledger;
  final ManualClock clock = ManualClock.at(T0);
  final List<RunEvent> events = new CopyOnWriteArrayList<>();
  final TestAdapter adapter;

  Harness(Path dir) {
    this(dir, List.of());
  }

  Harness(Path dir, List<String> adapterSecrets) {
    this.dir = dir;
    this.ledger = new Ledger(dir.resolve("ledger"));
    this.adapter = new TestAdapter(ledger, clock, (id, where) -> { }, adapterSecrets);
  }

  /** An executor with the test adapter, an in-memory journal, the manual clock and an automatic approver. */
  RollbackExecutor.Builder builder() {
    return builder(adapter, Approvers.automatic("alice", "test"));
  }

  RollbackExecutor.Builder builder(Adapter testAdapter, Approver approver) {
    return RollbackExecutor.builder().workspace(dir).journal(Journal.inMemory()).clock(clock).approver(approver)
        .adapter(testAdapter).listener(events::add);
  }

  RollbackExecutor executor() {
    return builder().build();
  }

  @SuppressWarnings("unchecked")
  <E extends RunEvent> List<E> events(Class<E> type) {
    return events.stream().filter(type::isInstance).map(e -> (E) e).collect(Collectors.toList());
  }

  List<String> eventNames() {
    return events.stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toList());
  }
}
