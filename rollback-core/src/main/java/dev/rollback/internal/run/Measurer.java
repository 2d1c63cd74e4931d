package dev.rollback.internal.run;

import dev.rollback.RollbackException;
import dev.rollback.Signal;
import dev.rollback.Snapshot;
import dev.rollback.internal.Texts;
import dev.rollback.spi.Measurement;
import dev.rollback.spi.SignalContext;
import dev.rollback.spi.SignalSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Measures signals through the registered sources, each within the plan's default timeout; a source that fails
 * or times out gives an unknown measurement with the reason, never a made-up value. Until the procedure starts
 * changing things, a signal measured at assessment is not measured again.
 */
final class Measurer {

  private final Registry registry;
  private final Availability availability;
  private final RunState run;
  private final Calls calls;
  private final Redactor redactor;
  private volatile Snapshot assessment;
  private volatile boolean changing;
  /** The latest known measurement of each signal measured since the procedure started, as shown, by name. */
  private final Map<String, String> latest = new java.util.concurrent.ConcurrentHashMap<>();

  Measurer(Registry registry, Availability availability, RunState run, Calls calls, Redactor redactor) {
    this.registry = registry;
    this.availability = availability;
    this.run = run;
    this.calls = calls;
    this.redactor = redactor;
  }

  void assessment(Snapshot snapshot) {
    this.assessment = snapshot;
  }

  /**
   * The latest known measurement of each signal measured after the procedure started changing things (by a
   * validation or verification), as shown: what messages sent after the rollback report.
   *
   * @return shown values by signal name
   */
  Map<String, String> latest() {
    return Map.copyOf(latest);
  }

  /** From now on the world may have changed: measure afresh. */
  void changing() {
    changing = true;
  }

  /**
   * The measurements of the signals: from the assessment while nothing changed, else measured now.
   *
   * @param signals the signals
   * @return the snapshot
   */
  Snapshot snapshot(Set<Signal> signals) {
    Map<Signal, Measurement> out = new LinkedHashMap<>();
    for (Signal signal : signals) {
      Optional<Measurement> known = changing || assessment == null ? Optional.empty()
          : assessment.measurement(signal);
      out.put(signal, known.orElseGet(() -> measure(signal)));
    }
    return Snapshot.of(out, run.clock().instant());
  }

  /**
   * Measures one signal now.
   *
   * @param signal the signal
   * @return its measurement, unknown with the reason when the source failed
   */
  Measurement measure(Signal signal) {
    Optional<String> skip = availability.skipped(signal.kind());
    if (skip.isPresent()) {
      return Measurement.unknown(signal.unit(), skip.get());
    }
    SignalSource source = registry.signal(signal.kind());
    SignalContext call;
    try {
      call = run.context(signal);
    } catch (RollbackException e) {
      return Measurement.unknown(signal.unit(), redactor.redact(e.getMessage()));
    }
    Duration timeout = run.plan().defaultTimeout();
    Attempts.Outcome<Measurement> o = calls.attempt(timeout, () -> source.measure(call));
    if (o.succeeded() && o.value() != null) {
      if (changing && o.value().isKnown()) {
        latest.put(signal.displayName(), o.value().display());
      }
      return o.value();
    }
    return Measurement.unknown(signal.unit(), o.timedOut() ? "measuring timed out after "
        + Texts.duration(timeout) : "measuring failed: " + calls.describe(o.failure()));
  }
}
