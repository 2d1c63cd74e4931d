package dev.rollback.temporal.internal;

import dev.rollback.temporal.TargetRun;
import java.util.List;
import java.util.Map;

/**
 * What the workflows and activities send each other, as Temporal payloads (JSON). Renaming a field or an activity
 * method changes the history format: recorded histories no longer replay.
 */
public final class Wire {

  private Wire() {}

  /**
   * A step or check as the workflow sees it.
   *
   * @param name its name
   * @param kind its kind
   * @param effect the step's effect ({@code READ_ONLY}, ...); {@code CHECK} for a check
   * @param waitMillis for a wait step, how long (a durable timer); else 0
   */
  public record Item(String name, String kind, String effect, long waitMillis) {}

  /**
   * A phase as the workflow sees it.
   *
   * @param name its name
   * @param onFailure {@code HALT}, {@code COMPENSATE} or {@code CONTINUE}
   * @param steps its steps
   * @param validations its validations
   */
  public record PhaseOutline(String name, String onFailure, List<Item> steps, List<Item> validations) {}

  /**
   * The plan's shape and the run's start, from the {@code Outline} activity.
   *
   * @param planName the plan's name
   * @param readiness the readiness checks
   * @param phases the procedure's phases
   * @param verifications the verifications
   * @param health the health checks (watched while monitoring)
   * @param monitorIntervalMillis how often the health checks run while monitoring
   * @param outputs the built-in outputs and the target's values
   * @param memory what the adapters remembered when the run started
   */
  public record Outline(String planName, List<Item> readiness, List<PhaseOutline> phases, List<Item> verifications,
      List<Item> health, long monitorIntervalMillis, Map<String, Object> outputs, Map<String, String> memory) {}

  /**
   * A call of one part of the plan.
   *
   * @param run the run
   * @param part {@code readiness}, {@code phase}, {@code validation}, {@code verification}, {@code health}, or
   *     empty for the run as a whole
   * @param phase the phase's index (for {@code phase} and {@code validation})
   * @param index the step's or check's index
   * @param outputs the outputs bound so far
   * @param memory what the adapters remembered so far
   * @param approvedBy who approved
   */
  public record Call(TargetRun run, String part, int phase, int index, Map<String, Object> outputs,
      Map<String, String> memory, String approvedBy) {}

  /**
   * What a step, check, compensation or lifecycle call did.
   *
   * @param status {@code APPLIED}, {@code ALREADY_APPLIED}, {@code PASSED}, {@code FAILED}, {@code COMPENSATED},
   *     {@code DONE}
   * @param summary one line, secrets masked
   * @param value the result's value (a step's new commit), or null
   * @param bound the outputs it binds for later steps
   * @param raw the step result's own outputs (for compensating it)
   * @param evidence what it observed
   * @param memory what the adapters remember now
   * @param attempts the activity's attempt
   */
  public record Outcome(String status, String summary, Object value, Map<String, Object> bound,
      Map<String, Object> raw, Map<String, Object> evidence, Map<String, String> memory, int attempts) {

    /**
     * Whether it failed.
     *
     * @return true when the status is {@code FAILED}
     */
    public boolean failed() {
      return "FAILED".equals(status);
    }
  }

  /**
   * A notification to send for a run.
   *
   * @param run the run
   * @param event the event ({@code ROLLBACK_COMPLETED}, {@code ROLLBACK_FAILED}, {@code ALERT})
   * @param title the title
   * @param body the body (Markdown)
   */
  public record Notice(TargetRun run, String event, String title, String body) {}

  /**
   * Who runs an activity attempt, sent with its heartbeats: a retried attempt reads it to recover what the attempt
   * before left half-done (a lock file of the process that died).
   *
   * @param pid the worker's process id
   * @param sinceMillis when the attempt started (epoch milliseconds)
   */
  public record Mark(long pid, long sinceMillis) {}
}
