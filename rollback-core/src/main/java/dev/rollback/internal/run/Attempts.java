package dev.rollback.internal.run;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one attempt of a handler on a worker thread and enforces its timeout: when it runs out, the worker is
 * interrupted and given a short grace to stop. Timeouts are real time, not the executor's clock: a handler that
 * hangs must be stopped even when a test drives the clock by hand.
 *
 * <p>The hand-over is direct, and brief waits yield before they park: the caller yields for up to 20 µs waiting for
 * the result, and a worker yields as long waiting for its next call, so that a run of quick steps does not pay two
 * thread wake-ups per step. Yielding rather than spinning lets the other thread run when cores are scarce. Workers
 * idle for a minute end. A worker whose handler never stops after its interrupt is left to it and never reused.
 */
final class Attempts {

  private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final Duration MAX_GRACE = Duration.ofSeconds(5);
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ConcurrentLinkedDeque<Worker> IDLE = new ConcurrentLinkedDeque<>();

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
    Task<T> task = new Task<>(body, Thread.currentThread());
    Worker w;
    do {
      w = IDLE.pollFirst();
    } while (w != null && !w.state.compareAndSet(Worker.IDLE, Worker.BUSY));
    if (w == null) {
      new Worker(task).start();
    } else {
      w.give(task);
    }
    return task.await(nanos(timeout), nanos(timeout.compareTo(MAX_GRACE) < 0 ? timeout : MAX_GRACE));
  }

  private static long nanos(Duration d) {
    try {
      return Math.max(0, d.toNanos());
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }

  /** One call: run once by a worker, awaited by its caller. */
  private static final class Task<T> {
    static final int NEW = 0;
    static final int RUNNING = 1;
    static final int DONE = 2;
    static final int INTERRUPTING = 3;
    static final int INTERRUPTED = 4;
    static final int CANCELLED = 5;

    final AtomicInteger state = new AtomicInteger(NEW);
    private final Callable<T> body;
    private final Thread caller;
    private volatile Thread runner;
    private volatile boolean ended;
    private T value;
    private Throwable failure;

    Task(Callable<T> body, Thread caller) {
      this.body = body;
      this.caller = caller;
    }

    /**
     * Runs the call on the worker's thread; returns with the thread's interrupt status cleared.
     *
     * @param beforeDone run before the caller learns the call is done: the worker offers itself for the next
     *     call, so that the caller's next call finds it
     */
    void run(Runnable beforeDone) {
      runner = Thread.currentThread();
      if (state.compareAndSet(NEW, RUNNING)) {
        try {
          value = body.call();
        } catch (Throwable t) {
          failure = t;
        }
        beforeDone.run();
        if (!state.compareAndSet(RUNNING, DONE)) {
          while (state.get() == INTERRUPTING) {
            Thread.onSpinWait();
          }
        }
      } else {
        beforeDone.run();
      }
      Thread.interrupted();
      ended = true;
      LockSupport.unpark(caller);
    }

    Outcome<T> await(long timeout, long grace) throws InterruptedException {
      long start = System.nanoTime();
      long deadline = start + timeout;
      while (state.get() != DONE) {
        long now = System.nanoTime();
        if (now - deadline >= 0) {
          return timedOut(grace);
        }
        if (now - start < SPIN_NANOS) {
          Thread.yield();
        } else {
          LockSupport.parkNanos(this, deadline - now);
        }
        if (Thread.interrupted()) {
          stop();
          throw new InterruptedException();
        }
      }
      return new Outcome<>(value, failure, false, true);
    }

    private Outcome<T> timedOut(long grace) {
      if (state.compareAndSet(NEW, CANCELLED)) {
        return new Outcome<>(null, null, true, true);
      }
      stop();
      if (state.get() == DONE) {
        return new Outcome<>(value, failure, false, true);
      }
      long until = System.nanoTime() + grace;
      while (!ended && until - System.nanoTime() > 0) {
        LockSupport.parkNanos(this, until - System.nanoTime());
      }
      return new Outcome<>(null, null, true, ended);
    }

    /** Interrupts the call if it is running; a call not started yet never will be. */
    private void stop() {
      if (state.compareAndSet(RUNNING, INTERRUPTING)) {
        Thread r = runner;
        if (r != null) {
          r.interrupt();
        }
        state.set(INTERRUPTED);
      } else {
        state.compareAndSet(NEW, CANCELLED);
      }
    }
  }

  /** A worker thread, handed calls directly, waiting between them first spinning, then parked. */
  private static final class Worker implements Runnable {
    static final int IDLE = 0;
    static final int BUSY = 1;
    static final int EXITED = 2;

    final AtomicInteger state = new AtomicInteger(BUSY);
    private final AtomicReference<Task<?>> mailbox = new AtomicReference<>();
    private final Thread thread;

    Worker(Task<?> first) {
      mailbox.set(first);
      thread = new Thread(this, "rollback-worker-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    private void release() {
      state.set(IDLE);
      Attempts.IDLE.offerFirst(this);
    }

    void give(Task<?> task) {
      mailbox.set(task);
      LockSupport.unpark(thread);
    }

    @Override
    public void run() {
      while (true) {
        Task<?> task = next();
        if (task == null) {
          return;
        }
        task.run(this::release);
      }
    }

    /** The next call, or null when idle for too long (the worker then ends). */
    private Task<?> next() {
      long start = System.nanoTime();
      while (true) {
        Task<?> t = mailbox.getAndSet(null);
        if (t != null) {
          return t;
        }
        long waited = System.nanoTime() - start;
        if (waited < SPIN_NANOS) {
          Thread.yield();
        } else if (waited < IDLE_NANOS) {
          LockSupport.parkNanos(this, IDLE_NANOS - waited);
          Thread.interrupted();
        } else if (state.compareAndSet(IDLE, EXITED)) {
          Attempts.IDLE.remove(this);
          return null;
        } else {
          // A caller took this worker just now: its call is on the way.
          start = System.nanoTime() - SPIN_NANOS;
        }
      }
    }
  }
}
