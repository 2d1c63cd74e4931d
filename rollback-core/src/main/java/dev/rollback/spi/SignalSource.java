package dev.rollback.spi;

/** Measures one kind of signal. Measuring observes only. */
public interface SignalSource {

  /**
   * Measures the signal.
   *
   * @param signal the call
   * @return the measurement; {@link Measurement#unknown} when there is no data, never a made-up value
   * @throws Exception when the measurement failed; conditions over it become unknown, with the cause
   */
  Measurement measure(SignalContext signal) throws Exception;
}
