package dev.rollback.run;

import dev.rollback.spi.Delivery;
import dev.rollback.spi.Notification;
import dev.rollback.spi.Notifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channels that need no adapter: Markdown files, the log, and a webhook in Slack's incoming-webhook shape. The
 * GitHub adapter adds issues and comments. Register a channel on the executor under the name the plan's messages
 * use:
 *
 * <pre>{@code
 * RollbackExecutor.builder()
 *     .notifier("files", Notifiers.markdownFiles(repo.resolve(".rollback/notifications")))
 *     .notifier("slack", Notifiers.webhook(System.getenv("SLACK_WEBHOOK_URL")))
 * }</pre>
 */
public final class Notifiers {

  private static final Logger LOG = LoggerFactory.getLogger("dev.rollback.notifications");

  private Notifiers() {}

  /**
   * Writes each message as a Markdown file {@code <run>-<message>.md} in a directory (created when missing),
   * atomically: a reader never sees half a message.
   *
   * @param directory where to write
   * @return the channel
   */
  public static Notifier markdownFiles(Path directory) {
    Objects.requireNonNull(directory, "directory");
    return n -> {
      Files.createDirectories(directory);
      Path file = directory.resolve(fileName(n.runId() + "-" + n.message()) + ".md");
      Path tmp = Files.createTempFile(directory, ".notification", ".tmp");
      try {
        Files.writeString(tmp, "# " + n.title() + "\n\n" + n.body().strip() + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return new Delivery("file", file.toString());
    };
  }

  /**
   * Writes each message to the log (SLF4J logger {@code dev.rollback.notifications}, level INFO).
   *
   * @return the channel
   */
  public static Notifier log() {
    return n -> {
      LOG.info("{} [{}]\n{}", n.title(), n.event(), n.body().strip());
      return new Delivery("log", "log");
    };
  }

  /**
   * Posts each message as JSON in Slack's incoming-webhook shape ({@code text} with the title in bold, then the
   * body) to a URL that is itself a secret: it never appears in logs, reports or errors. The channel's
   * {@link Notifier#secrets() secrets} are the URL and its path with the query, which hold the key.
   *
   * @param url the webhook URL
   * @return the channel
   * @throws IllegalArgumentException if the URL is not an http or https URL (the message does not show it)
   */
  public static Notifier webhook(String url) {
    return webhook(url, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
        Duration.ofSeconds(20));
  }

  static Notifier webhook(String url, HttpClient client, Duration timeout) {
    Objects.requireNonNull(url, "url");
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the webhook URL is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
      throw new IllegalArgumentException("the webhook URL must be an http or https URL");
    }
    String shown = scheme + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/***";
    // The key is in the path (Slack, Teams, Discord) or the query: secret on its own too, wherever it is printed.
    String key = uri.getRawPath() == null ? "" : uri.getRawPath() + (uri.getRawQuery() == null ? ""
        : "?" + uri.getRawQuery());
    List<String> secret = key.length() > 1 && !key.equals(url) ? List.of(url, key) : List.of(url);
    return new Notifier() {
      @Override
      public Delivery send(Notification n) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(slackJson(n), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
          response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
          throw new IOException("webhook " + shown + " could not be reached: " + e.getClass().getSimpleName());
        }
        if (response.statusCode() / 100 != 2) {
          throw new IOException("webhook " + shown + " answered HTTP " + response.statusCode());
        }
        return new Delivery("webhook", shown);
      }

      @Override
      public Collection<String> secrets() {
        return secret;
      }

      @Override
      public String toString() {
        return "webhook " + shown;
      }
    };
  }

  static String slackJson(Notification n) {
    try {
      com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
      com.fasterxml.jackson.databind.node.ObjectNode root = m.createObjectNode();
      root.put("text", "*" + n.title() + "*\n" + n.body().strip());
      return m.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fileName(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]+", "-");
  }
}
