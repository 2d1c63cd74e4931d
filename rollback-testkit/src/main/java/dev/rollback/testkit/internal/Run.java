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

/** A workflow run. */
public final class Run {
  private final Store store;
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
    this.store = repo.store;
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
  public Store.Phase at(Instant now) {
    Instant start = attemptStartedAt;
    Optional<Duration> queued = script.queued();
    Optional<Duration> total = script.concludesAfter();
    Instant natural = total.map(start::plus).orElse(null);
    if (stoppedAt != null && !now.isBefore(stoppedAt) && (natural == null || stoppedAt.isBefore(natural))) {
      return new Store.Phase("completed", stoppedWith, stoppedAt);
    }
    if (queued.isEmpty() || now.isBefore(start.plus(queued.get()))) {
      return new Store.Phase("queued", null, start);
    }
    Instant started = start.plus(queued.get());
    if (natural == null || now.isBefore(natural)) {
      return new Store.Phase("in_progress", null, started);
    }
    return new Store.Phase("completed", script.conclusion(), natural);
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
    Instant now = store.now();
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
    attemptStartedAt = store.now();
    script = next;
    stoppedAt = null;
    stoppedWith = null;
  }
}
