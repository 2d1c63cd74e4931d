package dev.rollback.internal;

import dev.rollback.run.RunListener;
import dev.rollback.run.event.RunEvent;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The console progress display: one line per event that matters to a person watching, prefixed with the time
 * elapsed since the run started and, once the severity is decided, the time left before the deadline. Control
 * characters in the text are shown as escapes ({@link Texts#terminalSafe}).
 */
public final class ConsoleProgress implements RunListener {

  private final PrintStream out;
  private Instant start;
  private Optional<Instant> deadline = Optional.empty();

  /**
   * Creates the display.
   *
   * @param out where to print
   */
  public ConsoleProgress(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void onEvent(RunEvent e) {
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
