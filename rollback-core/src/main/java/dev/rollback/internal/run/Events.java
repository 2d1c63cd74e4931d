package dev.rollback.internal.run;

import dev.rollback.report.RunStatus;
import dev.rollback.run.RunListener;
import dev.rollback.run.event.RunEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to the listeners, in order, and logs every one through SLF4J (logger {@code dev.rollback.run}):
 * failures, risks and denials at WARN, progress at INFO, step starts and previews at DEBUG. A listener that
 * throws is logged and skipped.
 */
final class Events {

  private static final Logger LOG = LoggerFactory.getLogger("dev.rollback.run");

  private final List<RunListener> listeners;
  private final Redactor redactor;

  Events(List<RunListener> listeners, Redactor redactor) {
    this.listeners = listeners;
    this.redactor = redactor;
  }

  void emit(RunEvent e) {
    log(e);
    for (RunListener l : listeners) {
      try {
        l.onEvent(e);
      } catch (RuntimeException ex) {
        if (LOG.isWarnEnabled()) {
          LOG.warn("[{}] listener {} failed on {}: {}", e.runId(), l.getClass().getName(),
              e.getClass().getSimpleName(), redactor.describe(ex));
        }
      }
    }
  }

  private void log(RunEvent e) {
    if (isWarning(e)) {
      if (LOG.isWarnEnabled()) {
        LOG.warn("[{}] {}", e.runId(), redactor.redact(e.describe()));
      }
    } else if (e instanceof RunEvent.StepStarted || e instanceof RunEvent.StepPreviewed
        || e instanceof RunEvent.CheckEvaluated) {
      if (LOG.isDebugEnabled()) {
        LOG.debug("[{}] {}", e.runId(), redactor.redact(e.describe()));
      }
    } else if (LOG.isInfoEnabled()) {
      LOG.info("[{}] {}", e.runId(), redactor.redact(e.describe()));
    }
  }

  private static boolean isWarning(RunEvent e) {
    return e instanceof RunEvent.StepFailed || e instanceof RunEvent.StepRetrying
        || e instanceof RunEvent.ApprovalDenied || e instanceof RunEvent.DeadlineAtRisk
        || e instanceof RunEvent.NotificationFailed || e instanceof RunEvent.AlertRaised
        || (e instanceof RunEvent.PhaseFinished && !((RunEvent.PhaseFinished) e).passed())
        || (e instanceof RunEvent.StepCompensated && !((RunEvent.StepCompensated) e).undone())
        || (e instanceof RunEvent.RunFinished && ((RunEvent.RunFinished) e).status() != RunStatus.SUCCEEDED);
  }
}
