package dev.rollback;

import dev.rollback.internal.core.CoreContracts;

/**
 * Checks that need no adapter: a person's confirmation, a command's exit status, a number in a command's output,
 * a condition over signals.
 */
public final class Checks {

  /** The kind of {@link #confirm(String)} checks. */
  public static final String CONFIRM = "core.confirm";
  /** The kind of {@link #command(Command)} and {@link #commandOutput(Command, String)} checks. */
  public static final String COMMAND = "core.command";
  /** The kind of {@link #that(Condition)} checks. */
  public static final String CONDITION = "core.condition";

  private Checks() {}

  /**
   * A checklist item a person ticks, such as "Verify rollback environment compatibility".
   *
   * @param item what the person confirms
   * @return the check
   */
  public static Check confirm(String item) {
    return CoreContracts.CONFIRM_CHECK.with(CoreContracts.ITEM, item).check(item);
  }

  /**
   * Passes when the command exits 0. Checks observe: run only commands that change nothing.
   *
   * @param command the command
   * @return the check
   */
  public static Check command(Command command) {
    return CoreContracts.COMMAND_CHECK.draft().withAll(command.toParams()).check(command.display());
  }

  /**
   * Passes when the program exits 0; see {@link #command(Command)}.
   *
   * @param argv the program and its arguments
   * @return the check
   */
  public static Check command(String... argv) {
    return command(Command.of(argv));
  }

  /**
   * Passes when the command exits 0 and its output matches the pattern; the number in the pattern's first group
   * (or the whole match) is the check's output, for example {@code Total Time: (\d+)s} gives {@code 123}.
   *
   * @param command the command
   * @param pattern a regular expression whose first group is a number
   * @return the check
   */
  public static Check commandOutput(Command command, String pattern) {
    return CoreContracts.COMMAND_CHECK.draft().withAll(command.toParams()).with(CoreContracts.PATTERN, pattern)
        .check(command.display());
  }

  /**
   * Passes when the condition holds; fails when it does not; is unknown when data is missing.
   *
   * <pre>{@code
   * Checks.that(Signals.commandNumber(Command.of("scripts/benchmark_performance.sh"), "Total Time: (\\d+)s")
   *     .atMost(300)).named("performance within 300 s")
   * }</pre>
   *
   * @param condition the condition
   * @return the check
   */
  public static Check that(Condition condition) {
    return ImmutableCheck.builder().kind(CONDITION).name(condition.describe()).condition(condition).build();
  }
}
