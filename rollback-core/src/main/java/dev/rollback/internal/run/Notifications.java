package dev.rollback.internal.run;

import dev.rollback.MessageTemplate;
import dev.rollback.NotificationEvent;
import dev.rollback.RetryPolicy;
import dev.rollback.internal.MessageTemplates;
import dev.rollback.report.RollbackReport.NotificationReport;
import dev.rollback.run.event.RunEvent;
import dev.rollback.spi.Delivery;
import dev.rollback.spi.Notification;
import dev.rollback.spi.Notifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the plan's messages for an event with Mustache and sends each through its channels. A failed send is
 * retried by the executor's policy, recorded, and never stops a rollback; a channel with no notifier is recorded
 * as a failed delivery. Rendered texts are masked before they leave.
 */
final class Notifications {

  private static final History.Entry<NotificationReport> ENTRY = History.Entry.result(JournalRecords.NOTIFICATION,
      NotificationReport.class, NotificationReport::at);

  private final List<MessageTemplate> messages;
  private final History history;
  private final Events events;
  private final Calls calls;
  private final Map<String, Notifier> notifiers;
  private final RetryPolicy retry;
  private final RunState run;
  private final Redactor redactor;
  private final List<NotificationReport> reports = new ArrayList<>();

  Notifications(History history, Events events, Calls calls, Map<String, Notifier> notifiers, RetryPolicy retry,
      RunState run, Redactor redactor) {
    this.messages = run.plan().messages();
    this.history = history;
    this.events = events;
    this.calls = calls;
    this.notifiers = notifiers;
    this.retry = retry;
    this.run = run;
    this.redactor = redactor;
  }

  /** Every delivery so far, in order. */
  List<NotificationReport> reports() {
    return reports;
  }

  /**
   * Sends the messages of an event, if the plan has any.
   *
   * @param event the event
   * @param data what the templates are filled from, asked for only when a message is sent
   */
  void send(NotificationEvent event, java.util.function.Supplier<Map<String, Object>> data) {
    if (messages.stream().anyMatch(m -> m.event() == event)) {
      send(event, data.get(), "");
    }
  }

  /**
   * Sends the messages of an event.
   *
   * @param event the event
   * @param data what the templates are filled from
   * @param occurrence tells apart two sends of one event (alerts), for the journal
   */
  void send(NotificationEvent event, Map<String, Object> data, String occurrence) {
    for (int i = 0; i < messages.size(); i++) {
      MessageTemplate m = messages.get(i);
      if (m.event() != event) {
        continue;
      }
      String title;
      String body;
      try {
        title = redactor.redact(MessageTemplates.compiler().compile(m.title()).execute(data));
        body = redactor.redact(MessageTemplates.compiler().compile(m.body()).execute(data));
      } catch (RuntimeException e) {
        for (String channel : m.channels()) {
          deliver(event + occurrence, event, i, m, channel, null, "the message could not be rendered: "
              + calls.describe(e));
        }
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> shown = (Map<String, Object>) redactor.redactData(data);
      Notification n = new Notification(run.runId(), m.name(), event, title, body, shown);
      for (String channel : m.channels()) {
        deliver(event + occurrence, event, i, m, channel, n, null);
      }
    }
  }

  private void deliver(String occurrence, NotificationEvent event, int index, MessageTemplate m, String channel,
      Notification n, String renderError) {
    String key = "notify:" + occurrence + ":" + (index + 1) + ":" + channel;
    NotificationReport r = history.once(key, ENTRY, () -> renderError != null
        ? failure(m, event, channel, renderError, 0) : attempt(m, event, channel, n), x -> {
          if (x.delivered()) {
            events.emit(new RunEvent.NotificationSent(run.runId(), x.at(), m.name(), channel,
                x.location().orElse("")));
          } else if (x.attempts() == 0) {
            events.emit(new RunEvent.NotificationFailed(run.runId(), x.at(), m.name(), channel, 0, false,
                x.error().orElse("")));
          }
        });
    reports.add(r);
  }

  private NotificationReport attempt(MessageTemplate m, NotificationEvent event, String channel, Notification n) {
    Notifier notifier = notifiers.get(channel);
    if (notifier == null) {
      return failure(m, event, channel, "no notifier is registered for channel '" + channel
          + "'; register one with RollbackExecutor.builder().notifier(\"" + channel + "\", ...)", 0);
    }
    for (int attempt = 1; ; attempt++) {
      Attempts.Outcome<Delivery> o = calls.attempt(run.plan().defaultTimeout(), () -> notifier.send(n));
      Instant at = history.now();
      if (o.succeeded() && o.value() != null) {
        return new NotificationReport(m.name(), event, channel, true,
            Optional.of(redactor.redact(o.value().location())), Optional.empty(), attempt, at);
      }
      String error = o.timedOut() ? "timed out" : calls.describe(o.failure());
      boolean again = attempt < retry.maxAttempts();
      events.emit(new RunEvent.NotificationFailed(run.runId(), at, m.name(), channel, attempt, again, error));
      if (!again) {
        return failure(m, event, channel, error, attempt);
      }
      calls.sleep(retry.delayBefore(attempt));
    }
  }

  private NotificationReport failure(MessageTemplate m, NotificationEvent event, String channel, String error,
      int attempts) {
    return new NotificationReport(m.name(), event, channel, false, Optional.empty(), Optional.of(error), attempts,
        history.now());
  }
}
