package dev.rollback.run;

import dev.rollback.internal.ConsoleProgress;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Progress displays: listeners that show a run as it goes.
 *
 * <pre>{@code
 * RollbackExecutor.builder().listener(Progress.console())
 * }</pre>
 */
public final class Progress {

  private Progress() {}

  /**
   * Prints each stage, phase, step, approval and warning on standard output as it happens, with the time elapsed
   * against the deadline: {@code [00:03:12 | 56m48s left] phase 2/3: Remove Docker test infrastructure}.
   *
   * @return the listener
   */
  public static RunListener console() {
    return new ConsoleProgress(System.out);
  }

  /**
   * The same display on another stream.
   *
   * @param out where to print
   * @return the listener
   * @throws NullPointerException if {@code out} is null
   */
  public static RunListener console(PrintStream out) {
    return new ConsoleProgress(Objects.requireNonNull(out, "out"));
  }
}
