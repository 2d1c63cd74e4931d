package dev.rollback.github.internal;

import dev.rollback.spi.SecretMask;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * Keeps the adapter's own secrets out of everything that comes back from GitHub, or from whatever answers in its
 * place: a proxy or a misconfigured server that echoes the request's {@code Authorization} header into an error
 * message or a header would otherwise put the token into the adapter's exceptions, logs and results, with or without
 * the executor. Wraps any connector (the built-in one, or one given to the builder): bodies and header values are
 * masked before anyone reads them, and so are the messages of the connector's failures.
 */
public final class MaskingConnector implements GitHubConnector {

  private final GitHubConnector inner;
  private final SecretMask mask;

  /**
   * Wraps a connector.
   *
   * @param inner the connector
   * @param mask the adapter's secrets
   */
  public MaskingConnector(GitHubConnector inner, SecretMask mask) {
    this.inner = inner;
    this.mask = mask;
  }

  @Override
  public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
    GitHubConnectorResponse response;
    byte[] body;
    try {
      response = inner.send(request);
      try (GitHubConnectorResponse r = response) {
        InputStream in = r.statusCode() == 204 || r.statusCode() == 304 ? null : r.bodyStream();
        body = in == null ? new byte[0] : in.readAllBytes();
      }
    } catch (IOException e) {
      throw masked(e);
    }
    String text = new String(body, StandardCharsets.UTF_8);
    byte[] masked = mask.reveals(text) ? mask.apply(text).getBytes(StandardCharsets.UTF_8) : body;
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    response.allHeaders().forEach((k, v) -> {
      // The body was decoded reading it: it is passed on as plain bytes.
      if (k != null && !k.equalsIgnoreCase("Content-Encoding") && !k.equalsIgnoreCase("Content-Length")) {
        List<String> values = new ArrayList<>();
        v.forEach(x -> values.add(mask.apply(x)));
        headers.put(k, values);
      }
    });
    return new GitHubConnectorResponse.ByteArrayResponse(response.request(), response.statusCode(), headers) {
      @Override
      protected InputStream rawBodyStream() {
        return new ByteArrayInputStream(masked);
      }
    };
  }

  /** The failure itself, or, when it names a secret, one in words that neither carries it nor its cause. */
  private IOException masked(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (mask.reveals(t.getMessage())) {
        return new IOException(e.getClass().getSimpleName() + ": " + mask.apply(String.valueOf(e.getMessage()))
            + (t == e ? "" : " (caused by " + t.getClass().getSimpleName() + ": " + mask.apply(t.getMessage()) + ")"));
      }
    }
    return e;
  }
}
