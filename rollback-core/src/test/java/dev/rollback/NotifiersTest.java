package dev.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.rollback.run.Notifiers;
import dev.rollback.spi.Delivery;
import dev.rollback.spi.Notification;
import dev.rollback.spi.Notifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifiersTest {

  private static final Notification MESSAGE = new Notification("run-1", "rollback-notification",
      NotificationEvent.ROLLBACK_COMPLETED, "P3-007 Rollback Notification",
      "## Summary\nDocker CI test execution has been rolled back.\n", Map.of("severity", "critical"));

  @Test
  void markdownFilesWritesOneFilePerRunAndMessage(@TempDir Path dir) throws Exception {
    Delivery d = Notifiers.markdownFiles(dir.resolve("out")).send(MESSAGE);

    Path file = dir.resolve("out/run-1-rollback-notification.md");
    assertThat(d.location()).isEqualTo(file.toString());
    assertThat(Files.readString(file)).isEqualTo("# P3-007 Rollback Notification\n\n## Summary\n"
        + "Docker CI test execution has been rolled back.\n");
    assertThat(Files.list(file.getParent())).hasSize(1);
  }

  @Test
  void logWritesTheMessageAtInfoToTheNotificationsLogger() throws Exception {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.rollback.notifications");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
        new ch.qos.logback.core.read.ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      Delivery d = Notifiers.log().send(MESSAGE);

      assertThat(d.channel()).isEqualTo("log");
      assertThat(logs.list).singleElement().satisfies(e -> {
        assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.INFO);
        assertThat(e.getFormattedMessage()).isEqualTo("P3-007 Rollback Notification [ROLLBACK_COMPLETED]\n"
            + "## Summary\nDocker CI test execution has been rolled back.");
      });
    } finally {
      logger.detachAppender(logs);
    }
  }

  @Test
  void webhookPostsSlackShapedJson() throws Exception {
    AtomicReference<String> body = new AtomicReference<>();
    AtomicReference<String> type = new AtomicReference<>();
    HttpServer server = server(200, body, type, new AtomicInteger());
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T000/B000/SECRETKEY";
      Delivery d = Notifiers.webhook(url).send(MESSAGE);

      JsonNode json = new ObjectMapper().readTree(body.get());
      assertThat(json.get("text").asText()).startsWith("*P3-007 Rollback Notification*\n## Summary");
      assertThat(type.get()).startsWith("application/json");
      assertThat(d.location()).doesNotContain("SECRETKEY").endsWith("/***");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aFailingWebhookSaysSoWithoutShowingItsUrl() throws Exception {
    HttpServer server = server(500, new AtomicReference<>(), new AtomicReference<>(), new AtomicInteger());
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T000/B000/SECRETKEY";
      Notifier webhook = Notifiers.webhook(url);
      assertThat(webhook.secrets()).containsExactly(url, "/services/T000/B000/SECRETKEY");
      assertThat(webhook.toString()).doesNotContain("SECRETKEY");
      assertThatThrownBy(() -> webhook.send(MESSAGE)).hasMessageContaining("answered HTTP 500")
          .hasMessageNotContaining("SECRETKEY");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anUnreachableWebhookSaysSoWithoutShowingItsUrl() {
    Notifier webhook = Notifiers.webhook("http://127.0.0.1:1/services/SECRETKEY");
    assertThatThrownBy(() -> webhook.send(MESSAGE)).hasMessageContaining("could not be reached")
        .hasMessageNotContaining("SECRETKEY");
  }

  @Test
  void aWebhookUrlThatIsNotHttpIsRefusedWithoutShowingIt() {
    assertThatThrownBy(() -> Notifiers.webhook("ftp://hooks.example.com/SECRETKEY"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("SECRETKEY");
  }

  private static HttpServer server(int status, AtomicReference<String> body, AtomicReference<String> type,
      AtomicInteger calls) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      calls.incrementAndGet();
      body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      type.set(exchange.getRequestHeaders().getFirst("Content-Type"));
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
    return server;
  }
}
