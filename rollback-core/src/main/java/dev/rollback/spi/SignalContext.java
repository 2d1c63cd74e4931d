package dev.rollback.spi;

import dev.rollback.Signal;

/** What a {@link SignalSource} is given for one measurement. */
public interface SignalContext extends CallContext {

  /**
   * The signal, as declared in the plan.
   *
   * @return the signal
   */
  Signal signal();
}
