package dev.rollback.github;

import dev.rollback.github.internal.AwaitRunHandler;
import dev.rollback.github.internal.Budget;
import dev.rollback.github.internal.CancelRunsHandler;
import dev.rollback.github.internal.DispatchHandler;
import dev.rollback.github.internal.GitHubApi;
import dev.rollback.github.internal.Http;
import dev.rollback.github.internal.JdkConnector;
import dev.rollback.github.internal.Limits;
import dev.rollback.github.internal.MaskingConnector;
import dev.rollback.github.internal.PostHandlers;
import dev.rollback.github.internal.RerunHandler;
import dev.rollback.github.internal.RunChecks;
import dev.rollback.github.internal.RunSignals;
import dev.rollback.github.internal.Session;
import dev.rollback.github.internal.Settings;
import dev.rollback.github.internal.TokenAuthorization;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.SecretMask;
import dev.rollback.spi.SignalSource;
import dev.rollback.spi.Sleeper;
import dev.rollback.spi.StepHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.connector.GitHubConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitHub adapter: interprets the {@code github.*} steps ({@link GitHubSteps}), checks ({@link GitHubChecks}) and
 * signals ({@link GitHubSignals}) for one repository on github.com or GitHub Enterprise Server, and provides the
 * {@link GitHubApprover approvals} and {@link GitHubNotifier notifications} of the same repository.
 *
 * <pre>{@code
 * GitHubAdapter github = GitHubAdapter.connect(GitHubTarget.of("acme/shop"));   // token from GITHUB_TOKEN
 * GitHubAdapter ghe = GitHubAdapter.builder(GitHubTarget.of("acme/shop").baseUrl("https://ghe.example.com/api/v3"))
 *     .token(tokenFromVault)
 *     .build();
 * }</pre>
 *
 * <p>Calls go through github-api's connector layer with a timeout on every request, and with the adapter's own
 * {@link org.kohsuke.github.GitHubRateLimitHandler} and {@link org.kohsuke.github.GitHubAbuseLimitHandler}: they wait
 * as long as GitHub asks ({@code Retry-After}, or until the rate limit resets) through the adapter's
 * {@link Sleeper}, but never past the run's deadline or the step's timeout, nor longer than
 * {@link Builder#maxRateLimitWait(Duration)}; otherwise the call fails at once with {@link GitHubRateLimitException}.
 * Reads that fail with a connection error or a server error are retried a few times; writes are never sent twice
 * unless they provably did not reach GitHub (see {@link GitHubOutcomeUnknownException}). Each call is exactly the
 * endpoint it needs: the adapter makes no hidden look-ups of the user, the repository or the workflow.
 *
 * <p>Each exchange, its body included, ends by {@link Builder#requestTimeout(Duration)} or the operation's deadline,
 * whichever comes first, so an answer that stalls after its headers cannot hang a run. A secondary rate limit that
 * GitHub answers without {@code Retry-After} is waited for a minute, as GitHub's documentation asks.
 *
 * <p>The token is held only by the adapter, handed to the executor through {@link #secrets()} for redaction, and
 * never logged, shown by {@link #toString()} or put in an exception message: the adapter masks it (and whatever
 * credentials it sends) in everything that comes back, so a proxy that echoes the {@code Authorization} header into
 * an error cannot put it into a {@link GitHubException}, with or without the executor.
 */
public final class GitHubAdapter implements Adapter {

  private static final Logger LOG = LoggerFactory.getLogger(GitHubAdapter.class);

  /** The adapter's name, the prefix of its kinds. */
  public static final String NAME = "github";

  private final GitHubTarget target;
  private final AuthorizationProvider auth;
  private final String token;
  private final GitHubConnector connector;
  private final Limits limits;
  private final Session session;
  private final Map<String, StepHandler> steps;
  private final Map<String, CheckEvaluator> checks;
  private final Map<String, SignalSource> signals;
  private volatile GitHub client;

  private GitHubAdapter(Builder b) {
    this.target = b.target;
    this.token = b.token;
    this.auth = b.auth != null ? b.auth : token != null ? new TokenAuthorization(token)
        : AuthorizationProvider.ANONYMOUS;
    Settings settings = new Settings(b.clock, b.sleeper, b.sleeperGiven, b.requestTimeout, b.maxRateLimitWait, b.pollInterval,
        b.readAttempts, b.retryBackoff, b.dispatchRunDetails.orElse(target.isGitHubCom()), b.dispatchLookup,
        Duration.ofSeconds(2), b.signalReuse);
    SecretMask mask = SecretMask.of(token);
    this.connector = new MaskingConnector(b.connector != null ? b.connector : new JdkConnector(b.requestTimeout), mask);
    this.limits = new Limits(() -> new Budget(settings.clock(), settings.sleeper(), Optional.empty(),
        settings.maxRateLimitWait()));
    Http http = new Http(target.apiUrl(), auth, mask, connector, limits, b.readAttempts, b.retryBackoff);
    this.session = new Session(new GitHubApi(http, target.owner(), target.name()), settings, target.owner());
    CancelRunsHandler cancel = new CancelRunsHandler(session);
    PostHandlers posts = new PostHandlers(session);
    this.steps = Map.of(GitHubSteps.CANCEL_RUNS, cancel, GitHubSteps.RERUN, new RerunHandler(session),
        GitHubSteps.DISPATCH, new DispatchHandler(session), GitHubSteps.AWAIT_RUN, new AwaitRunHandler(session),
        GitHubSteps.OPEN_ISSUE, posts.openIssue(), GitHubSteps.COMMENT, posts.comment(),
        GitHubSteps.OPEN_PULL_REQUEST, posts.openPullRequest());
    RunChecks runChecks = new RunChecks(session);
    this.checks = Map.of(GitHubChecks.LAST_SUCCESSFUL_COMMIT, runChecks.lastSuccessfulCommit(),
        GitHubChecks.CI_PASSING, runChecks.ciPassing(), GitHubChecks.NO_RUNS_IN_PROGRESS, runChecks.noRunsInProgress(),
        GitHubChecks.SUSPECTS, runChecks.suspects(), GitHubChecks.STILL_RED, runChecks.stillRed());
    RunSignals runSignals = new RunSignals(session);
    this.signals = Map.of(GitHubSignals.SUCCESS_RATE, runSignals.successRate(), GitHubSignals.RUN_DURATION,
        runSignals.runDuration(), GitHubSignals.LAST_RUN_SUCCEEDED, runSignals.lastRunSucceeded(),
        GitHubSignals.RUNS_IN_PROGRESS, runSignals.runsInProgress(), GitHubSignals.FAILURE_STREAK,
        runSignals.failureStreak());
  }

  /**
   * An adapter for a repository, with the token from the environment variable {@code GITHUB_TOKEN} (as GitHub
   * Actions and the {@code gh} command line provide it).
   *
   * @param target the repository
   * @return the adapter
   * @throws IllegalStateException if {@code GITHUB_TOKEN} is not set
   */
  public static GitHubAdapter connect(GitHubTarget target) {
    return builder(target).build();
  }

  /**
   * Starts configuring an adapter for a repository.
   *
   * @param target the repository
   * @return the builder
   */
  public static Builder builder(GitHubTarget target) {
    return new Builder(target);
  }

  /**
   * The repository.
   *
   * @return the target
   */
  public GitHubTarget target() {
    return target;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, StepHandler> steps() {
    return steps;
  }

  @Override
  public Map<String, CheckEvaluator> checks() {
    return checks;
  }

  @Override
  public Map<String, SignalSource> signals() {
    return signals;
  }

  /**
   * Reads the repository once (one request), so that a wrong token or repository stops the run before anything
   * changes.
   *
   * @param run the run
   * @throws GitHubException when the repository cannot be read
   */
  @Override
  public void onRunStart(RunContext run) {
    if (token != null) {
      run.registerSecret(token);
    }
    session.api().repository(session.budget(run, null));
    LOG.debug("GitHub repository {} is reachable", target);
  }

  @Override
  public Collection<String> secrets() {
    return token == null ? List.of() : List.of(token);
  }

  /**
   * A github-api client for this GitHub, sharing the adapter's connector, credentials and bounded rate-limit
   * handlers: an escape hatch for calls the adapter does not offer. Its calls may throw the unchecked
   * {@link GitHubRateLimitException} when a limit would make them wait too long. Building it makes no request.
   *
   * @return the client
   * @throws GitHubException if github-api cannot be set up
   */
  public GitHub gitHub() {
    GitHub c = client;
    if (c == null) {
      synchronized (this) {
        if (client == null) {
          try {
            client = new GitHubBuilder().withEndpoint(target.apiUrl()).withAuthorizationProvider(auth)
                .withConnector(connector).withRateLimitHandler(limits.rateLimitHandler())
                .withAbuseLimitHandler(limits.abuseLimitHandler()).build();
          } catch (IOException e) {
            throw new GitHubException(0, "cannot set up github-api for " + target + ": " + e.getMessage(), e);
          }
        }
        c = client;
      }
    }
    return c;
  }

  Session session() {
    return session;
  }

  @Override
  public String toString() {
    return "GitHubAdapter[" + target + (token != null ? ", token ****" : auth instanceof TokenAuthorization
        ? "" : ", " + (auth == AuthorizationProvider.ANONYMOUS ? "anonymous" : "custom credentials")) + "]";
  }

  /** Configures an adapter. */
  public static final class Builder {
    private final GitHubTarget target;
    private String token;
    private AuthorizationProvider auth;
    private boolean anonymous;
    private Map<String, String> environment = System.getenv();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private boolean sleeperGiven;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration maxRateLimitWait = Duration.ofMinutes(15);
    private Duration pollInterval = Duration.ofSeconds(15);
    private int readAttempts = 3;
    private Duration retryBackoff = Duration.ofSeconds(1);
    private Optional<Boolean> dispatchRunDetails = Optional.empty();
    private Duration dispatchLookup = Duration.ofMinutes(2);
    private Duration signalReuse = Duration.ofSeconds(30);
    private GitHubConnector connector;

    private Builder(GitHubTarget target) {
      this.target = Objects.requireNonNull(target, "target");
    }

    /**
     * The token (a personal access token, a GitHub App installation token, or Actions' {@code GITHUB_TOKEN}); by
     * default the environment variable {@code GITHUB_TOKEN}.
     *
     * @param token the token
     * @return this builder
     * @throws IllegalArgumentException if the token is blank or contains whitespace (the message does not show it)
     */
    public Builder token(String token) {
      Objects.requireNonNull(token, "token");
      if (token.isBlank() || token.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("the GitHub token is blank or contains whitespace");
      }
      this.token = token;
      return this;
    }

    /**
     * github-api credentials instead of a token, such as a GitHub App's installation credentials; an
     * adapter-specific escape hatch. The adapter masks what the provider produces in its own answers and errors, but
     * cannot hand it to the executor beforehand ({@link #secrets()} holds only a token).
     *
     * @param provider the credentials
     * @return this builder
     */
    public Builder authorization(AuthorizationProvider provider) {
      this.auth = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /**
     * No credentials: public repositories only, at GitHub's anonymous rate limit (60 requests an hour).
     *
     * @return this builder
     */
    public Builder anonymous() {
      this.anonymous = true;
      return this;
    }

    Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /**
     * The clock of approvals and notifications, which run outside a plan's run; steps, checks and signals use the
     * run's clock. By default the system clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How every wait waits (polls, backoff, rate limits) outside a run, and inside one when set: a
     * {@code ManualClock} in tests. Unless set, steps, checks and signals wait with the run's own sleeper
     * ({@code RunContext.sleeper()}, the executor's), so that time never moves two ways, and other waits with
     * {@link Sleeper#system()}.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      this.sleeperGiven = true;
      return this;
    }

    /**
     * The longest wait for a connection and for each whole exchange (status, headers and body); 30 seconds by
     * default. A call within a run also ends by the run's deadline or the step's timeout, when that comes first.
     *
     * @param timeout the timeout
     * @return this builder
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * The longest single wait for a rate limit, whatever the deadline; 15 minutes by default.
     *
     * @param max the longest wait
     * @return this builder
     * @throws IllegalArgumentException if it is negative
     */
    public Builder maxRateLimitWait(Duration max) {
      Objects.requireNonNull(max, "max");
      if (max.isNegative()) {
        throw new IllegalArgumentException("maxRateLimitWait must not be negative, was " + max);
      }
      this.maxRateLimitWait = max;
      return this;
    }

    /**
     * The default time between polls of a run, of a dispatch's run, of approval comments; 15 seconds by default.
     *
     * @param interval the interval
     * @return this builder
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = positive(interval, "pollInterval");
      return this;
    }

    /**
     * How often a read is tried when it fails with a connection error or a server error, and the first wait
     * between tries (doubled each time); 3 tries from 1 second by default.
     *
     * @param attempts the number of tries, at least 1
     * @param backoff the first wait
     * @return this builder
     * @throws IllegalArgumentException if attempts is below 1 or the backoff negative
     */
    public Builder readRetries(int attempts, Duration backoff) {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
      }
      Objects.requireNonNull(backoff, "backoff");
      if (backoff.isNegative()) {
        throw new IllegalArgumentException("backoff must not be negative, was " + backoff);
      }
      this.readAttempts = attempts;
      this.retryBackoff = backoff;
      return this;
    }

    /**
     * Whether a dispatch asks GitHub for the id of the run it creates ({@code return_run_details}), which spares
     * the correlation. By default on for github.com and off elsewhere (GitHub Enterprise Server may not know it).
     * When GitHub does not return the id, the run is found by correlation anyway.
     *
     * @param on whether to ask
     * @return this builder
     */
    public Builder dispatchRunDetails(boolean on) {
      this.dispatchRunDetails = Optional.of(on);
      return this;
    }

    /**
     * How long a dispatch looks for the run it created; 2 minutes by default.
     *
     * @param lookup the time
     * @return this builder
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder dispatchLookup(Duration lookup) {
      this.dispatchLookup = positive(lookup, "dispatchLookup");
      return this;
    }

    /**
     * How long the signals and checks of a run share one read of the same runs; 30 seconds by default, zero to
     * read every time.
     *
     * @param reuse the time
     * @return this builder
     */
    public Builder signalReuse(Duration reuse) {
      Objects.requireNonNull(reuse, "reuse");
      this.signalReuse = reuse.isNegative() ? Duration.ZERO : reuse;
      return this;
    }

    /**
     * Another github-api transport (a proxy, OkHttp); an adapter-specific escape hatch. It should time out its
     * requests, which the built-in one does after {@link #requestTimeout(Duration)}.
     *
     * @param connector the connector
     * @return this builder
     */
    public Builder connector(GitHubConnector connector) {
      this.connector = Objects.requireNonNull(connector, "connector");
      return this;
    }

    /**
     * Builds the adapter; no request is made until it is used.
     *
     * @return the adapter
     * @throws IllegalStateException if no credentials were given and {@code GITHUB_TOKEN} is not set
     */
    public GitHubAdapter build() {
      if (token == null && auth == null && !anonymous) {
        String env = environment.get("GITHUB_TOKEN");
        if (env == null || env.isBlank()) {
          throw new IllegalStateException("no GitHub token for " + target + ": set the environment variable"
              + " GITHUB_TOKEN, or pass GitHubAdapter.builder(target).token(...) (or .anonymous() for public"
              + " repositories)");
        }
        token(env.trim());
      }
      return new GitHubAdapter(this);
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(what + " must be positive, was " + d);
      }
      return d;
    }
  }
}
