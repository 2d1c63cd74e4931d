package dev.rollback.spi;

import dev.rollback.NotificationEvent;
import java.util.Map;
import java.util.Objects;

/**
 * A rendered message ready to send.
 *
 * @param runId the run it is about
 * @param message the name of the plan's message template, or of the alert rule
 * @param event when it is sent
 * @param title the rendered title
 * @param body the rendered Markdown body
 * @param data the values the templates were filled from, for channels that send structured data
 */
public record Notification(String runId, String message, NotificationEvent event, String title, String body,
    Map<String, Object> data) {

  /**
   * Creates a notification.
   *
   * @param runId the run
   * @param message the template's name
   * @param event the event
   * @param title the title
   * @param body the body
   * @param data the template data, plain data
   * @throws NullPointerException if an argument is null
   */
  public Notification {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    data = Results.plain("data", data);
  }
}
