package dev.rollback.internal.core;

import dev.rollback.RollbackException;
import dev.rollback.internal.Processes;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.util.List;
import java.util.Map;

/** {@code core.command} steps: run a command; exit 0 or fail; compensation runs the undo command, when given. */
final class CommandStep implements StepHandler {

  @Override
  public StepPreview preview(StepContext step) {
    Map<String, Object> p = step.params();
    StepPreview preview = StepPreview.of("would run " + CommandRunner.display(p))
        .withDetail("argv", p.get("argv")).withDetail("directory", String.valueOf(p.get("directory")));
    if (p.get("env") instanceof Map) {
      preview = preview.withDetail("env", List.copyOf(((Map<?, ?>) p.get("env")).keySet()).toString());
    }
    if (p.get("undo") instanceof Map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> undo = (Map<String, Object>) p.get("undo");
      preview = preview.withDetail("undo", CommandRunner.display(undo));
    }
    List<String> problems = CommandRunner.problems(step.run().workspace(), p);
    return problems.isEmpty() ? preview : preview.wouldFail(String.join("; ", problems));
  }

  @Override
  public StepResult apply(StepContext step) throws Exception {
    return run(step, step.params(), "");
  }

  @Override
  public boolean canCompensate(StepContext step) {
    return step.params().get("undo") instanceof Map;
  }

  @Override
  @SuppressWarnings("unchecked")
  public StepResult compensate(StepContext step, StepResult applied) throws Exception {
    return run(step, (Map<String, Object>) step.params().get("undo"), "undo ");
  }

  private static StepResult run(StepContext step, Map<String, Object> command, String what) throws Exception {
    Processes.Result r = CommandRunner.run(step, command, step.timeout());
    String display = CommandRunner.display(command);
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
