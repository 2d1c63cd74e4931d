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

  /**
   * The context the executor hands a source for one measurement of a signal; test harnesses make theirs with it
   * too.
   *
   * @param run the run
   * @param signal the signal, as declared
   * @param params its parameters, resolved ({@link ResolvedParams#resolve})
   * @return the context
   * @throws NullPointerException if an argument is null
   */
  static SignalContext of(RunContext run, Signal signal, ResolvedParams params) {
    return new CallContexts.SignalCall(run, signal, params);
  }
}
