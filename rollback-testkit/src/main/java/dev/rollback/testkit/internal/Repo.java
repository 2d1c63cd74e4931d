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

/** A repository. */
public final class Repo {
  final Store store;
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

  Repo(Store store, long id, String owner, String name) {
    this.store = store;
    this.id = id;
    this.owner = owner;
    this.name = name;
    branches.put("main", Store.sha(owner + "/" + name + ":main"));
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
    branches.computeIfAbsent(branch, b -> Store.sha(fullName() + ":" + b));
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
    return workflows.computeIfAbsent(file, f -> new Workflow(this, store.nextWorkflowId++, f));
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
    Instant now = store.now();
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
    Instant now = store.now();
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
    store.userId(login);
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
    Issue i = new Issue(this, store.nextIssueId++, nextNumber++, title, body, author, store.now(), labels, null);
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
    Store.Pull p = new Store.Pull(head, base, branches.get(head), branches.get(base), draft);
    Issue i = new Issue(this, store.nextIssueId++, nextNumber++, title, body, author, store.now(), List.of(), p);
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
    Run r = new Run(this, store.nextRunId++, workflow, workflow.nextRunNumber++, event, branch,
        sha == null ? Store.sha(fullName() + ":run:" + store.nextRunId) : sha, createdAt, script, actor, inputs,
        title == null ? workflow.displayTitle(inputs, event) : title);
    runs.add(r);
    runs.sort(java.util.Comparator.comparing((Run x) -> x.createdAt).thenComparingLong(x -> x.id));
    store.userId(actor);
    return r;
  }
}
