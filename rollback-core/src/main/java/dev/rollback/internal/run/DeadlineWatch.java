package dev.rollback.internal.run;

import dev.rollback.run.event.RunEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * Watches the decided deadline while the run works towards it: journals and announces, once, that the time left is
 * less than the worst case of the work left. A resumed run knows from the journal when it came at risk before.
 */
final class DeadlineWatch {

  private final Deadlines deadlines;
  private final History history;
  private final Events events;
  private final String runId;

  DeadlineWatch(Deadlines deadlines, History history, Events events, String runId) {
    this.deadlines = deadlines;
    this.history = history;
    this.events = events;
    this.runId = runId;
    history.replay().last(JournalRecords.DEADLINE_AT_RISK).ifPresent(r -> deadlines.alreadyAtRisk(Replay.at(r)));
  }

  /** The worst cases of the work left, by position. */
  Deadlines deadlines() {
    return deadlines;
  }

  /**
   * Warns once when the time left is less than the worst case of the work left.
   *
   * @param work the worst case of the work left
   */
  void watch(Duration work) {
    Instant at = history.now();
    deadlines.atRisk(at, work).ifPresent(left -> {
      history.record(JournalRecords.DEADLINE_AT_RISK, null, at, History.fields("remaining", left, "worstCase",
          work));
      events.emit(new RunEvent.DeadlineAtRisk(runId, at, deadlines.deadline().get(), left, work));
    });
  }
}
