package dev.rollback.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rollback.testkit.Fault;
import dev.rollback.testkit.GitHubContract;
import dev.rollback.testkit.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fake's HTTP side: receives a request, checks it against the contract, applies an injected fault or a canned
 * answer, lets {@link Operations} answer, honours {@code If-None-Match}, checks the response against the contract,
 * logs the exchange and sends it.
 */
public final class Engine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private static final int LIMIT = 5000;

  /**
   * A recorded answer for the next request to a path.
   *
   * @param status the status
   * @param body the body, or null
   */
  public record Canned(int status, String body) {}

  private final HttpServer server;
  private final ExecutorService threads;
  private final String base;
  private final Store store;
  private final Operations operations;
  private final GitHubContract contract;
  private final PathTemplates paths;
  private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
  private final Map<String, Deque<Canned>> canned = new ConcurrentHashMap<>();
  private final Map<String, Deque<Runnable>> hooks = new ConcurrentHashMap<>();
  private final List<RecordedRequest> log = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicInteger used = new AtomicInteger();
  private final AtomicLong requestIds = new AtomicLong(0xC0DE0000L);
  private volatile String requiredToken;

  /**
   * Starts the fake on an ephemeral port of the loopback interface.
   *
   * @param store the state
   * @param contract the contract to check exchanges against
   * @param description GitHub's OpenAPI description, for paths and examples
   * @throws IOException when no port can be bound
   */
  public Engine(Store store, GitHubContract contract, JsonNode description) throws IOException {
    this.store = store;
    this.contract = contract;
    this.paths = PathTemplates.of(description);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    this.base = "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    this.operations = new Operations(store, new Payloads(description, base), base);
    AtomicInteger n = new AtomicInteger();
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-github-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    server.createContext("/", this::serve);
    server.start();
  }

  /**
   * The base URL, {@code http://127.0.0.1:<port>}.
   *
   * @return the URL
   */
  public String base() {
    return base;
  }

  /**
   * The operations, for switches such as {@link Operations#dispatchRunDetails(boolean)}.
   *
   * @return the operations
   */
  public Operations operations() {
    return operations;
  }

  /**
   * Requires a token: requests without it are answered 401.
   *
   * @param token the token, or null to accept any request
   */
  public void requireToken(String token) {
    this.requiredToken = token;
  }

  /**
   * Queues a fault for the next request to an operation.
   *
   * @param operationId the operation
   * @param fault the fault
   */
  public void inject(String operationId, Fault fault) {
    faults.computeIfAbsent(operationId, k -> new ArrayDeque<>()).add(fault);
  }

  /**
   * Queues an action to run just before the next request to an operation is answered.
   *
   * @param operationId the operation
   * @param action the action
   */
  public void beforeNext(String operationId, Runnable action) {
    hooks.computeIfAbsent(operationId, k -> new ArrayDeque<>()).add(action);
  }

  /**
   * Queues a recorded answer for the next request to a method and path.
   *
   * @param method the method
   * @param path the path, without the query
   * @param answer the answer
   */
  public void answerNext(String method, String path, Canned answer) {
    canned.computeIfAbsent(method.toUpperCase(java.util.Locale.ROOT) + " " + path, k -> new ArrayDeque<>()).add(answer);
  }

  /**
   * The request log, oldest first.
   *
   * @return the requests
   */
  public List<RecordedRequest> log() {
    return List.copyOf(log);
  }

  /** Forgets the requests logged so far. */
  public void clearLog() {
    log.clear();
  }

  /**
   * The contract violations seen so far.
   *
   * @return the violations
   */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  /**
   * Records a violation found outside the HTTP path.
   *
   * @param violation the violation
   */
  public void violation(String violation) {
    violations.add(violation);
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }

  private void serve(HttpExchange http) throws IOException {
    try {
      handle(http);
    } catch (RuntimeException | Error e) {
      LOG.error("the fake GitHub failed on {} {}", http.getRequestMethod(), http.getRequestURI(), e);
      violations.add("the fake GitHub failed on " + http.getRequestMethod() + " " + http.getRequestURI() + ": " + e);
      send(http, 500, Map.of("Content-Type", "application/json; charset=utf-8"),
          Payloads.error("FakeGitHub failed: " + e, 500).toString());
    } finally {
      http.close();
    }
  }

  private void handle(HttpExchange http) throws IOException {
    Instant at = store.clock().instant();
    String method = http.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
    String path = http.getRequestURI().getRawPath();
    String query = Optional.ofNullable(http.getRequestURI().getRawQuery()).orElse("");
    Map<String, List<String>> headers = new LinkedHashMap<>();
    http.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
    String body = new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Exchange x = new Exchange(method, path, query, headers, body, paths.match(method, path));
    Optional<String> op = x.match().map(PathTemplates.Match::operationId);
    boolean authenticated = authenticated(x);
    boolean conditional = x.header("If-None-Match").isPresent();

    List<String> requestProblems = contract.checkRequest(method, path, query, headers, body.isEmpty() ? null : body);
    if (!requestProblems.isEmpty()) {
      violations.addAll(requestProblems);
      log.add(new RecordedRequest(at, method, path, query, op, 400, conditional, authenticated, body));
      send(http, 400, json(), Payloads.error("FakeGitHub: this request violates GitHub's OpenAPI description: "
          + String.join("; ", requestProblems), 400).toString());
      return;
    }
    if (requiredToken != null && !authenticated) {
      log.add(new RecordedRequest(at, method, path, query, op, 401, conditional, false, body));
      send(http, 401, json(), Payloads.error("Bad credentials", 401).toString());
      return;
    }

    Runnable hook = op.map(hooks::get).map(Deque::poll).orElse(null);
    if (hook != null) {
      hook.run();
    }
    Fault fault = op.map(faults::get).map(Deque::poll).orElse(null);
    Canned answer = Optional.ofNullable(canned.get(method + " " + path)).map(Deque::poll).orElse(null);
    Reply reply;
    boolean checkResponse = true;
    store.lock().lock();
    try {
      if (fault != null && fault.kind() == Fault.Kind.ECHOED_HEADERS) {
        reply = echo(fault.status(), headers);
      } else if (fault != null && fault.kind() != Fault.Kind.LOST_RESPONSE
          && fault.kind() != Fault.Kind.DELAYED_RESPONSE && fault.kind() != Fault.Kind.STALLED_BODY) {
        reply = fault(fault);
      } else if (answer != null) {
        reply = new Reply(answer.status(), new LinkedHashMap<>(),
            answer.body() == null ? null : Payloads.JSON.readTree(answer.body()), true);
        checkResponse = false;
      } else {
        reply = operations.handle(x);
      }
    } finally {
      store.lock().unlock();
    }

    if (fault != null && fault.kind() == Fault.Kind.LOST_RESPONSE) {
      log.add(new RecordedRequest(at, method, path, query, op, 0, conditional, authenticated, body));
      LOG.debug("fake GitHub processed {} {} and closes the connection without an answer", method, path);
      return;
    }
    RecordedRequest pending = null;
    if (fault != null && fault.kind() == Fault.Kind.DELAYED_RESPONSE) {
      pending = new RecordedRequest(at, method, path, query, op, 0, conditional, authenticated, body);
      log.add(pending);
      LOG.debug("fake GitHub processed {} {} and holds the answer back for {}", method, path, fault.retryAfter());
      try {
        if (closing.await(fault.retryAfter().toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }

    String text = reply.body() == null ? null : reply.body().toString();
    Map<String, String> out = new LinkedHashMap<>(standardHeaders(reply.status()));
    out.putAll(reply.headers());
    if (text != null) {
      out.put("Content-Type", "application/json; charset=utf-8");
    }
    int status = reply.status();
    if (method.equals("GET") && status == 200 && text != null) {
      String etag = etag(text);
      out.put("ETag", etag);
      if (x.header("If-None-Match").map(etag::equals).orElse(false)) {
        status = 304;
        text = null;
        out.remove("Content-Type");
        out.remove("Link");
      }
    }
    if (status != 304) {
      used.incrementAndGet();
    }
    if (checkResponse && !(reply.generic() && !documents(x, status))) {
      Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
      out.forEach((k, v) -> responseHeaders.put(k, List.of(v)));
      List<String> problems = contract.checkResponse(method, path, headers, status, responseHeaders, text);
      if (!problems.isEmpty()) {
        violations.addAll(problems);
        status = 500;
        text = Payloads.error("FakeGitHub: its response violates GitHub's OpenAPI description: "
            + String.join("; ", problems), 500).toString();
        out = new LinkedHashMap<>(json());
      }
    }
    RecordedRequest done = new RecordedRequest(at, method, path, query, op, status, conditional, authenticated, body);
    if (pending == null) {
      log.add(done);
    } else {
      synchronized (log) {
        int i = log.indexOf(pending);
        if (i >= 0) {
          log.set(i, done);
        }
      }
    }
    if (fault != null && fault.kind() == Fault.Kind.STALLED_BODY) {
      LOG.debug("fake GitHub processed {} {} and stalls its body for {}", method, path, fault.retryAfter());
      sendStalled(http, status, out, text, fault.retryAfter());
      return;
    }
    send(http, status, out, text);
  }

  /** An error whose message quotes the request's headers, as a misconfigured proxy answers. */
  private static Reply echo(int status, Map<String, List<String>> headers) {
    StringBuilder b = new StringBuilder("Request refused by proxy; it sent:");
    headers.forEach((k, v) -> b.append(' ').append(k).append(": ").append(String.join(", ", v)).append(';'));
    return Reply.generic(status, b.toString());
  }

  /**
   * Sends the status, the headers and the first half of the body, then the rest after the stall; an answer without
   * a body is held back whole.
   */
  private void sendStalled(HttpExchange http, int status, Map<String, String> headers, String body, Duration stall)
      throws IOException {
    if (body == null) {
      try {
        if (!closing.await(stall.toMillis(), TimeUnit.MILLISECONDS)) {
          send(http, status, headers, null);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    headers.forEach((k, v) -> http.getResponseHeaders().add(k, v));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    http.sendResponseHeaders(status, bytes.length);
    OutputStream os = http.getResponseBody();
    os.write(bytes, 0, bytes.length / 2);
    os.flush();
    try {
      if (closing.await(stall.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try (os) {
      os.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
    } catch (IOException e) {
      LOG.debug("the client of a stalled answer had gone: {}", e.toString());
    }
  }

  /** Whether the operation's description lists the status, so that even a generic error is checked. */
  private boolean documents(Exchange x, int status) {
    return x.match().isPresent() && contract.documents(x.method(), x.match().get().template(), status);
  }

  private boolean authenticated(Exchange x) {
    Optional<String> auth = x.header("Authorization");
    if (auth.isEmpty()) {
      return false;
    }
    if (requiredToken == null) {
      return true;
    }
    String v = auth.get();
    return v.equals("Bearer " + requiredToken) || v.equals("token " + requiredToken);
  }

  private Reply fault(Fault f) {
    switch (f.kind()) {
      case RATE_LIMITED:
        return Reply.generic(403, "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help,"
            + " please include the request ID.")
            .with("X-RateLimit-Limit", Integer.toString(LIMIT)).with("X-RateLimit-Remaining", "0")
            .with("X-RateLimit-Used", Integer.toString(LIMIT))
            .with("X-RateLimit-Reset", Long.toString(f.reset().getEpochSecond()))
            .with("X-RateLimit-Resource", "core");
      case SECONDARY_LIMIT:
        Reply secondary = Reply.generic(403, "You have exceeded a secondary rate limit. Please wait a few minutes"
            + " before you try again. If you reach out to GitHub Support for help, please include the request ID.");
        return f.retryAfter() == null ? secondary
            : secondary.with("Retry-After", Long.toString(f.retryAfter().getSeconds()));
      case TOO_MANY_REQUESTS:
        return Reply.generic(429, "Too many requests").with("Retry-After", Long.toString(f.retryAfter().getSeconds()));
      default:
        return Reply.generic(f.status(), f.status() >= 500 ? "Server Error" : "Request failed (injected fault)");
    }
  }

  private Map<String, String> standardHeaders(int status) {
    Instant now = store.clock().instant();
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC)));
    h.put("Server", "FakeGitHub (simulated)");
    h.put("X-GitHub-Request-Id", Long.toHexString(requestIds.incrementAndGet()).toUpperCase(java.util.Locale.ROOT));
    h.put("X-GitHub-Api-Version-Selected", "2022-11-28");
    h.put("X-RateLimit-Limit", Integer.toString(LIMIT));
    h.put("X-RateLimit-Remaining", Integer.toString(Math.max(1, LIMIT - used.get() - 1)));
    h.put("X-RateLimit-Reset", Long.toString(now.plus(Duration.ofHours(1)).getEpochSecond()));
    h.put("X-RateLimit-Used", Integer.toString(used.get() + 1));
    h.put("X-RateLimit-Resource", "core");
    return h;
  }

  private static Map<String, String> json() {
    return Map.of("Content-Type", "application/json; charset=utf-8");
  }

  private static String etag(String body) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder("W/\"");
      for (int i = 0; i < 16; i++) {
        b.append(String.format("%02x", d[i]));
      }
      return b.append('"').toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void send(HttpExchange http, int status, Map<String, String> headers, String body) throws IOException {
    headers.forEach((k, v) -> http.getResponseHeaders().add(k, v));
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    http.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream os = http.getResponseBody()) {
        os.write(bytes);
      }
    }
  }

}
