package dev.rollback.spi;

import dev.rollback.Check;
import java.time.Duration;

/** What a {@link CheckEvaluator} is given for one evaluation. */
public interface CheckContext extends CallContext {

  /**
   * The check, as declared in the plan (parameters unresolved).
   *
   * @return the check
   */
  Check check();

  /**
   * How long the evaluation may take.
   *
   * @return the timeout
   */
  Duration timeout();
}
