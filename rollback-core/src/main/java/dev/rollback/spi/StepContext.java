package dev.rollback.spi;

import dev.rollback.Step;
import java.time.Duration;

/** What a {@link StepHandler} is given for one attempt of one step. */
public interface StepContext extends CallContext {

  /**
   * The step, as declared in the plan (parameters unresolved).
   *
   * @return the step
   */
  Step step();

  /**
   * The attempt, from 1.
   *
   * @return the attempt number
   */
  int attempt();

  /**
   * How long this attempt may take; the executor stops it afterwards, so long operations should also bound
   * their own waits by it.
   *
   * @return the attempt's timeout
   */
  Duration timeout();

  /**
   * The context the executor hands a handler for one attempt of a step; test harnesses make theirs with it too.
   *
   * @param run the run
   * @param step the step, as declared
   * @param params its parameters, resolved ({@link ResolvedParams#resolve})
   * @param attempt the attempt, from 1
   * @param timeout the attempt's timeout
   * @return the context
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code attempt} is less than 1
   */
  static StepContext of(RunContext run, Step step, ResolvedParams params, int attempt, Duration timeout) {
    return new CallContexts.StepCall(run, step, params, attempt, timeout);
  }
}
