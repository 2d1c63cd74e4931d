package dev.rollback.github;

import dev.rollback.ApprovalPolicy;
import dev.rollback.github.internal.Budget;
import dev.rollback.github.internal.GitHubApi;
import dev.rollback.github.internal.Session;
import dev.rollback.spi.ApprovalRequest;
import dev.rollback.spi.Approver;
import dev.rollback.spi.Vote;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approvals from GitHub comments: the approver posts the request on an issue (a new one, or one given), then reads
 * the comments until the policy is met, someone eligible denies, or the request expires. A comment whose first line is
 * {@code /approve} or {@code /deny} is a vote when its author holds one of the policy's roles; others are ignored
 * (and logged). A person's latest vote counts.
 *
 * <pre>{@code
 * Approver approvals = GitHubApprover.on(github)
 *     .role("maintainer", GitHubPermission.MAINTAIN)      // maintain or admin on the repository
 *     .role("team-lead", "maria", "ken")                  // these people
 *     .labels("rollback")
 *     .build();
 * }</pre>
 *
 * <p>Roles named as GitHub's ({@code admin}, {@code maintain}, {@code write}, {@code triage}, {@code read}) and
 * {@code maintainer} need no mapping: they ask for that role on the repository or a stronger one. A person's role is
 * read once per request ({@code role_name}, which tells {@code maintain} from {@code write}). Votes from the
 * adapter's own account are ignored, so automation cannot approve itself. Each vote records who, the roles they
 * hold, when they commented and the comment.
 *
 * <p>Polling uses conditional requests (an unchanged issue costs a 304) every {@link Builder#pollInterval}, through
 * the adapter's sleeper, and never past the request's expiry.
 */
public final class GitHubApprover implements Approver {

  private static final Logger LOG = LoggerFactory.getLogger(GitHubApprover.class);
  private static final Pattern COMMAND = Pattern.compile("^\\s*/(approve|deny)\\b(.*)$",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Map<String, GitHubPermission> DEFAULTS = Map.of("admin", GitHubPermission.ADMIN, "maintain",
      GitHubPermission.MAINTAIN, "maintainer", GitHubPermission.MAINTAIN, "write", GitHubPermission.WRITE, "triage",
      GitHubPermission.TRIAGE, "read", GitHubPermission.READ);

  private final GitHubAdapter adapter;
  private final Session session;
  private final Integer issue;
  private final List<String> labels;
  private final Map<String, GitHubPermission> minimums;
  private final Map<String, Set<String>> people;
  private final Duration interval;

  private GitHubApprover(Builder b) {
    this.adapter = b.adapter;
    this.session = b.adapter.session();
    this.issue = b.issue;
    this.labels = List.copyOf(b.labels);
    this.minimums = Map.copyOf(b.minimums);
    this.people = Map.copyOf(b.people);
    this.interval = b.interval != null ? b.interval : session.settings().pollInterval();
  }

  /**
   * Starts configuring approvals on the adapter's repository.
   *
   * @param adapter the adapter
   * @return the builder
   */
  public static Builder on(GitHubAdapter adapter) {
    return new Builder(Objects.requireNonNull(adapter, "adapter"));
  }

  /**
   * Posts the request and gathers votes until the policy is met, an eligible person denies, or the request expires.
   *
   * @param request what is to be approved
   * @return the eligible votes, each person's latest
   * @throws IllegalStateException if a role of the policy has no mapping
   * @throws InterruptedException when interrupted while waiting
   */
  @Override
  public List<Vote> requestApproval(ApprovalRequest request) throws InterruptedException {
    ApprovalPolicy policy = request.policy();
    if (!policy.requiresPeople()) {
      return List.of();
    }
    for (String role : policy.roles()) {
      if (!people.containsKey(role) && !minimums.containsKey(role) && !DEFAULTS.containsKey(role)) {
        throw new IllegalStateException("GitHubApprover has no mapping for the role '" + role + "' of the policy '"
            + policy.describe() + "': configure .role(\"" + role + "\", GitHubPermission.X) or .role(\"" + role
            + "\", \"login\", ...)");
      }
    }
    Budget budget = session.budget(request.expiresAt());
    String body = requestText(request);
    int number;
    String self;
    Instant since;
    if (issue != null) {
      GitHubApi.Comment posted = session.api().comment(issue, body, budget);
      number = issue;
      self = posted.author();
      since = posted.createdAt();
      LOG.info("approval for run {} requested on {}", request.runId(), posted.url());
    } else {
      GitHubApi.IssueRef opened = session.api().openIssue("Approval needed: " + request.planName() + " ("
          + request.severity() + ")", body, labels, budget);
      number = opened.number();
      self = opened.author();
      since = null;
      LOG.info("approval for run {} requested on {}", request.runId(), opened.url());
    }
    int needed = Math.max(1, policy.quorum());
    Map<String, Vote> votes = new LinkedHashMap<>();
    Map<String, String> roles = new HashMap<>();
    Set<Long> seen = new LinkedHashSet<>();
    long polls = Math.max(1, Duration.between(budget.now(), request.expiresAt()).toMillis()
        / Math.max(1, interval.toMillis()) + 2);
    for (long i = 0; i < polls; i++) {
      for (GitHubApi.Comment c : session.api().comments(number, since, budget)) {
        if (!seen.add(c.id()) || c.body().contains(marker(request))) {
          continue;
        }
        Matcher m = COMMAND.matcher(firstLine(c.body()));
        if (!m.matches()) {
          continue;
        }
        boolean approve = m.group(1).toLowerCase(Locale.ROOT).equals("approve");
        if (self != null && self.equalsIgnoreCase(c.author())) {
          LOG.info("ignored /{} by {} on #{}: the adapter's own account cannot vote", m.group(1), c.author(), number);
          continue;
        }
        Set<String> held = rolesHeld(c.author(), policy, roles, budget);
        if (held.isEmpty()) {
          LOG.info("ignored /{} by {} on #{}: their role '{}' meets none of {}", m.group(1), c.author(), number,
              roles.get(c.author().toLowerCase(Locale.ROOT)), requirements(policy));
          continue;
        }
        votes.remove(c.author().toLowerCase(Locale.ROOT));
        votes.put(c.author().toLowerCase(Locale.ROOT), new Vote(c.author(), held, approve, c.createdAt(),
            "github-comment", Optional.of(c.body().trim() + " (" + c.url() + ")")));
      }
      long approvals = votes.values().stream().filter(Vote::approve).count();
      boolean denied = votes.values().stream().anyMatch(v -> !v.approve());
      if (denied || approvals >= needed) {
        break;
      }
      Duration left = budget.remaining().orElse(interval);
      if (left.isZero()) {
        break;
      }
      budget.sleep(left.compareTo(interval) < 0 ? left : interval);
    }
    return List.copyOf(votes.values());
  }

  private Set<String> rolesHeld(String login, ApprovalPolicy policy, Map<String, String> roles, Budget budget) {
    String key = login.toLowerCase(Locale.ROOT);
    Set<String> held = new LinkedHashSet<>();
    for (String role : policy.roles()) {
      Set<String> named = people.get(role);
      if (named != null) {
        if (named.contains(key)) {
          held.add(role);
        }
        continue;
      }
      GitHubPermission min = minimums.getOrDefault(role, DEFAULTS.get(role));
      String actual = roles.computeIfAbsent(key, k -> session.api().role(login, budget));
      if (GitHubPermission.of(actual).map(p -> p.includes(min)).orElse(false)) {
        held.add(role);
      }
    }
    return held;
  }

  private String requirements(ApprovalPolicy policy) {
    return policy.roles().stream().map(r -> people.containsKey(r) ? r + " (" + String.join(", ", people.get(r)) + ")"
        : r + " (" + minimums.getOrDefault(r, DEFAULTS.get(r)).roleName() + " or higher)")
        .collect(Collectors.joining(", "));
  }

  private static String firstLine(String body) {
    for (String line : body.split("\\R")) {
      if (!line.isBlank()) {
        return line;
      }
    }
    return "";
  }

  private static String marker(ApprovalRequest request) {
    return "<!-- rollback run=" + request.runId() + " approval -->";
  }

  private String requestText(ApprovalRequest r) {
    StringBuilder b = new StringBuilder();
    b.append("**").append(r.planName()).append("** asks for approval (").append(r.severity()).append("): ")
        .append(r.policy().describe()).append(", by ").append(r.expiresAt()).append(".\n\n");
    b.append("Reason: ").append(r.reason()).append("\n\n");
    if (!r.irreversibleSteps().isEmpty()) {
      b.append("Irreversible steps:\n");
      r.irreversibleSteps().forEach(s -> b.append("- ").append(s).append('\n'));
      b.append('\n');
    }
    b.append("Reply `/approve` or `/deny` in a comment on this ").append(issue == null ? "issue" : "thread")
        .append(". Votes count from: ").append(requirements(r.policy())).append(" on ")
        .append(adapter.target().fullName()).append(".\n\n").append(marker(r));
    return b.toString();
  }

  @Override
  public String toString() {
    return "GitHubApprover[" + adapter.target() + (issue == null ? ", new issue per request" : ", on #" + issue) + "]";
  }

  /** Configures approvals. */
  public static final class Builder {
    private final GitHubAdapter adapter;
    private Integer issue;
    private List<String> labels = List.of();
    private final Map<String, GitHubPermission> minimums = new LinkedHashMap<>();
    private final Map<String, Set<String>> people = new LinkedHashMap<>();
    private Duration interval;

    private Builder(GitHubAdapter adapter) {
      this.adapter = adapter;
    }

    /**
     * Posts requests as comments on an existing issue or pull request, and reads votes there; by default each request
     * opens a new issue.
     *
     * @param number the issue's or pull request's number
     * @return this builder
     * @throws IllegalArgumentException if the number is not positive
     */
    public Builder issue(int number) {
      if (number < 1) {
        throw new IllegalArgumentException("an issue number is positive, was " + number);
      }
      this.issue = number;
      return this;
    }

    /**
     * Labels for the issues the approver opens.
     *
     * @param labels the labels
     * @return this builder
     */
    public Builder labels(String... labels) {
      this.labels = List.copyOf(Arrays.asList(labels));
      return this;
    }

    /**
     * A policy role held by everyone whose role on the repository is at least the given one.
     *
     * @param role the policy's role, such as {@code maintainer}
     * @param minimum the weakest repository role that holds it
     * @return this builder
     */
    public Builder role(String role, GitHubPermission minimum) {
      Objects.requireNonNull(role, "role");
      minimums.put(role, Objects.requireNonNull(minimum, "minimum"));
      people.remove(role);
      return this;
    }

    /**
     * A policy role held by the people named, such as the team lead.
     *
     * @param role the policy's role
     * @param logins their GitHub logins
     * @return this builder
     * @throws IllegalArgumentException if no login is given
     */
    public Builder role(String role, String... logins) {
      Objects.requireNonNull(role, "role");
      if (logins.length == 0) {
        throw new IllegalArgumentException("role '" + role + "' needs at least one login");
      }
      people.put(role, Arrays.stream(logins).map(l -> l.toLowerCase(Locale.ROOT))
          .collect(Collectors.toCollection(LinkedHashSet::new)));
      minimums.remove(role);
      return this;
    }

    /**
     * How often to read the comments; the adapter's poll interval by default.
     *
     * @param interval the interval
     * @return this builder
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder pollInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isZero() || interval.isNegative()) {
        throw new IllegalArgumentException("pollInterval must be positive, was " + interval);
      }
      this.interval = interval;
      return this;
    }

    /**
     * Builds the approver.
     *
     * @return the approver
     */
    public GitHubApprover build() {
      return new GitHubApprover(this);
    }
  }
}
