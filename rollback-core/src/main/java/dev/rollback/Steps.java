package dev.rollback;

import dev.rollback.internal.Texts;
import dev.rollback.internal.core.CoreContracts;
import dev.rollback.run.RollbackExecutor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Steps that need no adapter: run a command, ask a person to do something, wait.
 */
public final class Steps {

  /** The kind of {@link #command(Command)} steps. */
  public static final String COMMAND = "core.command";
  /** The kind of {@link #confirm(String)} steps. */
  public static final String CONFIRM = "core.confirm";
  /** The kind of {@link #waitFor(Duration)} steps. */
  public static final String WAIT = "core.wait";

  private Steps() {}

  /**
   * Runs a command; it fails unless the command exits 0. The library cannot know what a command changes, so the
   * step is {@link Effect#IRREVERSIBLE} until you say otherwise with {@link Step#effect(Effect)} or give an undo
   * command with {@link #command(Command, Command)}. The same verb as {@link Checks#command(Command)}.
   *
   * @param command the command
   * @return the step
   */
  public static Step command(Command command) {
    return CoreContracts.COMMAND_STEP.draft().withAll(command.toParams()).step(command.display(), Effect.IRREVERSIBLE);
  }

  /**
   * Runs a command that another command undoes; the step is {@link Effect#REVERSIBLE}, and compensation runs the
   * undo command.
   *
   * @param command the command
   * @param undo the command that undoes it
   * @return the step
   */
  public static Step command(Command command, Command undo) {
    return CoreContracts.COMMAND_STEP.draft().withAll(command.toParams()).with(CoreContracts.UNDO, undo)
        .step(command.display(), Effect.REVERSIBLE);
  }

  /**
   * Runs a program with arguments at the repository's root; see {@link #command(Command)}.
   *
   * @param argv the program and its arguments
   * @return the step
   */
  public static Step command(String... argv) {
    return command(Command.of(argv));
  }

  /**
   * The former name of {@link #command(Command)}: the same step, the same plan data.
   *
   * @param command the command
   * @return the step
   * @deprecated use {@link #command(Command)}, the verb {@link Checks} uses too
   */
  @Deprecated
  public static Step run(Command command) {
    return command(command);
  }

  /**
   * The former name of {@link #command(Command, Command)}: the same step, the same plan data.
   *
   * @param command the command
   * @param undo the command that undoes it
   * @return the step
   * @deprecated use {@link #command(Command, Command)}, the verb {@link Checks} uses too
   */
  @Deprecated
  public static Step run(Command command, Command undo) {
    return command(command, undo);
  }

  /**
   * Asks a person to do something by hand and confirm it is done, such as "Announce the rollback in #ci".
   * Compensation asks the person to undo it.
   *
   * @param instruction what to do
   * @return the step
   */
  public static Step confirm(String instruction) {
    return CoreContracts.CONFIRM_STEP.with(CoreContracts.INSTRUCTION, instruction).step(instruction, Effect.REVERSIBLE);
  }

  /**
   * Waits, for example for caches to expire. A dry run does not wait. The step's timeout is the wait plus five
   * seconds.
   *
   * @param duration how long
   * @return the step
   */
  public static Step waitFor(Duration duration) {
    Step wait = CoreContracts.WAIT.with(CoreContracts.DURATION, duration).step("wait " + Texts.duration(duration),
        Effect.READ_ONLY);
    // The timeout leaves the wait a few seconds of slack, so the executor's own timeout never races it. A wait
    // that is not positive gets none: plan.check() reports the duration itself.
    return duration.isNegative() || duration.isZero() ? wait : wait.timeout(duration.plusSeconds(5));
  }

  /**
   * The adapter that carries out the core's own steps, checks and signals (commands, confirmations, waits,
   * condition checks), for an engine other than {@link RollbackExecutor} that runs a plan's parts one by one through
   * the SPI, as rollback-temporal's activities do. {@link RollbackExecutor} adds it by itself.
   *
   * @param approver who confirms manual steps and checks; empty when nobody can (they then fail, saying so)
   * @param sleeper how wait steps wait
   * @return the adapter, named {@code core}
   * @throws NullPointerException if an argument is null
   */
  public static dev.rollback.spi.Adapter adapter(Optional<dev.rollback.spi.Approver> approver,
      dev.rollback.spi.Sleeper sleeper) {
    return new dev.rollback.internal.core.CoreAdapter(java.util.Objects.requireNonNull(approver, "approver"),
        java.util.Objects.requireNonNull(sleeper, "sleeper"));
  }
}
