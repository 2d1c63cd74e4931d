package dev.rollback.docker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.rollback.docker.DockerEngineException;
import dev.rollback.docker.DockerUnavailableException;
import dev.rollback.docker.EngineInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to one engine, made on first use: a ping and a version request with short timeouts, then two
 * docker-java clients over the httpclient5 transport, one for ordinary requests (bounded response timeout) and one
 * for requests that legitimately stay silent for long (waiting for a container, attaching, building), whose waits
 * the callers bound themselves.
 */
public final class Engine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final EngineLocator.Target target;
  private final Duration connectTimeout;
  private final Duration pingTimeout;
  private final Duration requestTimeout;

  private EngineInfo info;
  private DockerHttpClient apiHttp;
  private DockerClient api;
  private DockerHttpClient streamingHttp;
  private DockerClient streaming;
  private boolean closed;

  /**
   * Creates the connection; nothing is contacted until the first call.
   *
   * @param target where the engine is
   * @param connectTimeout how long to wait for a connection
   * @param pingTimeout how long the first ping and version request may take
   * @param requestTimeout how long an ordinary request may stay silent
   */
  public Engine(EngineLocator.Target target, Duration connectTimeout, Duration pingTimeout, Duration requestTimeout) {
    this.target = target;
    this.connectTimeout = connectTimeout;
    this.pingTimeout = pingTimeout;
    this.requestTimeout = requestTimeout;
  }

  /**
   * The engine's address.
   *
   * @return the host
   */
  public String host() {
    return target.host();
  }

  /**
   * Where the address came from.
   *
   * @return the source, for messages
   */
  public String source() {
    return target.source();
  }

  /**
   * The host and its source, for messages: {@code unix:///x.sock (from DOCKER_HOST)}.
   *
   * @return the text
   */
  public String where() {
    return target.host() + " (from " + target.source() + ")";
  }

  /**
   * Pings the engine and reads its version, once; later calls return the first answer.
   *
   * @return what the engine said
   * @throws DockerUnavailableException if the engine does not answer within the ping timeout
   */
  public synchronized EngineInfo info() {
    if (closed) {
      throw new IllegalStateException("the Docker adapter for " + where() + " is closed");
    }
    if (info != null) {
      return info;
    }
    long started = System.nanoTime();
    try (DockerHttpClient probe = http(pingTimeout)) {
      String pong = text(probe, "/_ping");
      if (!pong.trim().equals("OK")) {
        throw new DockerUnavailableException(host(), "the Docker engine at " + where()
            + " answered the ping with '" + abbreviate(pong) + "' instead of OK", null);
      }
      JsonNode v = Json.mapper().readTree(text(probe, "/version"));
      info = new EngineInfo(host(), source(), v.path("Version").asText("unknown"),
          v.path("ApiVersion").asText("unknown"), v.path("Os").asText("unknown"), v.path("Arch").asText("unknown"));
    } catch (DockerUnavailableException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw unavailable("connecting", e);
    }
    apiHttp = http(requestTimeout);
    api = client(apiHttp);
    streamingHttp = http(null);
    streaming = client(streamingHttp);
    LOG.debug("connected to {} in {} ms", info.describe(), (System.nanoTime() - started) / 1_000_000);
    return info;
  }

  /**
   * The client for ordinary requests, whose silences are bounded by the request timeout.
   *
   * @return the client
   */
  public DockerClient api() {
    info();
    return api;
  }

  /**
   * The client for requests that stay silent for long (wait, attach, build); callers bound their own waits.
   *
   * @return the client
   */
  public DockerClient streaming() {
    info();
    return streaming;
  }

  /**
   * Sends {@code GET path} through docker-java's own HTTP client and parses the JSON answer, for endpoints
   * docker-java has no command for ({@code /system/df}).
   *
   * @param what what the request is for, for messages
   * @param path the path with its query
   * @return the JSON answer
   * @throws DockerEngineException if the engine answers with an error
   * @throws DockerUnavailableException if it does not answer
   */
  public JsonNode getJson(String what, String path) {
    info();
    DockerHttpClient.Request request = DockerHttpClient.Request.builder()
        .method(DockerHttpClient.Request.Method.GET).path(path).build();
    try (DockerHttpClient.Response response = apiHttp.execute(request); InputStream body = response.getBody()) {
      byte[] bytes = body.readAllBytes();
      if (response.getStatusCode() / 100 != 2) {
        throw new DockerEngineException(what + " failed: the engine at " + host() + " answered GET " + path + " with "
            + response.getStatusCode() + ": " + errorMessage(bytes));
      }
      return Json.mapper().readTree(bytes);
    } catch (IOException | RuntimeException e) {
      if (e instanceof DockerEngineException) {
        throw (DockerEngineException) e;
      }
      throw translate(what, e);
    }
  }

  /**
   * Opens {@code GET path} as a stream through docker-java's HTTP client without a response timeout; the caller
   * reads it and closes the response (closing it from another thread stops the read).
   *
   * @param what what the request is for, for messages
   * @param path the path with its query
   * @return the open response
   */
  public DockerHttpClient.Response openStream(String what, String path) {
    info();
    DockerHttpClient.Request request = DockerHttpClient.Request.builder()
        .method(DockerHttpClient.Request.Method.GET).path(path).build();
    DockerHttpClient.Response response;
    try {
      response = streamingHttp.execute(request);
    } catch (RuntimeException e) {
      throw translate(what, e);
    }
    if (response.getStatusCode() / 100 != 2) {
      String message;
      try (InputStream body = response.getBody()) {
        message = errorMessage(body.readAllBytes());
      } catch (IOException e) {
        message = e.getMessage();
      } finally {
        response.close();
      }
      throw new DockerEngineException(what + " failed: the engine at " + host() + " answered GET " + path + " with "
          + response.getStatusCode() + ": " + message);
    }
    return response;
  }

  /**
   * Runs a docker-java call, turning its errors into ours: unreachable engine, not found, conflict, other.
   *
   * @param what what the call does, such as {@code create the container for service 'test'}
   * @param call the call
   * @param <T> the call's result
   * @return the result
   * @throws DockerEngineException naming what failed
   */
  public <T> T call(String what, Supplier<T> call) {
    info();
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw translate(what, e);
    }
  }

  /**
   * Runs a docker-java call without a result.
   *
   * @param what what the call does
   * @param call the call
   * @throws DockerEngineException naming what failed
   */
  public void run(String what, Runnable call) {
    call(what, () -> {
      call.run();
      return null;
    });
  }

  /**
   * Our exception for a docker-java or transport error.
   *
   * @param what what was being done
   * @param e the error
   * @return the exception to throw
   */
  public DockerEngineException translate(String what, Throwable e) {
    if (e instanceof DockerEngineException) {
      return (DockerEngineException) e;
    }
    if (e instanceof NotFoundException || e instanceof ConflictException || e instanceof DockerException) {
      return new DockerEngineException("could not " + what + " on the engine at " + host() + ": "
          + errorMessage(e.getMessage().getBytes(StandardCharsets.UTF_8)), e);
    }
    if (isTransport(e)) {
      return unavailable(what, e);
    }
    return new DockerEngineException("could not " + what + " on the engine at " + host() + ": " + e, e);
  }

  private static boolean isTransport(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException || t.getClass().getName().startsWith("com.sun.jna")) {
        return !(t instanceof InterruptedIOException) || t instanceof java.net.SocketTimeoutException;
      }
    }
    return false;
  }

  private DockerUnavailableException unavailable(String what, Throwable e) {
    return new DockerUnavailableException(host(), "the Docker engine at " + where() + " is not reachable ("
        + what + "): " + rootMessage(e) + "; start an engine (scripts/test.sh starts a private one) or point DOCKER_HOST"
        + " at one", e);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /**
   * The engine's error message from an error body, {@code {"message": "..."}}, or the text itself.
   *
   * @param body the body
   * @return the message
   */
  static String errorMessage(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).trim();
    if (text.startsWith("{")) {
      try {
        JsonNode n = Json.mapper().readTree(text);
        if (n.hasNonNull("message")) {
          return n.get("message").asText();
        }
      } catch (IOException e) {
        return abbreviate(text);
      }
    }
    return abbreviate(text);
  }

  private static String abbreviate(String s) {
    return s.length() > 500 ? s.substring(0, 500) + "..." : s;
  }

  private DockerHttpClient http(Duration responseTimeout) {
    ApacheDockerHttpClient.Builder b = new ApacheDockerHttpClient.Builder()
        .dockerHost(URI.create(target.host()))
        .connectionTimeout(connectTimeout)
        .maxConnections(32);
    if (responseTimeout != null) {
      b.responseTimeout(responseTimeout);
    }
    target.tlsDirectory().ifPresent(dir -> b.sslConfig(new LocalDirectorySSLConfig(dir.toString())));
    return b.build();
  }

  private DockerClient client(DockerHttpClient http) {
    DefaultDockerClientConfig.Builder config = new DefaultDockerClientConfig.Builder().withDockerHost(target.host());
    target.tlsDirectory().ifPresent(dir -> config.withCustomSslConfig(new LocalDirectorySSLConfig(dir.toString())));
    return DockerClientImpl.getInstance(config.build(), http);
  }

  private static String text(DockerHttpClient http, String path) throws IOException {
    DockerHttpClient.Request request = DockerHttpClient.Request.builder()
        .method(DockerHttpClient.Request.Method.GET).path(path).build();
    try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
      String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
      if (response.getStatusCode() / 100 != 2) {
        throw new IOException("GET " + path + " answered " + response.getStatusCode() + ": " + abbreviate(text));
      }
      return text;
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (AutoCloseable c : new AutoCloseable[] {api, streaming, apiHttp, streamingHttp}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          LOG.debug("closing a Docker client for {} failed", host(), e);
        }
      }
    }
  }
}
