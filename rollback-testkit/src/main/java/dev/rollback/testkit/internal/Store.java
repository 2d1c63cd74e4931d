package dev.rollback.testkit.internal;

import dev.rollback.testkit.RunScript;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The fake GitHub's state: repositories with their workflows, runs, collaborators, issues, comments and pull
 * requests. Every access holds {@link #lock()}; run statuses are computed from the clock when read.
 */
public final class Store {

  private final ReentrantLock lock = new ReentrantLock();
  private final Clock clock;
  private final Map<String, Repo> repos = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  // Run ids beyond 2^31, as GitHub's are: a client that keeps them in an int breaks here, not in production.
  long nextRunId = 9_100_000_000L;
  long nextWorkflowId = 70_000_000L;
  long nextCommentId = 2_400_000_000L;
  long nextIssueId = 3_000_000_000L;
  long nextRepoId = 500_000_000L;
  long nextUserId = 90_000L;
  private final Map<String, Long> userIds = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private String tokenUser = "rollback-bot";

  /**
   * Creates an empty store.
   *
   * @param clock the clock runs unfold on
   */
  public Store(Clock clock) {
    this.clock = clock;
  }

  /**
   * The lock every access holds.
   *
   * @return the lock
   */
  public ReentrantLock lock() {
    return lock;
  }

  /**
   * The fake's clock.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Now, on the fake's clock, to the second as GitHub reports times.
   *
   * @return now
   */
  public Instant now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  /**
   * The login the fake's token belongs to: the author of comments, issues and pull requests the client creates.
   *
   * @return the login
   */
  public String tokenUser() {
    return tokenUser;
  }

  /**
   * Sets the login the token belongs to.
   *
   * @param login the login
   */
  public void tokenUser(String login) {
    this.tokenUser = login;
  }

  /**
   * A stable numeric id for a login.
   *
   * @param login the login
   * @return its id
   */
  public long userId(String login) {
    return userIds.computeIfAbsent(login, l -> nextUserId++);
  }

  /**
   * The repository, created with a {@code main} branch when it does not exist yet.
   *
   * @param owner the owner
   * @param name the name
   * @return the repository
   */
  public Repo repo(String owner, String name) {
    return repos.computeIfAbsent(owner + "/" + name, k -> new Repo(this, nextRepoId++, owner, name));
  }

  /**
   * The repository, when it exists.
   *
   * @param owner the owner
   * @param name the name
   * @return the repository
   */
  public Optional<Repo> findRepo(String owner, String name) {
    return Optional.ofNullable(repos.get(owner + "/" + name));
  }

  /**
   * A deterministic commit id for a text.
   *
   * @param seed the text
   * @return 40 hex digits
   */
  public static String sha(String seed) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-1").digest(seed.getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder();
      for (byte x : d) {
        b.append(String.format("%02x", x));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a run looks like at a moment. */
  public record Phase(String status, String conclusion, Instant updatedAt) {}

  /**
   * A comment.
   *
   * @param id the id
   * @param issue the issue
   * @param author who wrote it
   * @param body what it says
   * @param createdAt when
   */
  public record Comment(long id, Issue issue, String author, String body, Instant createdAt) {}

  /**
   * The pull-request part of an issue.
   *
   * @param head the head branch
   * @param base the base branch
   * @param headSha the head commit
   * @param baseSha the base commit
   * @param draft whether it is a draft
   */
  public record Pull(String head, String base, String headSha, String baseSha, boolean draft) {}
}
