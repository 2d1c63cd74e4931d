package dev.rollback.testkit;

import dev.rollback.testkit.internal.Engine;
import dev.rollback.testkit.internal.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A simulated GitHub REST API on the loopback interface, with state: a cancelled run reads back cancelled, a
 * dispatch creates a queued run that unfolds as the test scripted it, a re-run keeps the run's id and adds an
 * attempt, comments and issues appear where they were posted. Every request it receives and every response it sends
 * is checked against GitHub's own OpenAPI description ({@link GitHubContract}).
 *
 * <pre>{@code
 * try (FakeGitHub github = FakeGitHub.builder().clock(clock).start()) {
 *   FakeWorkflow ci = github.repository("acme/shop").workflow("ci.yml");
 *   ci.seedHistory("main", Duration.ofMinutes(5), "success", "failure", "success");
 *   // point the client at github.baseUrl() ...
 *   assertThat(github.requestCount("actions/list-workflow-runs")).isEqualTo(1);
 *   github.assertNoViolations();
 * }
 * }</pre>
 *
 * <p>A violation of the contract fails the exchange that caused it: a request GitHub's description does not allow
 * is answered {@code 400}, and a response of the fake that the description does not allow is replaced by
 * {@code 500}, both with the violation in the message; each is also kept, so that {@link #assertNoViolations()}
 * fails the test even when the client swallowed the error. Call it after each test.
 *
 * <p>Time comes from the clock given to the builder, so a test that advances a
 * {@code dev.rollback.run.ManualClock} moves runs along without waiting. The fake is a test and demonstration tool:
 * its URLs point at itself, and it says so in its {@code Server} header ({@code FakeGitHub (simulated)}). It runs
 * on the JDK's HTTP server, and turns on that server's {@code sun.net.httpserver.nodelay} unless set, so small
 * answers are not held back by delayed acknowledgements.
 */
public final class FakeGitHub implements AutoCloseable {

  static {
    // The JDK's HTTP server waits for delayed ACKs on small responses (about 40 ms each) unless TCP_NODELAY is on;
    // it reads the setting once, when its first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final Store store;
  private final Engine engine;

  private FakeGitHub(Builder b) {
    this.store = new Store(b.clock);
    store.tokenUser(b.tokenUser);
    try {
      this.engine = new Engine(store, GitHubContract.github(), GitHubContract.description());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fake GitHub on the loopback interface", e);
    }
    engine.requireToken(b.token);
  }

  /**
   * Starts a fake on the system clock.
   *
   * @return the running fake
   */
  public static FakeGitHub start() {
    return builder().start();
  }

  /**
   * Starts describing a fake.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The API's base URL, {@code http://127.0.0.1:<port>}: what a client uses instead of
   * {@code https://api.github.com}.
   *
   * @return the base URL
   */
  public String baseUrl() {
    return engine.base();
  }

  /**
   * The clock runs unfold on.
   *
   * @return the clock
   */
  public Clock clock() {
    return store.clock();
  }

  /**
   * A repository, created (with a {@code main} branch) when it does not exist yet.
   *
   * @param fullName {@code owner/name}
   * @return the repository
   * @throws IllegalArgumentException if the name is not {@code owner/name}
   */
  public FakeRepository repository(String fullName) {
    Objects.requireNonNull(fullName, "fullName");
    String[] parts = fullName.split("/");
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException("a repository is named owner/name, was '" + fullName + "'");
    }
    store.lock().lock();
    try {
      return new FakeRepository(store, store.repo(parts[0], parts[1]));
    } finally {
      store.lock().unlock();
    }
  }

  /**
   * Makes the next requests to an operation fail, one fault per request, in order; later requests are answered
   * normally.
   *
   * <pre>{@code
   * github.inject("actions/get-workflow-run", Fault.status(500));                 // 500, then 200
   * github.inject("actions/list-workflow-runs", Fault.tooManyRequests(Duration.ofSeconds(30)));
   * github.inject("actions/create-workflow-dispatch", Fault.lostResponse());        // run created, no answer
   * }</pre>
   *
   * @param operationId GitHub's operation id, as in {@link GitHubContract#operationIds()}
   * @param faults the faults
   * @throws IllegalArgumentException if the description has no such operation
   */
  public void inject(String operationId, Fault... faults) {
    requireOperation(operationId);
    for (Fault f : faults) {
      engine.inject(operationId, Objects.requireNonNull(f, "fault"));
    }
  }

  /**
   * Runs an action just before the next request to an operation is answered, to script what happens meanwhile on
   * GitHub: a run that finishes between a listing and its cancel, a person who comments while an approval is awaited.
   * Actions queue up, one per request.
   *
   * <pre>{@code
   * github.beforeNext("actions/cancel-workflow-run", () -> run.complete("success"));   // the cancel meets a 409
   * github.beforeNext("issues/list-comments", () -> issue.comment("maria", "/approve"));
   * }</pre>
   *
   * @param operationId GitHub's operation id
   * @param action what happens
   * @throws IllegalArgumentException if the description has no such operation
   */
  public void beforeNext(String operationId, Runnable action) {
    requireOperation(operationId);
    engine.beforeNext(operationId, Objects.requireNonNull(action, "action"));
  }

  /**
   * Answers the next request to a path with a recorded GitHub response instead of the simulation, for reading real
   * data (such as the recordings of hub4j/github-api's tests). The request is still checked against the contract;
   * the recorded response is not, since recordings may predate the current description.
   *
   * @param method the HTTP method
   * @param path the path, without the query, such as {@code /repos/o/r/actions/workflows/6817859/runs}
   * @param status the recorded status
   * @param body the recorded JSON body, or null for none
   */
  public void answerNext(String method, String path, int status, String body) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    engine.answerNext(method, path, new Engine.Canned(status, body));
  }

  /**
   * Whether a dispatch that asks for the new run's details ({@code return_run_details}) gets them, as on github.com
   * today (the default), or an empty {@code 204}, as on GitHub Enterprise Server.
   *
   * @param on whether to return the details
   */
  public void dispatchRunDetails(boolean on) {
    engine.operations().dispatchRunDetails(on);
  }

  /**
   * Every request received so far, oldest first.
   *
   * @return the request log
   */
  public List<RecordedRequest> requests() {
    return engine.log();
  }

  /**
   * The requests received so far for one operation.
   *
   * @param operationId the operation, such as {@code actions/cancel-workflow-run}
   * @return the requests, oldest first
   */
  public List<RecordedRequest> requests(String operationId) {
    return engine.log().stream().filter(r -> r.is(operationId)).collect(Collectors.toList());
  }

  /**
   * How many requests an operation received so far.
   *
   * @param operationId the operation
   * @return the count
   */
  public long requestCount(String operationId) {
    return requests(operationId).size();
  }

  /** Forgets the requests logged so far, for counting the requests of one operation. */
  public void clearRequests() {
    engine.clearLog();
  }

  /**
   * The contract violations seen so far.
   *
   * @return each a sentence naming the exchange
   */
  public List<String> violations() {
    return engine.violations();
  }

  /**
   * Fails when any exchange so far violated GitHub's OpenAPI description.
   *
   * @throws ContractViolationError listing the violations
   */
  public void assertNoViolations() {
    List<String> v = engine.violations();
    if (!v.isEmpty()) {
      throw new ContractViolationError(v);
    }
  }

  /** Stops the server; requests held by {@link Fault#lostResponse()} are dropped. */
  @Override
  public void close() {
    engine.close();
  }

  private void requireOperation(String operationId) {
    Objects.requireNonNull(operationId, "operationId");
    if (!GitHubContract.github().operationIds().contains(operationId)) {
      throw new IllegalArgumentException("GitHub's description has no operation '" + operationId + "'; known: "
          + GitHubContract.github().operationIds());
    }
  }

  @Override
  public String toString() {
    return "FakeGitHub[simulated GitHub at " + engine.base() + "]";
  }

  /** Describes a fake before it starts. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private String tokenUser = "rollback-bot";
    private String token;

    private Builder() {}

    /**
     * The clock runs unfold on; the system clock unless set. Give it the clock the code under test uses.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The login the client's token belongs to: the author of what the client creates; {@code rollback-bot} unless
     * set.
     *
     * @param login the login
     * @return this builder
     */
    public Builder tokenUser(String login) {
      this.tokenUser = Objects.requireNonNull(login, "login");
      return this;
    }

    /**
     * Requires this token ({@code Authorization: Bearer <token>} or {@code token <token>}); other requests are
     * answered 401. Unless set, any request is served.
     *
     * @param token the token
     * @return this builder
     */
    public Builder requireToken(String token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * Starts the fake on an ephemeral port of the loopback interface.
     *
     * @return the running fake
     */
    public FakeGitHub start() {
      return new FakeGitHub(this);
    }
  }
}
