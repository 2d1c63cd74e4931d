package dev.rollback.internal;

import dev.rollback.run.RunListener;
import dev.rollback.run.event.RunEvent;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The console progress display: one line per event that matters to a person watching, prefixed with the time
 * elapsed since the run started and, once the severity is decided, the time left before the deadline. Control
 * characters in the text are shown as escapes ({@link Texts#terminalSafe}). A step still running after
 * {@link #HEARTBEAT} shows a heartbeat line every {@link #HEARTBEAT} until it ends, with the step's own time and,
 * in the prefix, the run's elapsed time and the deadline's remaining budget:
 * {@code [00:01:10 | 00:58:50 left]   … step docker compose build still running (15s)}.
 */
public final class ConsoleProgress implements RunListener {

  /** How long a step runs before the first heartbeat, and between heartbeats. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(5);

  /** One daemon thread for every display's heartbeats: it never keeps the JVM alive. */
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "rollback-progress-heartbeat");
    t.setDaemon(true);
    return t;
  });

  private final PrintStream out;
  private final Duration every;
  private Instant start;
  private Optional<Instant> deadline = Optional.empty();
  /** The heartbeat of the step running, cancelled by the next event. */
  private ScheduledFuture<?> heartbeat;
  /** The step the heartbeat is for. */
  private RunEvent.StepStarted running;

  /**
   * Creates the display, with a heartbeat every {@link #HEARTBEAT} while a step runs.
   *
   * @param out where to print
   */
  public ConsoleProgress(PrintStream out) {
    this(out, HEARTBEAT);
  }

  /**
   * Creates the display with another heartbeat interval.
   *
   * @param out where to print
   * @param every how long a step runs before its first heartbeat, and between heartbeats; zero for none
   * @throws IllegalArgumentException if the interval is negative
   */
  public ConsoleProgress(PrintStream out, Duration every) {
    if (every.isNegative()) {
      throw new IllegalArgumentException("the heartbeat interval must not be negative, was " + every);
    }
    this.out = out;
    this.every = every;
  }

  @Override
  public synchronized void onEvent(RunEvent e) {
    if (heartbeat != null) {
      heartbeat.cancel(false);
      heartbeat = null;
      running = null;
    }
    if (e instanceof RunEvent.StepStarted && !every.isZero()) {
      RunEvent.StepStarted step = (RunEvent.StepStarted) e;
      long startedNanos = System.nanoTime();
      long ms = every.toMillis();
      running = step;
      heartbeat = TIMER.scheduleAtFixedRate(() -> beat(step, startedNanos), ms, ms, TimeUnit.MILLISECONDS);
    }
    if (e instanceof RunEvent.RunStarted) {
      start = e.at();
      deadline = Optional.empty();
    } else if (e instanceof RunEvent.Decided) {
      deadline = ((RunEvent.Decided) e).deadline();
    }
    String line = line(e);
    if (line != null) {
      // Events carry text from outside (commit subjects, command output, GitHub): shown escaped, never acted on.
      out.println(Texts.terminalSafe(prefix(e.at()) + line));
      out.flush();
    }
  }

  /** A heartbeat of a step still running: its own time, and the run's time and budget in the prefix. */
  private synchronized void beat(RunEvent.StepStarted step, long startedNanos) {
    if (running != step) {
      return;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
    out.println(Texts.terminalSafe(prefix(step.at().plus(took)) + "  … " + step.describe() + " still running ("
        + took.getSeconds() + "s)"));
    out.flush();
  }

  private static String line(RunEvent e) {
    if (e instanceof RunEvent.StepStarted) {
      return "  → " + e.describe();
    }
    if (e instanceof RunEvent.StepApplied) {
      return "  ✓ " + e.describe();
    }
    if (e instanceof RunEvent.StepFailed || e instanceof RunEvent.ApprovalDenied) {
      return "  ✗ " + e.describe();
    }
    if (e instanceof RunEvent.StepSkipped) {
      return "  - " + e.describe();
    }
    if (e instanceof RunEvent.AdapterUnavailable || e instanceof RunEvent.Intervened) {
      return "  ! " + e.describe();
    }
    if (e instanceof RunEvent.StepRetrying || e instanceof RunEvent.DeadlineAtRisk
        || e instanceof RunEvent.NotificationFailed || e instanceof RunEvent.AlertRaised) {
      return "  ! " + e.describe();
    }
    if (e instanceof RunEvent.StageStarted) {
      return "== " + ((RunEvent.StageStarted) e).stage().name().toLowerCase(Locale.ROOT);
    }
    if (e instanceof RunEvent.PhaseStarted) {
      return "▶ " + e.describe();
    }
    if (e instanceof RunEvent.CheckEvaluated) {
      return "  · " + e.describe();
    }
    return e.describe();
  }

  private String prefix(Instant at) {
    Duration elapsed = start == null ? Duration.ZERO : Duration.between(start, at);
    String left = deadline.map(d -> {
      Duration l = Duration.between(at, d);
      return " | " + (l.isNegative() ? clock(l.negated()) + " over" : clock(l) + " left");
    }).orElse("");
    return "[" + clock(elapsed) + left + "] ";
  }

  private static String clock(Duration d) {
    long s = Math.max(0, d.getSeconds());
    return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
  }
}
