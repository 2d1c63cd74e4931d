package dev.rollback;

/**
 * What a step does to the world, which decides how the executor treats it.
 *
 * <ul>
 *   <li>{@link #READ_ONLY}: observes only; a dry run executes it for real (it finds the real culprit commit).</li>
 *   <li>{@link #REVERSIBLE}: changes something that can be undone; a failed phase under
 *       {@link FailurePolicy#COMPENSATE} undoes it.</li>
 *   <li>{@link #IRREVERSIBLE}: cannot be undone (a force push, cancelling CI runs); it runs only with an approval
 *       that covers it.</li>
 * </ul>
 */
public enum Effect {
  /** Observes, changes nothing. */
  READ_ONLY,
  /** Changes something the adapter can undo. */
  REVERSIBLE,
  /** Changes something that cannot be undone; needs an approval. */
  IRREVERSIBLE;

  /**
   * Whether a step with this effect changes anything.
   *
   * @return {@code true} unless {@link #READ_ONLY}
   */
  public boolean mutates() {
    return this != READ_ONLY;
  }
}
