package dev.rollback.github;

import dev.rollback.github.internal.Budget;
import dev.rollback.github.internal.GitHubApi;
import dev.rollback.github.internal.Session;
import dev.rollback.spi.Delivery;
import dev.rollback.spi.Notification;
import dev.rollback.spi.Notifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rollback and recovery notifications on GitHub: as a new issue, as a comment on an issue or pull request, or one
 * issue per run that later messages comment on. {@link Delivery#location()} is the issue's or comment's page.
 *
 * <pre>{@code
 * Notifier incidents = GitHubNotifier.issuePerRun(github, "rollback", "incident");
 * Notifier onTracking = GitHubNotifier.commentOn(github, 42);
 * }</pre>
 *
 * <p>Each message carries a hidden marker naming its run and message, so that a send whose answer was lost finds
 * what it posted instead of posting twice, and an issue-per-run notifier finds its run's issue after a restart.
 */
public final class GitHubNotifier implements Notifier {

  private static final Logger LOG = LoggerFactory.getLogger(GitHubNotifier.class);
  private static final String CHANNEL = "github";

  private enum Mode { NEW_ISSUE, COMMENT, ISSUE_PER_RUN }

  private final GitHubAdapter adapter;
  private final Session session;
  private final Mode mode;
  private final int issue;
  private final List<String> labels;
  private final Map<String, Integer> issues = new ConcurrentHashMap<>();

  private GitHubNotifier(GitHubAdapter adapter, Mode mode, int issue, List<String> labels) {
    this.adapter = Objects.requireNonNull(adapter, "adapter");
    this.session = adapter.session();
    this.mode = mode;
    this.issue = issue;
    this.labels = labels;
  }

  /**
   * Each message opens a new issue.
   *
   * @param adapter the adapter
   * @param labels labels for the issues
   * @return the notifier
   */
  public static GitHubNotifier newIssue(GitHubAdapter adapter, String... labels) {
    return new GitHubNotifier(adapter, Mode.NEW_ISSUE, 0, List.copyOf(Arrays.asList(labels)));
  }

  /**
   * Each message comments on an existing issue or pull request, such as the team's incident tracker.
   *
   * @param adapter the adapter
   * @param issue the issue's or pull request's number
   * @return the notifier
   * @throws IllegalArgumentException if the number is not positive
   */
  public static GitHubNotifier commentOn(GitHubAdapter adapter, int issue) {
    if (issue < 1) {
      throw new IllegalArgumentException("an issue number is positive, was " + issue);
    }
    return new GitHubNotifier(adapter, Mode.COMMENT, issue, List.of());
  }

  /**
   * The first message of a run opens an issue; the run's later messages (completed, recovered) comment on it.
   *
   * @param adapter the adapter
   * @param labels labels for the issues
   * @return the notifier
   */
  public static GitHubNotifier issuePerRun(GitHubAdapter adapter, String... labels) {
    return new GitHubNotifier(adapter, Mode.ISSUE_PER_RUN, 0, List.copyOf(Arrays.asList(labels)));
  }

  @Override
  public Delivery send(Notification n) {
    Budget budget = session.budget((Instant) null);
    String marker = "<!-- rollback run=" + n.runId() + " message=" + n.message() + " event=" + n.event() + " -->";
    switch (mode) {
      case COMMENT:
        return comment(issue, n, marker, budget);
      case NEW_ISSUE:
        return open(n, marker, budget);
      default:
        Integer existing = issues.get(n.runId());
        if (existing == null) {
          existing = findRunIssue(n.runId(), budget).orElse(null);
        }
        if (existing == null) {
          Delivery d = open(n, marker + "\n" + runMarker(n.runId()), budget);
          return d;
        }
        return comment(existing, n, marker, budget);
    }
  }

  private static String runMarker(String runId) {
    return "<!-- rollback run=" + runId + " notifications -->";
  }

  private Optional<Integer> findRunIssue(String runId, Budget budget) {
    String m = runMarker(runId);
    return session.api().issuesSince(budget.now().minus(Duration.ofDays(7)), budget).stream()
        .filter(i -> i.body().contains(m)).map(GitHubApi.IssueRef::number).reduce((a, b) -> Math.min(a, b));
  }

  private Delivery open(Notification n, String marker, Budget budget) {
    Instant since = budget.now().minus(Duration.ofMinutes(1));
    String body = n.body() + "\n\n" + marker;
    GitHubApi.IssueRef opened;
    try {
      opened = session.api().openIssue(n.title(), body, labels, budget);
    } catch (GitHubOutcomeUnknownException e) {
      opened = session.api().issuesSince(since, budget).stream().filter(i -> i.body().contains(marker)).findFirst()
          .orElseThrow(() -> e);
    }
    issues.put(n.runId(), opened.number());
    LOG.info("notification '{}' of run {} sent as {}", n.message(), n.runId(), opened.url());
    return new Delivery(CHANNEL, opened.url());
  }

  private Delivery comment(int number, Notification n, String marker, Budget budget) {
    Instant since = budget.now().minus(Duration.ofMinutes(1));
    String body = "### " + n.title() + "\n\n" + n.body() + "\n\n" + marker;
    GitHubApi.Comment c;
    try {
      c = session.api().comment(number, body, budget);
    } catch (GitHubOutcomeUnknownException e) {
      c = session.api().comments(number, since, budget).stream().filter(x -> x.body().contains(marker)).findFirst()
          .orElseThrow(() -> e);
    }
    LOG.info("notification '{}' of run {} sent as {}", n.message(), n.runId(), c.url());
    return new Delivery(CHANNEL, c.url());
  }

  /**
   * The adapter's token, for the executor to redact.
   *
   * @return the adapter's secrets
   */
  @Override
  public java.util.Collection<String> secrets() {
    return adapter.secrets();
  }

  @Override
  public String toString() {
    return "GitHubNotifier[" + adapter.target() + ", " + (mode == Mode.COMMENT ? "comments on #" + issue
        : mode == Mode.NEW_ISSUE ? "a new issue per message" : "an issue per run") + "]";
  }
}
