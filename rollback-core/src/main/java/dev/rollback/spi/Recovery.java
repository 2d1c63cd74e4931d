package dev.rollback.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Adapter#recover} did about work a crash cut off: nothing was left to recover, it recovered (saying
 * what it did, for the journal and the report), or something it cannot prove stale blocks the run (saying which
 * file and the command that clears it). A blocked recovery changes nothing; the run stops and can be resumed once
 * the operator has dealt with it.
 *
 * @param actions what was done, each in a sentence: {@code removed the stale lock /repo/.git/index.lock}
 * @param blocked why the run cannot go on, naming the file and the command to run; empty when it can
 */
public record Recovery(List<String> actions, Optional<String> blocked) {

  private static final Recovery NONE = new Recovery(List.of(), Optional.empty());

  /**
   * Creates the value; the list is copied.
   *
   * @param actions what was done
   * @param blocked why the run cannot go on
   * @throws NullPointerException if an argument is null
   */
  public Recovery {
    actions = List.copyOf(actions);
    Objects.requireNonNull(blocked, "blocked");
  }

  /**
   * Nothing was left half-done.
   *
   * @return the answer
   */
  public static Recovery none() {
    return NONE;
  }

  /**
   * Recovered: what the cut-off work left half-done is cleared.
   *
   * @param actions what was done, each in a sentence
   * @return the answer; {@link #none()} when the list is empty
   * @throws NullPointerException if {@code actions} is null
   */
  public static Recovery recovered(List<String> actions) {
    return actions.isEmpty() ? NONE : new Recovery(actions, Optional.empty());
  }

  /**
   * Something the adapter cannot prove stale blocks the run; nothing was changed.
   *
   * @param why the file, why it is not provably stale, and the exact command that clears it
   * @return the answer
   * @throws NullPointerException if {@code why} is null
   */
  public static Recovery blocked(String why) {
    return new Recovery(List.of(), Optional.of(Objects.requireNonNull(why, "why")));
  }

  /**
   * Whether the run may go on.
   *
   * @return {@code true} unless blocked
   */
  public boolean canGoOn() {
    return blocked.isEmpty();
  }
}
