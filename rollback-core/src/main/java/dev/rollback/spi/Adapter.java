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
 * a crash in {@link RunContext#remember}, never in fields alone.
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
