package dev.rollback.spi;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Interprets the step, check and signal kinds of one tool (Git, Docker, GitHub) for the executor.
 *
 * <p>Kinds are namespaced by the adapter's {@link #name()}: the Git adapter handles {@code git.revert},
 * {@code git.push} and so on. The executor calls the lifecycle hooks in this order: {@link #onRunStart} during
 * assessment, before anything changes (pin what must not move, such as the remote value a push will lease);
 * {@link #beforeFirstMutation} once, before the adapter's first step that changes anything (create backups);
 * {@link #onRunEnd} after the run, to audit that nothing was lost. Adapters keep what they must remember across
 * a crash in {@link RunContext#remember}, never in fields alone. When a run resumes after a crash,
 * {@link #recover} clears what the cut-off work left half-done before that work is probed.
 */
public interface Adapter extends AutoCloseable {

  /**
   * The adapter's name, the prefix of its kinds: {@code git}, {@code docker}, {@code github}.
   *
   * @return the name
   */
  String name();

  /**
   * The step handlers, by step kind.
   *
   * @return handlers by kind
   */
  default Map<String, StepHandler> steps() {
    return Map.of();
  }

  /**
   * The check evaluators, by check kind.
   *
   * @return evaluators by kind
   */
  default Map<String, CheckEvaluator> checks() {
    return Map.of();
  }

  /**
   * The signal sources, by signal kind.
   *
   * @return sources by kind
   */
  default Map<String, SignalSource> signals() {
    return Map.of();
  }

  /**
   * Called during assessment, before anything changes, on runs and previews alike: record the state this
   * adapter will need to prove safety or guard writes (refs, the remote value to lease). When an interrupted run
   * resumes it is called again, with what the adapter {@link RunContext#remember remembered} restored: recall it
   * first, and pin anew only what was not pinned before the interruption.
   *
   * @param run the run
   * @throws Exception when the tool cannot be reached; the run stops before any change
   */
  default void onRunStart(RunContext run) throws Exception {}

  /**
   * Called once per run, before the first of this adapter's steps that changes anything (never in a preview):
   * create backups.
   *
   * @param run the run
   * @throws Exception when the backup fails; the step does not run
   */
  default void beforeFirstMutation(RunContext run) throws Exception {}

  /**
   * Called after the run, finished or stopped: prove what the adapter promises, such as every commit reachable
   * before still being reachable. The result goes into the report's safety audit.
   *
   * @param run the run
   * @return the audit, when this adapter has something to prove
   * @throws Exception when the audit cannot be made; the report says so
   */
  default Optional<Audit> onRunEnd(RunContext run) throws Exception {
    return Optional.empty();
  }

  /**
   * Called when an interrupted run resumes, before work of this adapter that the interruption cut off is probed
   * ({@link StepHandler#isApplied}) or done again: recover what that work left half-done, the way the tool itself
   * documents it (a stale lock removed, an index rebuilt from HEAD, a half-written file put back). The executor holds
   * the run's lock, so no other run of ours is working here: what the cut-off process left after
   * {@link Interruption#since()}, that this adapter's work could have made and that no live process holds, is stale.
   * Anything else (a lock held by a live process, one older than the cut-off process, one this work never makes)
   * must be left alone and answered with {@link Recovery#blocked}, naming the file and the exact command that
   * clears it.
   *
   * @param run the run
   * @param cutOff the work that was cut off
   * @return what was recovered, or what blocks the run
   * @throws Exception when the state cannot be looked at; the run stops, saying so
   */
  default Recovery recover(RunContext run, Interruption cutOff) throws Exception {
    return Recovery.none();
  }

  /**
   * The lock files that keep two runs from changing what this adapter works on at once, such as one in a Git
   * repository's own directory. The executor takes each, with the workspace's own, before a run or resume starts and
   * holds them until it ends, whatever the plan and wherever its journal is; a second run is refused, naming the
   * first's run id and process. The operating system releases them if the process dies.
   *
   * @return absolute paths of lock files, created when missing; empty by default
   * @throws Exception when the adapter cannot tell where its target is
   */
  default Collection<java.nio.file.Path> runLocks() throws Exception {
    return List.of();
  }

  /**
   * Values this adapter holds that must never be shown, such as a token: the executor redacts them from the
   * journal, reports, logs and exception messages.
   *
   * @return the secret values
   */
  default Collection<String> secrets() {
    return List.of();
  }

  /** Releases the adapter's clients and files. */
  @Override
  default void close() {}
}
