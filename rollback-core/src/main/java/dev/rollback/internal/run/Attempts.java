package dev.rollback.internal.run;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one attempt of a handler on a worker thread and enforces its timeout: when it runs out, the worker is
 * interrupted, and given a short grace to stop. Timeouts are real time, not the executor's clock: a handler that
 * hangs must be stopped even when a test drives the clock by hand.
 */
final class Attempts {

  private static final Duration MAX_GRACE = Duration.ofSeconds(5);
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService WORKERS = Executors.newCachedThreadPool(new ThreadFactory() {
    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "rollback-worker-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  });

  private Attempts() {}

  /**
   * The outcome of an attempt.
   *
   * @param value what the handler returned, when it returned
   * @param failure what it threw, when it threw
   * @param timedOut whether the timeout ran out
   * @param stopped when it timed out, whether it stopped after the interrupt
   * @param <T> the value's type
   */
  record Outcome<T>(T value, Throwable failure, boolean timedOut, boolean stopped) {
    boolean succeeded() {
      return failure == null && !timedOut;
    }
  }

  /**
   * Runs the body on a worker thread, waiting at most the timeout.
   *
   * @param timeout how long the attempt may take
   * @param body the handler call
   * @param <T> the result's type
   * @return the outcome
   * @throws InterruptedException when the calling thread is interrupted; the worker is interrupted too
   */
  static <T> Outcome<T> call(Duration timeout, Callable<T> body) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    Future<T> f = WORKERS.submit(() -> {
      try {
        return body.call();
      } finally {
        done.countDown();
      }
    });
    try {
      return new Outcome<>(f.get(nanos(timeout), TimeUnit.NANOSECONDS), null, false, true);
    } catch (ExecutionException e) {
      return new Outcome<>(null, e.getCause(), false, true);
    } catch (TimeoutException e) {
      f.cancel(true);
      Duration grace = timeout.compareTo(MAX_GRACE) < 0 ? timeout : MAX_GRACE;
      boolean stopped = done.await(nanos(grace), TimeUnit.NANOSECONDS);
      return new Outcome<>(null, null, true, stopped);
    } catch (InterruptedException e) {
      f.cancel(true);
      throw e;
    }
  }

  private static long nanos(Duration d) {
    try {
      return Math.max(0, d.toNanos());
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
