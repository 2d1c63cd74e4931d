package dev.rollback.internal.run;

import dev.rollback.report.RunStatus;
import dev.rollback.spi.Sleeper;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Where a run calls out: each handler, hook, approver or notifier call on a worker under its timeout
 * ({@link Attempts}), and the run's waits. An interrupt of the run's thread stops the run ({@link Stop} with
 * {@link RunStatus#STOPPED}) and is remembered, so that the thread is interrupted again once the run has reported.
 */
final class Calls {

  private final Sleeper sleeper;
  private final Redactor redactor;
  private volatile boolean interrupted;

  Calls(Sleeper sleeper, Redactor redactor) {
    this.sleeper = sleeper;
    this.redactor = redactor;
  }

  /**
   * Runs a call on a worker with its timeout.
   *
   * @param timeout how long it may take
   * @param body the call
   * @param <T> what it returns
   * @return the outcome
   * @throws Stop when the run's thread is interrupted
   */
  <T> Attempts.Outcome<T> attempt(Duration timeout, Callable<T> body) {
    try {
      return Attempts.call(timeout, body);
    } catch (InterruptedException e) {
      throw interrupted("the run was interrupted");
    }
  }

  /**
   * Waits.
   *
   * @param d how long
   * @throws Stop when the run's thread is interrupted
   */
  void sleep(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      throw interrupted("the run was interrupted");
    }
  }

  /**
   * Notes that the run's thread was interrupted.
   *
   * @param why the summary of the stopped run
   * @return the stop to throw
   */
  Stop interrupted(String why) {
    interrupted = true;
    return new Stop(RunStatus.STOPPED, why);
  }

  /** Whether the run's thread was interrupted, so that it is interrupted again when the run ends. */
  boolean wasInterrupted() {
    return interrupted;
  }

  /** A failure in words, secrets masked; "no result" for a call that returned nothing. */
  String describe(Throwable t) {
    return t == null ? "no result" : redactor.describe(t);
  }
}
