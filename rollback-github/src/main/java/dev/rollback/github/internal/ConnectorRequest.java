package dev.rollback.github.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.kohsuke.github.connector.GitHubConnectorRequest;

/** One request of the adapter's own, in github-api's connector form. */
final class ConnectorRequest implements GitHubConnectorRequest {

  private final String method;
  private final URL url;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final Duration within;

  ConnectorRequest(String method, URL url, Map<String, String> headers, byte[] body, Duration within) {
    this.method = method;
    this.url = url;
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> h.put(k, List.of(v)));
    this.headers = java.util.Collections.unmodifiableMap(h);
    this.body = body;
    this.within = within;
  }

  /**
   * The longest the whole exchange may take, when tighter than the connector's timeout: the time left before the
   * operation's deadline.
   *
   * @return the bound, when there is one
   */
  Optional<Duration> within() {
    return Optional.ofNullable(within);
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public Map<String, List<String>> allHeaders() {
    return headers;
  }

  @Override
  public String header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  @Override
  public String contentType() {
    return header("Content-Type");
  }

  @Override
  public InputStream body() {
    return body == null ? null : new ByteArrayInputStream(body);
  }

  @Override
  public URL url() {
    return url;
  }

  @Override
  public boolean hasBody() {
    return body != null;
  }

  @Override
  public String toString() {
    // Never the headers: they hold the credentials.
    return method + " " + url.getPath();
  }
}
