package dev.rollback.decide;

import dev.rollback.spi.Measurement;
import dev.rollback.spi.Sample;
import java.time.Instant;
import java.util.List;

/** The samples conditions look at: a measurement's history, or its current value as the only sample. */
final class History {

  private History() {}

  /**
   * The measurement's samples, oldest first: its history when it has one, else its value taken at the snapshot's
   * time, else none.
   */
  static List<Sample> of(Measurement m, Instant takenAt) {
    if (!m.history().isEmpty()) {
      return m.history();
    }
    return m.isKnown() ? List.of(new Sample(takenAt, m.value().getAsDouble())) : List.of();
  }

  /** How many of the samples were taken at or before the instant (samples are oldest first). */
  static int countUpTo(List<Sample> samples, Instant at) {
    int lo = 0;
    int hi = samples.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (samples.get(mid).at().isAfter(at)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
