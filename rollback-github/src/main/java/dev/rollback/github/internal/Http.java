package dev.rollback.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.github.GitHubException;
import dev.rollback.github.GitHubOutcomeUnknownException;
import dev.rollback.github.GitHubRateLimitException;
import dev.rollback.spi.SecretMask;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter's requests, sent through github-api's connector layer ({@link GitHubConnector}) with its credentials
 * ({@link AuthorizationProvider}) and its limit handlers ({@link Limits}). It calls exactly the endpoint asked for,
 * with no hidden look-ups, and applies these rules:
 * <ul>
 *   <li>a {@code GET} that fails with a connection error or a 5xx is retried, a bounded number of times, with
 *       backoff through the operation's sleeper, never past its deadline;</li>
 *   <li>a {@code POST} is sent again only when it provably did not reach GitHub (the connection was refused) or
 *       GitHub refused it for a rate limit; after anything else (a timeout, a broken connection, a 5xx) its outcome
 *       is unknown and {@link GitHubOutcomeUnknownException} says so;</li>
 *   <li>GitHub's clock is taken from its {@code Date} header when that is within ten minutes of the local clock (a
 *       proxy's stale copy or a broken clock is not trusted), for correlating dispatches and rate-limit resets;</li>
 *   <li>a conditional {@code GET} sends the ETag of the adapter's last copy, and a 304 is answered from that copy
 *       (304s do not count against GitHub's rate limit);</li>
 *   <li>each exchange, its body included, ends by the connector's timeout or the operation's deadline, whichever
 *       comes first (once the deadline has passed, by the timeout alone);</li>
 *   <li>a secondary rate limit is recognised by its headers or, when GitHub sends none, by its message, and waited
 *       for as GitHub asks ({@link Limits});</li>
 *   <li>the credentials never reach a message: what the provider produces is added to the adapter's
 *       {@link SecretMask}, which masks every answer ({@link MaskingConnector}) and every failure.</li>
 * </ul>
 */
public final class Http {

  private static final Logger LOG = LoggerFactory.getLogger(Http.class);
  static final ObjectMapper JSON = new ObjectMapper();

  private final String apiUrl;
  private final AuthorizationProvider auth;
  private final SecretMask mask;
  private final GitHubConnector connector;
  private final Limits limits;
  private final int readAttempts;
  private final Duration backoff;
  private final EtagCache etags = new EtagCache(512);
  private final AtomicReference<Duration> serverOffset = new AtomicReference<>(Duration.ZERO);

  /**
   * Creates the layer.
   *
   * @param apiUrl the API's base URL
   * @param auth the credentials
   * @param mask the adapter's secrets, to which what the credentials produce is added
   * @param connector the transport
   * @param limits the rate-limit handlers
   * @param readAttempts how often a read is tried, at least 1
   * @param backoff the first wait before retrying a read; doubled each time
   */
  public Http(String apiUrl, AuthorizationProvider auth, SecretMask mask, GitHubConnector connector, Limits limits,
      int readAttempts, Duration backoff) {
    this.apiUrl = apiUrl;
    this.auth = auth;
    this.mask = mask;
    this.connector = connector;
    this.limits = limits;
    this.readAttempts = Math.max(1, readAttempts);
    this.backoff = backoff;
  }

  /**
   * Reads.
   *
   * @param path the path, such as {@code /repos/o/r/actions/runs}
   * @param query the query parameters, in order; null values are left out
   * @param budget the operation's budget
   * @param conditional whether to send the ETag of the last copy
   * @return GitHub's answer, any status
   */
  public Response get(String path, Map<String, ?> query, Budget budget, boolean conditional) {
    return send("GET", path + query(query), null, budget, conditional);
  }

  /**
   * Changes something.
   *
   * @param path the path
   * @param body the JSON body, or null for none
   * @param budget the operation's budget
   * @return GitHub's answer, any status below 500
   * @throws GitHubOutcomeUnknownException when the request may or may not have taken effect
   */
  public Response post(String path, JsonNode body, Budget budget) {
    return send("POST", path, body, budget, false);
  }

  /**
   * GitHub's clock, as its last {@code Date} header told, to the second.
   *
   * @param budget the operation's budget, for the local clock
   * @return GitHub's now
   */
  public Instant serverNow(Budget budget) {
    return budget.now().plus(serverOffset.get());
  }

  private static String query(Map<String, ?> q) {
    if (q == null || q.isEmpty()) {
      return "";
    }
    String s = q.entrySet().stream().filter(e -> e.getValue() != null)
        .map(e -> enc(e.getKey()) + "=" + enc(String.valueOf(e.getValue()))).collect(Collectors.joining("&"));
    return s.isEmpty() ? "" : "?" + s;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Encodes one path segment.
   *
   * @param s the segment
   * @return the encoded segment
   */
  public static String segment(String s) {
    return enc(s);
  }

  @SuppressWarnings("try") // the rate-limit scope is held open while the handlers wait, never read
  private Response send(String method, String pathAndQuery, JsonNode body, Budget budget, boolean conditional) {
    URL url;
    try {
      url = new URL(apiUrl + pathAndQuery);
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("cannot build a GitHub URL from " + apiUrl + " and " + pathAndQuery, e);
    }
    String name = method + " " + pathAndQuery;
    byte[] bytes = body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8);
    boolean read = method.equals("GET");
    int attempt = 0;
    int limited = 0;
    while (true) {
      attempt++;
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Accept", "application/vnd.github+json");
      headers.put("X-GitHub-Api-Version", "2022-11-28");
      headers.put("User-Agent", "rollback-github");
      try {
        String authorization = auth.getEncodedAuthorization();
        if (authorization != null) {
          headers.put("Authorization", authorization);
          mask.add(authorization);
          int space = authorization.indexOf(' ');
          mask.add(space < 0 ? authorization : authorization.substring(space + 1).trim());
        }
      } catch (IOException | RuntimeException e) {
        // A provider's failure may name what it was working with: only its kind and masked message go on.
        throw new GitHubException(0, "cannot obtain GitHub credentials for " + name + ": "
            + e.getClass().getSimpleName() + ": " + mask.apply(e.getMessage()));
      }
      EtagCache.Copy copy = conditional ? etags.get(url.toString()) : null;
      if (copy != null) {
        headers.put("If-None-Match", copy.etag());
      }
      if (bytes != null) {
        headers.put("Content-Type", "application/json");
      }
      Duration left = budget.remaining().filter(d -> !d.isZero()).orElse(null);
      ConnectorRequest request = new ConnectorRequest(method, url, headers, bytes, left);
      long started = System.nanoTime();
      GitHubConnectorResponse response;
      try {
        response = connector.send(request);
      } catch (InterruptedIOException e) {
        if (e.getClass() == InterruptedIOException.class) {
          Thread.currentThread().interrupt();
          throw new GitHubException(0, name + " was interrupted", e);
        }
        if (read && retry(name, attempt, budget, "timed out")) {
          continue;
        }
        throw failure(read, name, "timed out: " + e.getMessage(), e);
      } catch (IOException e) {
        boolean neverSent = e instanceof ConnectException || e instanceof java.net.http.HttpConnectTimeoutException;
        // Refused (nothing listens there) or no such host: trying again in a second will not help, so say it now.
        boolean unreachable = neverSent && !(e instanceof java.net.http.HttpConnectTimeoutException)
            || e instanceof java.net.UnknownHostException;
        if (!unreachable && (read || neverSent) && retry(name, attempt, budget, e.toString())) {
          continue;
        }
        if (neverSent || unreachable) {
          // The message says it all; the JDK's causes carry no message ("ConnectException"), only noise.
          LOG.debug("{}: cannot reach {}", name, apiUrl, e);
          throw new GitHubException(0, "cannot reach GitHub at " + apiUrl + ": " + unreachableReason(e) + " (" + name
              + "); check the URL (--github-url, GITHUB_API_URL) and the network", null);
        }
        throw failure(read, name, e.toString(), e);
      }
      try (GitHubConnectorResponse r = response) {
        noteDate(r, budget);
        int status = r.statusCode();
        byte[] answer = body(r);
        LOG.debug("{} -> {} ({} ms)", name, status, (System.nanoTime() - started) / 1_000_000);
        boolean secondary = Limits.isSecondaryLimited(r) || Limits.isSecondaryLimitMessage(status, message(answer));
        if (Limits.isRateLimited(r) || secondary) {
          if (++limited > 3) {
            throw new GitHubRateLimitException(status, name + " is still rate limited after 3 waits", null);
          }
          try (AutoCloseable scope = limits.within(budget)) {
            if (Limits.isRateLimited(r)) {
              limits.rateLimitHandler().onError(r);
            } else {
              limits.abuseLimitHandler().onError(r);
            }
          } catch (GitHubException e) {
            throw e;
          } catch (InterruptedIOException e) {
            throw new GitHubException(status, name + " was interrupted while waiting for GitHub's rate limit", e);
          } catch (Exception e) {
            throw new GitHubException(status, "cannot wait for GitHub's rate limit on " + name + ": " + e, e);
          }
          attempt--;
          continue;
        }
        if (status == 304 && copy != null) {
          return new Response(name, 200, r.allHeaders(), copy.body(), true);
        }
        if (status >= 500) {
          if (read && retry(name, attempt, budget, "GitHub answered " + status)) {
            continue;
          }
          String message = message(answer);
          throw failure(read, name, "GitHub answered " + status + (message.isEmpty() ? "" : ": " + message), null,
              status);
        }
        JsonNode json = parse(status, answer, name);
        Response result = new Response(name, status, r.allHeaders(), json, false);
        if (conditional && status == 200) {
          result.header("ETag").ifPresent(tag -> etags.put(url.toString(), tag, json));
        }
        return result;
      } catch (IOException e) {
        throw failure(read, name, "cannot read GitHub's answer: " + e, e);
      }
    }
  }

  /** Why a connection failed, in words: the first message among the causes ({@code connection refused}). */
  private static String unreachableReason(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      if (m != null && !m.isBlank()) {
        return t instanceof java.net.UnknownHostException ? "unknown host " + m
            : m.strip().substring(0, 1).toLowerCase(java.util.Locale.ROOT) + m.strip().substring(1);
      }
    }
    return e instanceof java.net.http.HttpConnectTimeoutException ? "connecting timed out"
        : e instanceof ConnectException ? "connection refused (nothing answers there)" : e.getClass().getSimpleName();
  }

  private GitHubException failure(boolean read, String name, String what, Throwable cause) {
    return failure(read, name, what, cause, 0);
  }

  private GitHubException failure(boolean read, String name, String what, Throwable cause, int status) {
    if (read) {
      return new GitHubException(status, name + " failed: " + what, cause);
    }
    return new GitHubOutcomeUnknownException(status, name + " may or may not have taken effect: " + what
        + "; it is not sent again", cause);
  }

  private boolean retry(String name, int attempt, Budget budget, String why) {
    if (attempt >= readAttempts) {
      return false;
    }
    Duration wait = backoff.multipliedBy(1L << (attempt - 1));
    if (!budget.allows(wait)) {
      return false;
    }
    LOG.info("{}: {}; trying again in {} ms ({} of {})", name, why, wait.toMillis(), attempt + 1, readAttempts);
    try {
      budget.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitHubException(0, name + " was interrupted while waiting to try again", e);
    }
    return true;
  }

  private void noteDate(GitHubConnectorResponse r, Budget budget) {
    Limits.serverDate(r, budget.now()).ifPresent(server ->
        serverOffset.set(Duration.between(budget.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), server)));
  }

  /** The answer's body, read once: every later look (a limit's message, the JSON) reads these bytes. */
  private static byte[] body(GitHubConnectorResponse r) throws IOException {
    if (r.statusCode() == 204 || r.statusCode() == 304) {
      return new byte[0];
    }
    try (InputStream in = r.bodyStream()) {
      return in == null ? new byte[0] : in.readAllBytes();
    }
  }

  /** GitHub's {@code message} in an error body, or empty. */
  private static String message(byte[] body) {
    if (body.length == 0) {
      return "";
    }
    try {
      JsonNode json = JSON.readTree(body);
      return json == null ? "" : json.path("message").asText("");
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static JsonNode parse(int status, byte[] body, String name) throws IOException {
    if (status == 204 || status == 304 || body.length == 0) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IOException("GitHub's answer to " + name + " is not JSON", e);
    }
  }
}
