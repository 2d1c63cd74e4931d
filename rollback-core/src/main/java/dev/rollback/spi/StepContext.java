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
}
