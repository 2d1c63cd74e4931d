package dev.rollback.github.testing;

import dev.rollback.github.GitHubAdapter;
import dev.rollback.github.GitHubTarget;
import dev.rollback.run.ManualClock;
import dev.rollback.testkit.AdapterHarness;
import dev.rollback.testkit.FakeGitHub;
import dev.rollback.testkit.FakeRepository;
import dev.rollback.testkit.FakeWorkflow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A contract-checked fake GitHub with a repository {@code acme/shop} and its {@code ci.yml}, an adapter pointed at
 * it, and a run, all on one manual clock that waits by moving. After each test it fails the test if any exchange
 * violated GitHub's OpenAPI description, even one the adapter swallowed.
 *
 * <pre>{@code
 * @RegisterExtension final GitHubFixture gh = new GitHubFixture();
 * }</pre>
 */
public final class GitHubFixture implements BeforeEachCallback, AfterEachCallback {

  /** The token the fake requires and the adapter sends. */
  public static final String TOKEN = "ghp_fixtureTOKEN0123456789abcdefABCDEF";
  /** When every test starts. */
  public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  private final UnaryOperator<GitHubAdapter.Builder> tuning;
  public ManualClock clock;
  public FakeGitHub github;
  public FakeRepository repo;
  public FakeWorkflow ci;
  public GitHubAdapter adapter;
  public AdapterHarness run;

  /** A fixture with the adapter's defaults, but a 5 second poll interval. */
  public GitHubFixture() {
    this(b -> b);
  }

  /**
   * A fixture with a tuned adapter.
   *
   * @param tuning changes to the adapter's builder
   */
  public GitHubFixture(UnaryOperator<GitHubAdapter.Builder> tuning) {
    this.tuning = tuning;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    clock = ManualClock.at(START);
    github = FakeGitHub.builder().clock(clock).requireToken(TOKEN).start();
    repo = github.repository("acme/shop");
    ci = repo.workflow("ci.yml").named("CI");
    adapter = tuning.apply(GitHubAdapter.builder(GitHubTarget.of("acme/shop").baseUrl(github.baseUrl()))
        .token(TOKEN).clock(clock).sleeper(clock).pollInterval(Duration.ofSeconds(5))).build();
    run = AdapterHarness.builder(adapter).clock(clock).runId("run-1").build();
  }

  /**
   * A new adapter on the same fake, tuned.
   *
   * @param more changes to the builder
   * @return the adapter
   */
  public GitHubAdapter adapter(UnaryOperator<GitHubAdapter.Builder> more) {
    return more.apply(tuning.apply(GitHubAdapter.builder(GitHubTarget.of("acme/shop").baseUrl(github.baseUrl()))
        .token(TOKEN).clock(clock).sleeper(clock).pollInterval(Duration.ofSeconds(5)))).build();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      github.assertNoViolations();
    } finally {
      github.close();
    }
  }
}
