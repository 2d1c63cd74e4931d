package dev.rollback.testkit;

import dev.rollback.testkit.internal.Store;
import dev.rollback.testkit.internal.Run;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A workflow run on the fake GitHub, read as GitHub would show it now (on the fake's clock), and completed by hand
 * when a test says so.
 */
public final class FakeRun {

  private final Store store;
  private final Run run;

  FakeRun(Store store, Run run) {
    this.store = store;
    this.run = run;
  }

  /**
   * The run's id; it stays the same across re-runs.
   *
   * @return the id
   */
  public long id() {
    return run.id();
  }

  /**
   * The attempt, from 1; a re-run adds one.
   *
   * @return the attempt
   */
  public int attempt() {
    return locked(run::attempt);
  }

  /**
   * The status now: {@code queued}, {@code in_progress} or {@code completed}.
   *
   * @return the status
   */
  public String status() {
    return locked(() -> run.at(store.now()).status());
  }

  /**
   * The conclusion now, once completed.
   *
   * @return the conclusion, such as {@code success} or {@code cancelled}
   */
  public Optional<String> conclusion() {
    return locked(() -> Optional.ofNullable(run.at(store.now()).conclusion()));
  }

  /**
   * The branch the run is for.
   *
   * @return the branch
   */
  public String branch() {
    return run.branch();
  }

  /**
   * The event that triggered it, such as {@code push} or {@code workflow_dispatch}.
   *
   * @return the event
   */
  public String event() {
    return run.event();
  }

  /**
   * The commit the run tested.
   *
   * @return 40 hex digits
   */
  public String headSha() {
    return run.sha();
  }

  /**
   * The inputs it was dispatched with.
   *
   * @return the inputs, empty when not dispatched
   */
  public Map<String, Object> inputs() {
    return run.inputs();
  }

  /**
   * The title GitHub shows for it.
   *
   * @return the display title
   */
  public String displayTitle() {
    return run.title();
  }

  /**
   * When it was created.
   *
   * @return the time
   */
  public Instant createdAt() {
    return run.createdAt();
  }

  /**
   * The workflow's file name.
   *
   * @return the file name
   */
  public String workflow() {
    return run.workflow().file();
  }

  /**
   * Completes the current attempt now with a conclusion, as if its jobs had finished that way.
   *
   * @param conclusion one of {@link RunScript#CONCLUSIONS}
   * @return this run
   * @throws IllegalArgumentException if the conclusion is not GitHub's
   * @throws IllegalStateException if the run has completed already
   */
  public FakeRun complete(String conclusion) {
    if (!RunScript.CONCLUSIONS.contains(conclusion)) {
      throw new IllegalArgumentException("conclusion must be one of " + new java.util.TreeSet<>(RunScript.CONCLUSIONS)
          + ", was '" + conclusion + "'");
    }
    boolean stopped = locked(() -> run.stop(conclusion));
    if (!stopped) {
      throw new IllegalStateException("run " + run.id() + " has completed already");
    }
    return this;
  }

  private <T> T locked(java.util.function.Supplier<T> s) {
    store.lock().lock();
    try {
      return s.get();
    } finally {
      store.lock().unlock();
    }
  }

  @Override
  public String toString() {
    return "FakeRun[" + run.id() + " " + run.workflow().file() + " on " + run.branch() + ", attempt " + attempt() + ", "
        + status() + conclusion().map(c -> "/" + c).orElse("") + "]";
  }
}
