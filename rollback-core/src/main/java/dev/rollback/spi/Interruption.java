package dev.rollback.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Work of an adapter that a crash cut off, as the executor hands it to {@link Adapter#recover} when the interrupted
 * run resumes, before that work is probed ({@link StepHandler#isApplied}) or done again.
 *
 * <p>The executor holds the run's lock while it resumes, so no other run of ours is working on the same repository
 * or workspace: what the cut-off process left behind after {@link #since()} is the cut-off work's own, unless a
 * live process holds it.
 *
 * @param work what was cut off
 * @param step the step that was being applied or undone, as the step's handler would be called (its parameters
 *     resolved); empty for the adapter's preparation ({@link Adapter#beforeFirstMutation})
 * @param pid the id of the process that was cut off, as the journal recorded it; 0 when unknown
 * @param since when, by the operating system's clock (not the run's {@link java.time.Clock}, so it compares with
 *     file times), the cut-off process started working on the run: everything it wrote is newer
 */
public record Interruption(Work work, Optional<StepContext> step, long pid, Instant since) {

  /** What kind of work was cut off. */
  public enum Work {
    /** The adapter's preparation before its first change: {@link Adapter#beforeFirstMutation} (backups). */
    PREPARATION,
    /** A step being applied. */
    STEP,
    /** A step being undone by compensation. */
    UNDO
  }

  /**
   * Creates the value.
   *
   * @param work what was cut off
   * @param step the step, for {@link Work#STEP} and {@link Work#UNDO}
   * @param pid the cut-off process's id, or 0
   * @param since when the cut-off process started working on the run
   * @throws NullPointerException if an argument is null
   */
  public Interruption {
    Objects.requireNonNull(work, "work");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(since, "since");
  }

  /**
   * The cut-off work in words, for messages: {@code step 'revert P3-007' (git.revert)}, {@code the undo of step
   * ...}, {@code the preparation before the first change}.
   *
   * @return the description
   */
  public String describe() {
    if (step.isEmpty()) {
      return "the preparation before the first change";
    }
    String s = "step '" + step.get().step().name() + "' (" + step.get().step().kind() + ")";
    return work == Work.UNDO ? "the undo of " + s : s;
  }
}
