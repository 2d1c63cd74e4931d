package dev.rollback.testkit;

import dev.rollback.testkit.internal.Roles;
import dev.rollback.testkit.internal.Store;
import dev.rollback.testkit.internal.Repo;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A repository on the fake GitHub: its branches, workflows and runs, collaborators' roles, issues, comments and pull
 * requests. Created with a {@code main} branch; everything else is seeded by the test.
 *
 * <pre>{@code
 * FakeRepository repo = fake.repository("acme/shop")
 *     .collaborator("maria", "maintain")
 *     .collaborator("dude", "read");
 * }</pre>
 */
public final class FakeRepository {

  private final Store store;
  private final Repo repo;

  FakeRepository(Store store, Repo repo) {
    this.store = store;
    this.repo = repo;
  }

  /**
   * The full name, {@code owner/name}.
   *
   * @return the full name
   */
  public String fullName() {
    return repo.fullName();
  }

  /**
   * Sets the default branch, creating it when needed.
   *
   * @param branch the branch
   * @return this repository
   */
  public FakeRepository defaultBranch(String branch) {
    Objects.requireNonNull(branch, "branch");
    return locked(() -> repo.defaultBranch(branch));
  }

  /**
   * Creates a branch, or moves it, to a commit.
   *
   * @param name the branch
   * @param sha the commit, 40 hex digits
   * @return this repository
   * @throws IllegalArgumentException if the commit id is not 40 hex digits
   */
  public FakeRepository branch(String name, String sha) {
    Objects.requireNonNull(name, "name");
    if (sha == null || !sha.matches("[0-9a-f]{40}")) {
      throw new IllegalArgumentException("a commit id is 40 lower-case hex digits, was '" + sha + "'");
    }
    return locked(() -> repo.branch(name, sha));
  }

  /**
   * The commit a branch points at.
   *
   * @param name the branch
   * @return the commit, when the branch exists
   */
  public Optional<String> branchHead(String name) {
    store.lock().lock();
    try {
      return repo.branchHead(name);
    } finally {
      store.lock().unlock();
    }
  }

  /**
   * A workflow by file name, created when it does not exist yet.
   *
   * @param file the file name under {@code .github/workflows}, such as {@code ci.yml}
   * @return the workflow
   */
  public FakeWorkflow workflow(String file) {
    Objects.requireNonNull(file, "file");
    store.lock().lock();
    try {
      return new FakeWorkflow(store, repo.workflow(file));
    } finally {
      store.lock().unlock();
    }
  }

  /**
   * Gives a person a role on the repository.
   *
   * @param login the person's login
   * @param role {@code admin}, {@code maintain}, {@code write}, {@code triage} or {@code read}
   * @return this repository
   * @throws IllegalArgumentException if the role is not one of GitHub's
   */
  public FakeRepository collaborator(String login, String role) {
    Objects.requireNonNull(login, "login");
    if (!Roles.ORDER.contains(role) || "none".equals(role)) {
      throw new IllegalArgumentException("role must be one of admin, maintain, write, triage, read; was '" + role
          + "'");
    }
    return locked(() -> repo.collaborator(login, role, null));
  }

  /**
   * Gives a person a custom repository role, built on one of GitHub's: GitHub then answers the permission request
   * with the custom role's name in {@code role_name}, and the base role's older {@code permission} ({@code write}
   * for a role built on {@code maintain} or {@code write}, {@code read} for one on {@code triage} or {@code read}).
   *
   * @param login the person's login
   * @param customRole the custom role's name, such as {@code release-captain}
   * @param baseRole the role it is built on: {@code maintain}, {@code write}, {@code triage} or {@code read}
   * @return this repository
   * @throws IllegalArgumentException if the name is one of GitHub's roles or blank, or the base is not one of them
   */
  public FakeRepository customRole(String login, String customRole, String baseRole) {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(customRole, "customRole");
    if (customRole.isBlank() || Roles.ORDER.contains(customRole)) {
      throw new IllegalArgumentException("a custom role needs a name of its own, not one of GitHub's roles; was '"
          + customRole + "'");
    }
    if (!Roles.ORDER.contains(baseRole) || "none".equals(baseRole) || "admin".equals(baseRole)) {
      throw new IllegalArgumentException("a custom role is built on maintain, write, triage or read; was '" + baseRole
          + "'");
    }
    return locked(() -> repo.collaborator(login, baseRole, customRole));
  }

  /**
   * A person opens an issue now.
   *
   * @param title the title
   * @param body the body
   * @param author who opens it
   * @return the issue
   */
  public FakeIssue openIssue(String title, String body, String author) {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(author, "author");
    store.lock().lock();
    try {
      return new FakeIssue(store, repo.openIssue(title, body, author, List.of()));
    } finally {
      store.lock().unlock();
    }
  }

  /**
   * An issue or pull request by number.
   *
   * @param number the number
   * @return the issue
   * @throws IllegalArgumentException if there is none
   */
  public FakeIssue issue(int number) {
    store.lock().lock();
    try {
      return repo.findIssue(number).map(i -> new FakeIssue(store, i))
          .orElseThrow(() -> new IllegalArgumentException(repo.fullName() + " has no issue #" + number));
    } finally {
      store.lock().unlock();
    }
  }

  /**
   * Every issue, pull requests included, oldest first.
   *
   * @return the issues
   */
  public List<FakeIssue> issues() {
    store.lock().lock();
    try {
      return repo.issues().stream().map(i -> new FakeIssue(store, i)).collect(Collectors.toList());
    } finally {
      store.lock().unlock();
    }
  }

  /**
   * Every pull request, oldest first.
   *
   * @return the pull requests
   */
  public List<FakePullRequest> pullRequests() {
    store.lock().lock();
    try {
      return repo.issues().stream().filter(i -> i.pull().isPresent())
          .map(i -> new FakePullRequest(i.number(), i.title(), i.body() == null ? "" : i.body(), i.pull().get().head(),
              i.pull().get().base(), i.pull().get().draft(), i.author()))
          .collect(Collectors.toList());
    } finally {
      store.lock().unlock();
    }
  }

  /**
   * A run by id.
   *
   * @param id the run's id
   * @return the run
   * @throws IllegalArgumentException if there is none
   */
  public FakeRun run(long id) {
    store.lock().lock();
    try {
      return repo.findRun(id).map(r -> new FakeRun(store, r))
          .orElseThrow(() -> new IllegalArgumentException(repo.fullName() + " has no run " + id));
    } finally {
      store.lock().unlock();
    }
  }

  /**
   * Every run of every workflow, oldest first.
   *
   * @return the runs
   */
  public List<FakeRun> runs() {
    store.lock().lock();
    try {
      return repo.visibleRuns().stream().map(r -> new FakeRun(store, r)).collect(Collectors.toList());
    } finally {
      store.lock().unlock();
    }
  }

  private FakeRepository locked(Runnable r) {
    store.lock().lock();
    try {
      r.run();
      return this;
    } finally {
      store.lock().unlock();
    }
  }

  @Override
  public String toString() {
    return "FakeRepository[" + repo.fullName() + "]";
  }
}
