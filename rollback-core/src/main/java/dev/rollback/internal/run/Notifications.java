package dev.rollback.internal.run;

import dev.rollback.MessageTemplate;
import dev.rollback.NotificationEvent;
import dev.rollback.RetryPolicy;
import dev.rollback.RollbackReport.NotificationReport;
import dev.rollback.RunEvent;
import dev.rollback.internal.MessageTemplates;
import dev.rollback.internal.journal.RecordCodec;
import dev.rollback.spi.Delivery;
import dev.rollback.spi.Notification;
import dev.rollback.spi.Notifier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the plan's messages for an event with Mustache and sends each through its channels. A failed send is
 * retried by the executor's policy, recorded, and never stops a rollback; a channel with no notifier is recorded
 * as a failed delivery. Rendered texts are masked before they leave.
 */
final class Notifications {

  private final Session s;

  Notifications(Session s) {
    this.s = s;
  }

  void send(NotificationEvent event, java.util.function.Supplier<Map<String, Object>> data) {
    if (s.plan.messages().stream().anyMatch(m -> m.event() == event)) {
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
    List<MessageTemplate> messages = s.plan.messages();
    for (int i = 0; i < messages.size(); i++) {
      MessageTemplate m = messages.get(i);
      if (m.event() != event) {
        continue;
      }
      String title;
      String body;
      try {
        title = s.redactor.redact(MessageTemplates.compiler().compile(m.title()).execute(data));
        body = s.redactor.redact(MessageTemplates.compiler().compile(m.body()).execute(data));
      } catch (RuntimeException e) {
        for (String channel : m.channels()) {
          deliver(event + occurrence, event, i, m, channel, null, "the message could not be rendered: "
              + s.describe(e));
        }
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> shown = (Map<String, Object>) s.redactor.redactData(data);
      Notification n = new Notification(s.runId(), m.name(), event, title, body, shown);
      for (String channel : m.channels()) {
        deliver(event + occurrence, event, i, m, channel, n, null);
      }
    }
  }

  private void deliver(String occurrence, NotificationEvent event, int index, MessageTemplate m, String channel,
      Notification n, String renderError) {
    String key = "notify:" + occurrence + ":" + (index + 1) + ":" + channel;
    Optional<Map<String, Object>> rec = s.replay.last(key, JournalRecords.NOTIFICATION);
    NotificationReport r;
    if (rec.isPresent()) {
      r = RecordCodec.fromData(NotificationReport.class, Session.result(rec.get()));
    } else {
      r = renderError != null ? failure(m, event, channel, renderError, 0) : attempt(m, event, channel, n);
      s.record(JournalRecords.NOTIFICATION, key, r.at(), Session.fields("result", RecordCodec.toData(r, true)));
      if (r.delivered()) {
        s.emit(new RunEvent.NotificationSent(s.runId(), r.at(), m.name(), channel, r.location().orElse("")));
      } else if (r.attempts() == 0) {
        s.emit(new RunEvent.NotificationFailed(s.runId(), r.at(), m.name(), channel, 0, false,
            r.error().orElse("")));
      }
    }
    s.report.notifications.add(r);
  }

  private NotificationReport attempt(MessageTemplate m, NotificationEvent event, String channel, Notification n) {
    Notifier notifier = s.cfg.notifiers().get(channel);
    if (notifier == null) {
      return failure(m, event, channel, "no notifier is registered for channel '" + channel
          + "'; register one with RollbackExecutor.builder().notifier(\"" + channel + "\", ...)", 0);
    }
    RetryPolicy retry = s.cfg.notificationRetry();
    for (int attempt = 1; ; attempt++) {
      Attempts.Outcome<Delivery> o = s.attempt(s.plan.defaultTimeout(), () -> notifier.send(n));
      Instant at = s.now();
      if (o.succeeded() && o.value() != null) {
        return new NotificationReport(m.name(), event, channel, true,
            Optional.of(s.redactor.redact(o.value().location())), Optional.empty(), attempt, at);
      }
      String error = o.timedOut() ? "timed out" : s.describe(o.failure());
      boolean again = attempt < retry.maxAttempts();
      s.emit(new RunEvent.NotificationFailed(s.runId(), at, m.name(), channel, attempt, again, error));
      if (!again) {
        return failure(m, event, channel, error, attempt);
      }
      s.sleep(retry.delayBefore(attempt));
    }
  }

  private NotificationReport failure(MessageTemplate m, NotificationEvent event, String channel, String error,
      int attempts) {
    return new NotificationReport(m.name(), event, channel, false, Optional.empty(), Optional.of(error), attempts,
        s.now());
  }
}
