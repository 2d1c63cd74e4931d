package dev.rollback.github.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * A github-api {@link GitHubConnector} on the JDK's HTTP client with a timeout on every exchange, so no call hangs
 * a rollback. The timeout covers the whole exchange, the body included: the JDK's own request timeout ends when the
 * headers arrive, and a body that stalls after them would wait for ever. A request of the adapter's own may ask for
 * a tighter bound ({@link ConnectorRequest#within()}, the time left before the operation's deadline). It never
 * retries; what may be retried is decided above it.
 */
public final class JdkConnector implements GitHubConnector {

  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final HttpClient client;
  private final Duration timeout;

  /**
   * Creates the connector.
   *
   * @param timeout how long to wait for a connection, and for each whole exchange
   */
  public JdkConnector(Duration timeout) {
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1).build();
  }

  @Override
  public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(request.url().toURI()).timeout(timeout);
    } catch (URISyntaxException e) {
      throw new IOException("not a URL: " + request.url(), e);
    }
    for (Map.Entry<String, List<String>> h : request.allHeaders().entrySet()) {
      if (h.getKey() == null || RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String v : h.getValue()) {
        b.header(h.getKey(), v);
      }
    }
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
    if (request.hasBody() && request.body() != null) {
      if (request.contentType() != null) {
        b.setHeader("Content-Type", request.contentType());
      }
      try (InputStream in = request.body()) {
        body = HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes());
      }
    }
    b.method(request.method(), body);
    Duration limit = timeout;
    if (request instanceof ConnectorRequest) {
      Optional<Duration> within = ((ConnectorRequest) request).within();
      if (within.isPresent() && within.get().compareTo(limit) < 0) {
        limit = within.get();
      }
    }
    CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(b.build(),
        HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> response;
    try {
      response = exchange.get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new HttpTimeoutException("timed out: no whole answer (status, headers and body) within "
          + limit.toMillis() + " ms");
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw (IOException) new InterruptedIOException("interrupted while calling GitHub").initCause(e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      throw new IOException("the call to GitHub failed: " + cause, cause);
    }
    byte[] bytes = response.body() == null ? new byte[0] : response.body();
    return new GitHubConnectorResponse.ByteArrayResponse(request, response.statusCode(), response.headers().map()) {
      @Override
      protected InputStream rawBodyStream() {
        return new java.io.ByteArrayInputStream(bytes);
      }
    };
  }
}
