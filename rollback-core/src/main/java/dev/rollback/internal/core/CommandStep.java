package dev.rollback.internal.core;

import dev.rollback.Command;
import dev.rollback.RollbackException;
import dev.rollback.internal.Processes;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code core.command} steps: run a command; exit 0 or fail; compensation runs the undo command, when given. */
final class CommandStep implements StepHandler {

  @Override
  public StepPreview preview(StepContext step) {
    // Read without the environment's values, which a preview may not know yet: it shows only their names.
    List<String> argv = CoreContracts.ARGV.read(step);
    String directory = CoreContracts.DIRECTORY.optional(step).orElse(".");
    CommandLine line = new CommandLine(argv, directory, Map.of());
    StepPreview preview = StepPreview.of("would run " + line.display())
        .withDetail("argv", argv).withDetail("directory", directory);
    Optional<Map<String, ?>> env = CoreContracts.ENV.declared(step.step().params());
    if (env.isPresent()) {
      preview = preview.withDetail("env", List.copyOf(env.get().keySet()).toString());
    }
    Optional<Command> undo = CoreContracts.UNDO.declared(step.step().params());
    if (undo.isPresent()) {
      preview = preview.withDetail("undo", new CommandLine(undo.get().argv(), undo.get().directory().path(), Map.of())
          .display());
    }
    List<String> problems = CommandRunner.problems(step.run().workspace(), argv, directory);
    return problems.isEmpty() ? preview : preview.wouldFail(String.join("; ", problems));
  }

  @Override
  public StepResult apply(StepContext step) throws Exception {
    return run(step, CommandLine.of(step.params(), "step '" + step.step().name() + "'"), "");
  }

  @Override
  public boolean canCompensate(StepContext step) {
    return step.params().containsKey(CoreContracts.UNDO.name());
  }

  @Override
  public StepResult compensate(StepContext step, StepResult applied) throws Exception {
    return run(step, CommandLine.of(CoreContracts.UNDO.read(step), "the undo command of step '"
        + step.step().name() + "'"), "undo ");
  }

  private static StepResult run(StepContext step, CommandLine command, String what) throws Exception {
    Processes.Result r = CommandRunner.run(step, command, step.timeout());
    String display = command.display();
    String tail = CommandRunner.tail(step, r);
    if (r.exitCode() != 0) {
      throw new RollbackException(what + "command `" + display + "` exited " + r.exitCode()
          + (tail.isEmpty() ? "" : ": " + tail));
    }
    String out = r.stdout().strip();
    StepResult result = StepResult.of(what + "`" + display + "` exited 0").withEvidence("exitCode", 0L)
        .withEvidence("output", tail);
    return out.isEmpty() ? result : result.withValue(out);
  }
}
