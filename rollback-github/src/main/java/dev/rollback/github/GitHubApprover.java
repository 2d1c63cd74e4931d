package dev.rollback.github;

import dev.rollback.ApprovalPolicy;
import dev.rollback.github.internal.Budget;
import dev.rollback.github.internal.GitHubApi;
import dev.rollback.github.internal.Session;
import dev.rollback.spi.ApprovalRequest;
import dev.rollback.spi.Approver;
import dev.rollback.spi.ConfirmationRequest;
import dev.rollback.spi.Vote;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
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
 * (and logged, and the issue says why, once per person). Only comments after the request answer it, and a person's
 * latest vote counts.
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
 * read once per request ({@code role_name}, which tells {@code maintain} from {@code write}); a custom repository
 * role counts as its base ({@code permission}: {@code write} for a role built on {@code maintain} or {@code write},
 * {@code read} for one on {@code triage} or {@code read}), the access GitHub itself grants. Votes from the
 * adapter's own account are ignored, so automation cannot approve itself. Each vote records who, the roles they
 * hold, when they commented and the comment.
 *
 * <p>Confirmations (checklist items and manual steps a person does) work the same way, with {@code /yes} (or
 * {@code /done}) and {@code /no} from people with at least {@link Builder#confirmedBy} on the repository.
 *
 * <p>Polling uses conditional requests (an unchanged issue costs a 304) every {@link Builder#pollInterval}, through
 * the adapter's sleeper, and never past the request's expiry.
 */
public final class GitHubApprover implements Approver {

  private static final Logger LOG = LoggerFactory.getLogger(GitHubApprover.class);
  private static final Pattern COMMAND = Pattern.compile("^\\s*/(approve|deny)\\b(.*)$",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern CONFIRM = Pattern.compile("^\\s*/(yes|done|no)\\b(.*)$",
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
  private final GitHubPermission confirmers;
  private final Map<String, Integer> runIssues = new java.util.concurrent.ConcurrentHashMap<>();

  private GitHubApprover(Builder b) {
    this.adapter = b.adapter;
    this.session = b.adapter.session();
    this.issue = b.issue;
    this.labels = List.copyOf(b.labels);
    this.minimums = Map.copyOf(b.minimums);
    this.people = Map.copyOf(b.people);
    this.interval = b.interval != null ? b.interval : session.settings().pollInterval();
    this.confirmers = b.confirmers;
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
    Posted posted = post(request.runId(), "Approval needed: " + request.planName() + " (" + request.severity() + ")",
        requestText(request), false, budget);
    int needed = Math.max(1, policy.quorum());
    Map<String, Vote> votes = new LinkedHashMap<>();
    Map<String, GitHubApi.Role> roles = new HashMap<>();
    String marker = marker(request.runId(), "approval");
    Set<String> explained = new HashSet<>();
    poll(posted, marker, COMMAND, request.expiresAt(), budget, explained, (c, command) -> {
      boolean approve = command.equals("approve");
      Set<String> held = rolesHeld(c.author(), policy, roles, budget);
      if (held.isEmpty()) {
        GitHubApi.Role role = roles.get(c.author().toLowerCase(Locale.ROOT));
        String why = role == null ? "they are not among the people named: " + requirements(policy)
            : "their role on " + adapter.target().fullName() + " is " + role.describe() + ", and votes count from: "
            + requirements(policy);
        explain(posted, marker, c, command, why, explained, budget);
        return false;
      }
      votes.remove(c.author().toLowerCase(Locale.ROOT));
      votes.put(c.author().toLowerCase(Locale.ROOT), new Vote(c.author(), held, approve, c.createdAt(),
          "github-comment", Optional.of(c.body().trim() + " (" + c.url() + ")")));
      long approvals = votes.values().stream().filter(Vote::approve).count();
      return !approve || approvals >= needed;
    });
    return List.copyOf(votes.values());
  }

  /**
   * Asks for a confirmation (a checklist item ticked, a manual step done) on GitHub: posts the text, then waits
   * for {@code /yes} (or {@code /done}) or {@code /no} from someone whose role on the repository is at least
   * {@link Builder#confirmedBy(GitHubPermission)} ({@code write} by default), until the request expires. Without an
   * issue configured, a run's confirmations share one issue.
   *
   * @param request what to confirm
   * @return the answer, or empty when nobody eligible answered in time
   * @throws InterruptedException when interrupted while waiting
   */
  @Override
  public Optional<Vote> confirm(ConfirmationRequest request) throws InterruptedException {
    Budget budget = session.budget(request.expiresAt());
    String kind;
    switch (request.kind()) {
      case STEP:
        kind = "Please do this, then confirm";
        break;
      case UNDO:
        kind = "Please undo this, then confirm";
        break;
      case PROBE:
        kind = "Was this done before the run was interrupted?";
        break;
      default:
        kind = "Please confirm";
    }
    String marker = marker(request.runId(), "confirmation " + request.requestedAt());
    String body = "**" + request.planName() + "** (run " + request.runId() + "). " + kind + ", by "
        + request.expiresAt() + ":\n\n> " + request.text().replace("\n", "\n> ") + "\n\nReply `/yes` (or `/done`) or"
        + " `/no`. Answers count from people with the " + confirmers.roleName() + " role or higher on "
        + adapter.target().fullName() + ".\n\n" + marker;
    Posted posted = post(request.runId(), "Confirmations for " + request.planName() + " (run " + request.runId() + ")",
        body, true, budget);
    Map<String, GitHubApi.Role> roles = new HashMap<>();
    Set<String> explained = new HashSet<>();
    Vote[] answer = new Vote[1];
    poll(posted, marker, CONFIRM, request.expiresAt(), budget, explained, (c, command) -> {
      GitHubApi.Role role = roles.computeIfAbsent(c.author().toLowerCase(Locale.ROOT),
          k -> session.api().role(c.author(), budget));
      if (!role.effective().map(p -> p.includes(confirmers)).orElse(false)) {
        explain(posted, marker, c, command, "their role on " + adapter.target().fullName() + " is " + role.describe()
            + ", below " + confirmers.roleName(), explained, budget);
        return false;
      }
      answer[0] = new Vote(c.author(), Set.of(role.name()), !command.equals("no"), c.createdAt(), "github-comment",
          Optional.of(c.body().trim() + " (" + c.url() + ")"));
      return true;
    });
    return Optional.ofNullable(answer[0]);
  }

  /**
   * Where a request was posted: the issue, who posted it, since when comments are read, and the request comment's
   * id (only later comments answer it; 0 for a new issue).
   */
  private record Posted(int number, String self, Instant since, long afterId, String url) {}

  /** What a command comment does; returns true when the wait is over. */
  private interface Ballot {
    boolean cast(GitHubApi.Comment comment, String command);
  }

  /**
   * Posts a request: a comment on the configured issue, or a new issue (one per run when {@code perRun}), or a
   * comment on the run's issue opened earlier.
   */
  private Posted post(String runId, String title, String body, boolean perRun, Budget budget) {
    Integer target = issue != null ? issue : perRun ? runIssues.get(runId) : null;
    if (target != null) {
      GitHubApi.Comment c = session.api().comment(target, body, budget);
      LOG.info("asked on {}", c.url());
      return new Posted(target, c.author(), c.createdAt(), c.id(), c.url());
    }
    GitHubApi.IssueRef opened = session.api().openIssue(title, body, labels, budget);
    if (perRun) {
      runIssues.put(runId, opened.number());
    }
    LOG.info("asked on {}", opened.url());
    return new Posted(opened.number(), opened.author(), null, 0, opened.url());
  }

  /**
   * Reads the comments after a request until the ballot says the wait is over or the request expires. Comments by
   * the adapter's own account and the request itself are skipped.
   */
  private void poll(Posted posted, String marker, Pattern commands, Instant expiresAt, Budget budget,
      Set<String> explained, Ballot ballot) throws InterruptedException {
    Set<Long> seen = new LinkedHashSet<>();
    long polls = Math.max(1, Duration.between(budget.now(), expiresAt).toMillis() / Math.max(1, interval.toMillis())
        + 2);
    for (long i = 0; i < polls; i++) {
      for (GitHubApi.Comment c : session.api().comments(posted.number, posted.since, budget)) {
        if (c.id() <= posted.afterId || !seen.add(c.id()) || c.body().contains(marker)) {
          continue;
        }
        Matcher m = commands.matcher(firstLine(c.body()));
        if (!m.matches()) {
          continue;
        }
        String command = m.group(1).toLowerCase(Locale.ROOT);
        if (posted.self != null && posted.self.equalsIgnoreCase(c.author())) {
          explain(posted, marker, c, command, "it comes from the account the rollback itself uses, and automation"
              + " cannot answer its own requests", explained, budget);
          continue;
        }
        if (ballot.cast(c, command)) {
          return;
        }
      }
      Duration left = budget.remaining().orElse(interval);
      if (left.isZero()) {
        return;
      }
      budget.sleep(left.compareTo(interval) < 0 ? left : interval);
    }
  }

  /**
   * Says, in the log and once per person on the request's issue, why a command did not count, so that nobody waits
   * for an answer that cannot come. A failure to post is logged; the wait goes on.
   */
  private void explain(Posted posted, String marker, GitHubApi.Comment c, String command, String why,
      Set<String> explained, Budget budget) {
    LOG.info("ignored /{} by {} on #{}: {}", command, c.author(), posted.number, why);
    if (!explained.add(c.author().toLowerCase(Locale.ROOT) + " " + command)) {
      return;
    }
    try {
      session.api().comment(posted.number, "@" + c.author() + " your `/" + command + "` does not count: " + why
          + ".\n\n" + marker, budget);
    } catch (RuntimeException e) {
      LOG.warn("could not say on #{} why /{} by {} does not count: {}", posted.number, command, c.author(),
          e.getMessage());
    }
  }

  private Set<String> rolesHeld(String login, ApprovalPolicy policy, Map<String, GitHubApi.Role> roles,
      Budget budget) {
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
      GitHubApi.Role actual = roles.computeIfAbsent(key, k -> session.api().role(login, budget));
      if (actual.effective().map(p -> p.includes(min)).orElse(false)) {
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

  private static String marker(String runId, String what) {
    return "<!-- rollback run=" + runId + " " + what + " -->";
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
        .append(adapter.target().fullName()).append(".\n\n").append(marker(r.runId(), "approval"));
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
    private GitHubPermission confirmers = GitHubPermission.WRITE;

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
     * Who may answer confirmations (checklist items, manual steps): people whose role on the repository is at least
     * this one; {@code write} by default.
     *
     * @param minimum the weakest role that may confirm
     * @return this builder
     */
    public Builder confirmedBy(GitHubPermission minimum) {
      this.confirmers = Objects.requireNonNull(minimum, "minimum");
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
