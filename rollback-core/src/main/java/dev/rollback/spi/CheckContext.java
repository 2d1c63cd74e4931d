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

  /**
   * The context the executor hands an evaluator for one evaluation of a check; test harnesses make theirs with it
   * too.
   *
   * @param run the run
   * @param check the check, as declared
   * @param params its parameters, resolved ({@link ResolvedParams#resolve})
   * @param timeout the evaluation's timeout
   * @return the context
   * @throws NullPointerException if an argument is null
   */
  static CheckContext of(RunContext run, Check check, ResolvedParams params, Duration timeout) {
    return new CallContexts.CheckCall(run, check, params, timeout);
  }
}
