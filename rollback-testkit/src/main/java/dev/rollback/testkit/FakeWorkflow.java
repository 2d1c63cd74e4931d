package dev.rollback.testkit;

import dev.rollback.testkit.internal.Store;
import dev.rollback.testkit.internal.Repo;
import dev.rollback.testkit.internal.Run;
import dev.rollback.testkit.internal.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A workflow of a fake repository, such as {@code ci.yml}: seed its history, script what its dispatched and re-run
 * runs do, and read its runs.
 *
 * <pre>{@code
 * FakeWorkflow ci = fake.repository("acme/shop").workflow("ci.yml");
 * ci.seedHistory("main", Duration.ofMinutes(6), "success", "success", "failure");   // oldest first
 * ci.newRun().branch("main").script(RunScript.neverFinishes()).create();            // one in progress
 * ci.onDispatch(RunScript.failsAfter(Duration.ofMinutes(4)));                        // the next dispatch fails
 * }</pre>
 */
public final class FakeWorkflow {

  private final Store store;
  private final Workflow workflow;

  FakeWorkflow(Store store, Workflow workflow) {
    this.store = store;
    this.workflow = workflow;
  }

  /**
   * The workflow's numeric id.
   *
   * @return the id
   */
  public long id() {
    return workflow.id();
  }

  /**
   * The workflow's file name under {@code .github/workflows}.
   *
   * @return the file name
   */
  public String file() {
    return workflow.file();
  }

  /**
   * Sets the name GitHub shows for the workflow (its {@code name:}); by default the file name in capitals.
   *
   * @param name the name
   * @return this workflow
   */
  public FakeWorkflow named(String name) {
    Objects.requireNonNull(name, "name");
    return locked(() -> workflow.name(name));
  }

  /**
   * Scripts the runs that dispatches create from now on. By default they are queued for 5 seconds and succeed
   * 3 minutes after creation.
   *
   * @param script how they unfold
   * @return this workflow
   */
  public FakeWorkflow onDispatch(RunScript script) {
    Objects.requireNonNull(script, "script");
    return locked(() -> workflow.onDispatch(script));
  }

  /**
   * Scripts the attempts that re-runs start from now on; by default as for dispatches.
   *
   * @param script how they unfold
   * @return this workflow
   */
  public FakeWorkflow onRerun(RunScript script) {
    Objects.requireNonNull(script, "script");
    return locked(() -> workflow.onRerun(script));
  }

  /**
   * Makes dispatched runs appear a while after the dispatch, as on GitHub, where a run is created a few seconds
   * after the dispatch answers; until then it is in no listing. By default runs appear at once.
   *
   * @param delay how long after the dispatch the run is created
   * @return this workflow
   */
  public FakeWorkflow dispatchDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a run cannot be created before its dispatch, was asked for " + delay);
    }
    return locked(() -> workflow.dispatchDelay(delay));
  }

  /**
   * Makes cancels take a while, as on GitHub, which accepts a cancel (202) and stops the run's jobs afterwards: the
   * run reads back in progress until the delay has passed, then cancelled. By default cancels take effect at once.
   *
   * @param delay how long after the cancel the run completes as cancelled
   * @return this workflow
   */
  public FakeWorkflow cancelDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a cancel cannot complete before it is asked for, was " + delay);
    }
    return locked(() -> workflow.cancelDelay(delay));
  }

  /**
   * Sets the workflow's {@code run-name:} expression; inputs are filled in, as GitHub does:
   * {@code runName("CI ${{ inputs.rollback_id }}")}.
   *
   * @param expression the expression
   * @return this workflow
   */
  public FakeWorkflow runName(String expression) {
    Objects.requireNonNull(expression, "expression");
    return locked(() -> workflow.runName(expression));
  }

  /**
   * Declares the workflow's {@code workflow_dispatch} inputs. As on GitHub, a dispatch with any other input is
   * refused with 422; until inputs are declared, every input is accepted.
   *
   * @param names the inputs
   * @return this workflow
   */
  public FakeWorkflow inputs(String... names) {
    return locked(() -> workflow.inputs(Arrays.asList(names)));
  }

  /**
   * Starts describing a run to add to the workflow's history.
   *
   * @return the run's builder
   */
  public RunBuilder newRun() {
    return new RunBuilder();
  }

  /**
   * Adds completed runs on a branch, oldest first, each {@code duration} long; the newest completed a minute ago and
   * the others at intervals of {@code duration} plus a minute before it.
   *
   * @param branch the branch
   * @param duration how long each run took
   * @param conclusions their conclusions, oldest first
   * @return the runs, oldest first
   * @throws IllegalArgumentException if a conclusion is not GitHub's
   */
  public List<FakeRun> seedHistory(String branch, Duration duration, String... conclusions) {
    Instant now = store.clock().instant();
    List<FakeRun> out = new ArrayList<>();
    for (int i = 0; i < conclusions.length; i++) {
      Instant created = now.minus(Duration.ofMinutes(1)).minus(duration)
          .minus(duration.plusMinutes(1).multipliedBy(conclusions.length - 1 - i));
      out.add(newRun().branch(branch).event("push").createdAt(created)
          .script(RunScript.concludesAfter(conclusions[i], duration)).create());
    }
    return out;
  }

  /**
   * The workflow's runs, oldest first.
   *
   * @return the runs
   */
  public List<FakeRun> runs() {
    store.lock().lock();
    try {
      return workflow.repo().visibleRuns().stream().filter(r -> r.workflow() == workflow)
          .map(r -> new FakeRun(store, r))
          .collect(Collectors.toList());
    } finally {
      store.lock().unlock();
    }
  }

  private FakeWorkflow locked(Runnable r) {
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
    return "FakeWorkflow[" + workflow.repo().fullName() + " " + workflow.file() + " #" + workflow.id() + "]";
  }

  /** Describes a run to add: {@code ci.newRun().branch("main").script(RunScript.neverFinishes()).create()}. */
  public final class RunBuilder {
    private String branch;
    private String event = "push";
    private String sha;
    private Instant createdAt;
    private RunScript script = RunScript.succeedsAfter(Duration.ofMinutes(3));
    private String actor = "octocat";
    private String title;
    private Map<String, Object> inputs = Map.of();

    RunBuilder() {}

    /**
     * The branch; the repository's default branch unless set.
     *
     * @param branch the branch
     * @return this builder
     */
    public RunBuilder branch(String branch) {
      this.branch = Objects.requireNonNull(branch, "branch");
      return this;
    }

    /**
     * The event that triggered it; {@code push} unless set.
     *
     * @param event the event, such as {@code push}, {@code pull_request}, {@code schedule}
     * @return this builder
     */
    public RunBuilder event(String event) {
      this.event = Objects.requireNonNull(event, "event");
      return this;
    }

    /**
     * The commit it tests; a made-up one unless set.
     *
     * @param sha 40 hex digits
     * @return this builder
     */
    public RunBuilder headSha(String sha) {
      this.sha = Objects.requireNonNull(sha, "sha");
      return this;
    }

    /**
     * When it was created; now unless set.
     *
     * @param at the time
     * @return this builder
     */
    public RunBuilder createdAt(Instant at) {
      this.createdAt = Objects.requireNonNull(at, "at");
      return this;
    }

    /**
     * How it unfolds from its creation; success after 3 minutes unless set.
     *
     * @param script the script
     * @return this builder
     */
    public RunBuilder script(RunScript script) {
      this.script = Objects.requireNonNull(script, "script");
      return this;
    }

    /**
     * Who triggered it; {@code octocat} unless set.
     *
     * @param login the login
     * @return this builder
     */
    public RunBuilder actor(String login) {
      this.actor = Objects.requireNonNull(login, "login");
      return this;
    }

    /**
     * The title GitHub shows for it.
     *
     * @param title the title
     * @return this builder
     */
    public RunBuilder displayTitle(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /**
     * The inputs it was dispatched with.
     *
     * @param inputs the inputs
     * @return this builder
     */
    public RunBuilder inputs(Map<String, Object> inputs) {
      this.inputs = Map.copyOf(inputs);
      return this;
    }

    /**
     * Adds the run.
     *
     * @return the run
     */
    public FakeRun create() {
      store.lock().lock();
      try {
        Repo repo = workflow.repo();
        String b = branch == null ? repo.defaultBranch() : branch;
        Instant at = (createdAt == null ? store.clock().instant() : createdAt)
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Run r = repo.createRun(workflow, event, b, sha, at, script, actor, inputs, title);
        return new FakeRun(store, r);
      } finally {
        store.lock().unlock();
      }
    }
  }
}
