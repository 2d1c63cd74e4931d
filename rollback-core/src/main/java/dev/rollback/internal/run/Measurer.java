package dev.rollback.internal.run;

import dev.rollback.RollbackException;
import dev.rollback.Signal;
import dev.rollback.Snapshot;
import dev.rollback.internal.Texts;
import dev.rollback.spi.Measurement;
import dev.rollback.spi.ResolvedParams;
import dev.rollback.spi.SignalContext;
import dev.rollback.spi.SignalSource;
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

  private final Session s;
  private Snapshot assessment;
  private volatile boolean changing;
  /** The latest known measurement of each signal measured since the procedure started, as shown, by name. */
  private final Map<String, String> latest = new java.util.concurrent.ConcurrentHashMap<>();

  Measurer(Session s) {
    this.s = s;
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
    return Snapshot.of(out, s.now());
  }

  /**
   * Measures one signal now.
   *
   * @param signal the signal
   * @return its measurement, unknown with the reason when the source failed
   */
  Measurement measure(Signal signal) {
    Optional<String> skip = s.skipped(signal.kind());
    if (skip.isPresent()) {
      return Measurement.unknown(signal.unit(), skip.get());
    }
    SignalSource source = s.cfg.registry().signal(signal.kind());
    ResolvedParams params;
    try {
      params = s.resolver.resolve("signal " + signal.displayName(), signal.params());
    } catch (RollbackException e) {
      return Measurement.unknown(signal.unit(), s.redactor.redact(e.getMessage()));
    }
    SignalContext call = SignalContext.of(s.run, signal, params);
    Attempts.Outcome<Measurement> o = s.attempt(s.plan.defaultTimeout(), () -> source.measure(call));
    if (o.succeeded() && o.value() != null) {
      if (changing && o.value().isKnown()) {
        latest.put(signal.displayName(), o.value().display());
      }
      return o.value();
    }
    return Measurement.unknown(signal.unit(), o.timedOut() ? "measuring timed out after "
        + Texts.duration(s.plan.defaultTimeout()) : "measuring failed: " + s.describe(o.failure()));
  }
}
