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
  private long nextRunId = 9_100_000_000L;
  private long nextWorkflowId = 70_000_000L;
  private long nextCommentId = 2_400_000_000L;
  private long nextIssueId = 3_000_000_000L;
  private long nextRepoId = 500_000_000L;
  private long nextUserId = 90_000L;
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
    return repos.computeIfAbsent(owner + "/" + name, k -> new Repo(nextRepoId++, owner, name));
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

  /** A repository. */
  public final class Repo {
    final long id;
    final String owner;
    final String name;
    String defaultBranch = "main";
    final Map<String, String> branches = new LinkedHashMap<>();
    final Map<String, Workflow> workflows = new LinkedHashMap<>();
    final List<Run> runs = new ArrayList<>();
    final Map<String, String> collaborators = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, String> customRoles = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<Integer, Issue> issues = new TreeMap<>();
    int nextNumber = 1;

    Repo(long id, String owner, String name) {
      this.id = id;
      this.owner = owner;
      this.name = name;
      branches.put("main", sha(owner + "/" + name + ":main"));
    }

    /**
     * The full name, {@code owner/name}.
     *
     * @return the full name
     */
    public String fullName() {
      return owner + "/" + name;
    }

    /**
     * Sets the default branch, creating it when needed.
     *
     * @param branch the branch
     */
    public void defaultBranch(String branch) {
      branches.computeIfAbsent(branch, b -> sha(fullName() + ":" + b));
      defaultBranch = branch;
    }

    /**
     * The default branch.
     *
     * @return the branch
     */
    public String defaultBranch() {
      return defaultBranch;
    }

    /**
     * Creates or moves a branch.
     *
     * @param branch the branch
     * @param sha the commit it points at
     */
    public void branch(String branch, String sha) {
      branches.put(branch, sha);
    }

    /**
     * The commit a branch points at.
     *
     * @param branch the branch
     * @return the commit, when the branch exists
     */
    public Optional<String> branchHead(String branch) {
      return Optional.ofNullable(branches.get(branch));
    }

    /**
     * The workflow with the file name, created when it does not exist yet.
     *
     * @param file the file name under {@code .github/workflows}, such as {@code ci.yml}
     * @return the workflow
     */
    public Workflow workflow(String file) {
      return workflows.computeIfAbsent(file, f -> new Workflow(this, nextWorkflowId++, f));
    }

    /**
     * A workflow by file name or numeric id.
     *
     * @param idOrFile the id or the file name
     * @return the workflow, when it exists
     */
    public Optional<Workflow> findWorkflow(String idOrFile) {
      Workflow byName = workflows.get(idOrFile);
      if (byName != null) {
        return Optional.of(byName);
      }
      return workflows.values().stream().filter(w -> Long.toString(w.id).equals(idOrFile)).findFirst();
    }

    /**
     * A run by id.
     *
     * @param id the id
     * @return the run, when it exists
     */
    public Optional<Run> findRun(long id) {
      Instant now = now();
      return runs.stream().filter(r -> r.id == id && !r.createdAt.isAfter(now)).findFirst();
    }

    /**
     * Every run, oldest first, including runs a dispatch will create later.
     *
     * @return the runs
     */
    public List<Run> runs() {
      return List.copyOf(runs);
    }

    /**
     * The runs that exist now: a dispatched run appears only once it is created.
     *
     * @return the runs, oldest first
     */
    public List<Run> visibleRuns() {
      Instant now = now();
      return runs.stream().filter(r -> !r.createdAt.isAfter(now)).collect(java.util.stream.Collectors.toList());
    }

    /**
     * Sets a collaborator's role.
     *
     * @param login the login
     * @param role admin, maintain, write, triage or read: the role, or the base of the custom role
     * @param customRole the custom role's name, or null for none
     */
    public void collaborator(String login, String role, String customRole) {
      collaborators.put(login, role);
      if (customRole == null) {
        customRoles.remove(login);
      } else {
        customRoles.put(login, customRole);
      }
      userId(login);
    }

    /**
     * A collaborator's custom role.
     *
     * @param login the login
     * @return the custom role's name, when the person has one
     */
    public Optional<String> customRole(String login) {
      return Optional.ofNullable(customRoles.get(login));
    }

    /**
     * A collaborator's role.
     *
     * @param login the login
     * @return the role, when the person collaborates
     */
    public Optional<String> role(String login) {
      return Optional.ofNullable(collaborators.get(login));
    }

    /**
     * Opens an issue.
     *
     * @param title the title
     * @param body the body, may be null
     * @param author who opened it
     * @param labels its labels
     * @return the issue
     */
    public Issue openIssue(String title, String body, String author, List<String> labels) {
      Issue i = new Issue(this, nextIssueId++, nextNumber++, title, body, author, now(), labels, null);
      issues.put(i.number, i);
      return i;
    }

    /**
     * Opens a pull request, which is also an issue.
     *
     * @param title the title
     * @param body the body, may be null
     * @param author who opened it
     * @param head the head branch
     * @param base the base branch
     * @param draft whether it is a draft
     * @return the pull request's issue
     */
    public Issue openPull(String title, String body, String author, String head, String base, boolean draft) {
      Pull p = new Pull(head, base, branches.get(head), branches.get(base), draft);
      Issue i = new Issue(this, nextIssueId++, nextNumber++, title, body, author, now(), List.of(), p);
      issues.put(i.number, i);
      return i;
    }

    /**
     * An issue or pull request by number.
     *
     * @param number the number
     * @return it, when it exists
     */
    public Optional<Issue> findIssue(int number) {
      return Optional.ofNullable(issues.get(number));
    }

    /**
     * Every issue and pull request, oldest first.
     *
     * @return them
     */
    public List<Issue> issues() {
      return List.copyOf(issues.values());
    }

    /**
     * Creates a run of a workflow.
     *
     * @param workflow the workflow
     * @param event the event that triggered it
     * @param branch the branch
     * @param sha the commit
     * @param createdAt when it was created
     * @param script how it unfolds
     * @param actor who triggered it
     * @param inputs the dispatch inputs
     * @param title the display title, or null for the default
     * @return the run
     */
    public Run createRun(Workflow workflow, String event, String branch, String sha, Instant createdAt,
        RunScript script, String actor, Map<String, Object> inputs, String title) {
      Run r = new Run(this, nextRunId++, workflow, workflow.nextRunNumber++, event, branch,
          sha == null ? sha(fullName() + ":run:" + nextRunId) : sha, createdAt, script, actor, inputs,
          title == null ? workflow.displayTitle(inputs, event) : title);
      runs.add(r);
      runs.sort(java.util.Comparator.comparing((Run x) -> x.createdAt).thenComparingLong(x -> x.id));
      userId(actor);
      return r;
    }
  }

  /** {@code ${{ inputs.x }}} or {@code ${{ github.event.inputs.x }}} in a run-name expression. */
  private static final java.util.regex.Pattern INPUT =
      java.util.regex.Pattern.compile("\\$\\{\\{\\s*(?:github\\.event\\.)?inputs\\.([A-Za-z0-9_-]+)\\s*}}");

  /** A workflow. */
  public final class Workflow {
    final Repo repo;
    final long id;
    final String file;
    String name;
    final Instant createdAt;
    long nextRunNumber = 1;
    RunScript onDispatch = RunScript.succeedsAfter(Duration.ofMinutes(3)).queuedFor(Duration.ofSeconds(5));
    RunScript onRerun = RunScript.succeedsAfter(Duration.ofMinutes(3)).queuedFor(Duration.ofSeconds(5));
    String runName;
    List<String> inputs;
    Duration dispatchDelay = Duration.ZERO;
    Duration cancelDelay = Duration.ZERO;

    Workflow(Repo repo, long id, String file) {
      this.repo = repo;
      this.id = id;
      this.file = file;
      this.name = file.replaceFirst("\\.ya?ml$", "").toUpperCase(java.util.Locale.ROOT);
      this.createdAt = now().minus(Duration.ofDays(90));
    }

    /**
     * The numeric id.
     *
     * @return the id
     */
    public long id() {
      return id;
    }

    /**
     * The file name.
     *
     * @return the file name
     */
    public String file() {
      return file;
    }

    /**
     * The repository.
     *
     * @return the repository
     */
    public Repo repo() {
      return repo;
    }

    /**
     * Sets the name shown in the Actions tab.
     *
     * @param name the name
     */
    public void name(String name) {
      this.name = name;
    }

    /**
     * Sets how dispatched runs unfold.
     *
     * @param script the script
     */
    public void onDispatch(RunScript script) {
      this.onDispatch = script;
    }

    /**
     * Sets how re-run attempts unfold.
     *
     * @param script the script
     */
    public void onRerun(RunScript script) {
      this.onRerun = script;
    }

    /**
     * Sets the workflow's {@code run-name} expression, such as {@code "CI ${{ inputs.rollback_id }}"}.
     *
     * @param expression the expression
     */
    public void runName(String expression) {
      this.runName = expression;
    }

    /**
     * Declares the workflow's dispatch inputs; undeclared inputs are refused as GitHub does.
     *
     * @param names the input names
     */
    public void inputs(List<String> names) {
      this.inputs = List.copyOf(names);
    }

    /**
     * Sets how long after a dispatch its run is created.
     *
     * @param delay the delay
     */
    public void dispatchDelay(Duration delay) {
      this.dispatchDelay = delay;
    }

    /**
     * Sets how long a cancel takes to complete.
     *
     * @param delay the delay
     */
    public void cancelDelay(Duration delay) {
      this.cancelDelay = delay;
    }

    /**
     * How long after a dispatch its run is created.
     *
     * @return the delay
     */
    public Duration dispatchDelay() {
      return dispatchDelay;
    }

    /**
     * The declared inputs.
     *
     * @return the names, or null when every input is accepted
     */
    public List<String> declaredInputs() {
      return inputs;
    }

    /**
     * The script of dispatched runs.
     *
     * @return the script
     */
    public RunScript dispatchScript() {
      return onDispatch;
    }

    String displayTitle(Map<String, Object> inputs, String event) {
      if (runName != null) {
        java.util.regex.Matcher m = INPUT.matcher(runName);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
          Object v = inputs.get(m.group(1));
          m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(v == null ? "" : String.valueOf(v)));
        }
        m.appendTail(b);
        return b.toString();
      }
      return "workflow_dispatch".equals(event) ? name : "Commit on " + file;
    }
  }

  /** What a run looks like at a moment. */
  public record Phase(String status, String conclusion, Instant updatedAt) {}

  /** A workflow run. */
  public final class Run {
    final Repo repo;
    final long id;
    final Workflow workflow;
    final long runNumber;
    final String event;
    final String branch;
    final String sha;
    final Instant createdAt;
    final String actor;
    final Map<String, Object> inputs;
    final String title;
    int attempt = 1;
    Instant attemptStartedAt;
    RunScript script;
    Instant stoppedAt;
    String stoppedWith;

    Run(Repo repo, long id, Workflow workflow, long runNumber, String event, String branch, String sha,
        Instant createdAt, RunScript script, String actor, Map<String, Object> inputs, String title) {
      this.repo = repo;
      this.id = id;
      this.workflow = workflow;
      this.runNumber = runNumber;
      this.event = event;
      this.branch = branch;
      this.sha = sha;
      this.createdAt = createdAt;
      this.attemptStartedAt = createdAt;
      this.script = script;
      this.actor = actor;
      this.inputs = Map.copyOf(inputs);
      this.title = title;
    }

    /**
     * The run's id.
     *
     * @return the id
     */
    public long id() {
      return id;
    }

    /**
     * The workflow.
     *
     * @return the workflow
     */
    public Workflow workflow() {
      return workflow;
    }

    /**
     * The attempt, from 1.
     *
     * @return the attempt
     */
    public int attempt() {
      return attempt;
    }

    /**
     * The branch.
     *
     * @return the branch
     */
    public String branch() {
      return branch;
    }

    /**
     * The event.
     *
     * @return the event
     */
    public String event() {
      return event;
    }

    /**
     * The commit.
     *
     * @return the commit
     */
    public String sha() {
      return sha;
    }

    /**
     * The dispatch inputs.
     *
     * @return the inputs
     */
    public Map<String, Object> inputs() {
      return inputs;
    }

    /**
     * The display title.
     *
     * @return the title
     */
    public String title() {
      return title;
    }

    /**
     * When the run was created.
     *
     * @return the time
     */
    public Instant createdAt() {
      return createdAt;
    }

    /**
     * When the current attempt started.
     *
     * @return the time
     */
    public Instant attemptStartedAt() {
      return attemptStartedAt;
    }

    /**
     * The run at a moment: status, conclusion and last update.
     *
     * @param now the moment
     * @return the phase
     */
    public Phase at(Instant now) {
      Instant start = attemptStartedAt;
      Optional<Duration> queued = script.queued();
      Optional<Duration> total = script.concludesAfter();
      Instant natural = total.map(start::plus).orElse(null);
      if (stoppedAt != null && !now.isBefore(stoppedAt) && (natural == null || stoppedAt.isBefore(natural))) {
        return new Phase("completed", stoppedWith, stoppedAt);
      }
      if (queued.isEmpty() || now.isBefore(start.plus(queued.get()))) {
        return new Phase("queued", null, start);
      }
      Instant started = start.plus(queued.get());
      if (natural == null || now.isBefore(natural)) {
        return new Phase("in_progress", null, started);
      }
      return new Phase("completed", script.conclusion(), natural);
    }

    /**
     * Stops the current attempt now with a conclusion, unless it completed already.
     *
     * @param conclusion the conclusion
     * @return {@code false} when the run had already completed
     */
    public boolean stop(String conclusion) {
      return stop(conclusion, Duration.ZERO);
    }

    /**
     * Stops the current attempt with a conclusion after a delay (a cancel takes GitHub a few seconds), unless it
     * completed already; a stop already under way is kept.
     *
     * @param conclusion the conclusion
     * @param delay how long until it takes effect
     * @return {@code false} when the run had already completed
     */
    public boolean stop(String conclusion, Duration delay) {
      Instant now = now();
      if (at(now).status().equals("completed")) {
        return false;
      }
      if (stoppedAt == null || !stoppedAt.isAfter(now)) {
        stoppedAt = now.plus(delay);
        stoppedWith = conclusion;
      }
      return true;
    }

    /**
     * Starts a new attempt now.
     *
     * @param next how it unfolds
     */
    public void rerun(RunScript next) {
      attempt++;
      attemptStartedAt = now();
      script = next;
      stoppedAt = null;
      stoppedWith = null;
    }
  }

  /** An issue or pull request. */
  public final class Issue {
    final Repo repo;
    final long id;
    final int number;
    final String title;
    final String body;
    final String author;
    final Instant createdAt;
    Instant updatedAt;
    final List<String> labels;
    final Pull pull;
    final List<Comment> comments = new ArrayList<>();

    Issue(Repo repo, long id, int number, String title, String body, String author, Instant createdAt,
        List<String> labels, Pull pull) {
      this.repo = repo;
      this.id = id;
      this.number = number;
      this.title = title;
      this.body = body;
      this.author = author;
      this.createdAt = createdAt;
      this.updatedAt = createdAt;
      this.labels = List.copyOf(labels);
      this.pull = pull;
      userId(author);
    }

    /**
     * The number.
     *
     * @return the number
     */
    public int number() {
      return number;
    }

    /**
     * The title.
     *
     * @return the title
     */
    public String title() {
      return title;
    }

    /**
     * The body.
     *
     * @return the body, or null
     */
    public String body() {
      return body;
    }

    /**
     * Who opened it.
     *
     * @return the login
     */
    public String author() {
      return author;
    }

    /**
     * The labels.
     *
     * @return the labels
     */
    public List<String> labels() {
      return labels;
    }

    /**
     * The pull request part, for pull requests.
     *
     * @return the pull request, or empty for an issue
     */
    public Optional<Pull> pull() {
      return Optional.ofNullable(pull);
    }

    /**
     * The comments, oldest first.
     *
     * @return the comments
     */
    public List<Comment> comments() {
      return List.copyOf(comments);
    }

    /**
     * Adds a comment now.
     *
     * @param author who comments
     * @param text what they say
     * @return the comment
     */
    public Comment comment(String author, String text) {
      Instant now = now();
      Comment c = new Comment(nextCommentId++, this, author, text, now);
      comments.add(c);
      updatedAt = now;
      userId(author);
      return c;
    }
  }

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
