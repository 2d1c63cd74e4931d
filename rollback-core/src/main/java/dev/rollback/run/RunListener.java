package dev.rollback.run;

import dev.rollback.run.event.RunEvent;


/**
 * Receives the typed events of runs and previews, in order, on the thread that runs them: for a progress
 * display, logging, or an embedding tool's own UI. A listener that throws is logged and ignored; it never stops
 * a rollback. Events carry no secret.
 *
 * <pre>{@code
 * RollbackExecutor.builder().listener(event -> {
 *   if (event instanceof RunEvent.DeadlineAtRisk) {
 *     pager.page(event.describe());
 *   }
 * })
 * }</pre>
 */
@FunctionalInterface
public interface RunListener {

  /**
   * Handles one event; should return quickly.
   *
   * @param event the event
   */
  void onEvent(RunEvent event);
}
