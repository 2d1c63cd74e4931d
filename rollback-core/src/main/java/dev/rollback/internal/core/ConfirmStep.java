package dev.rollback.internal.core;

import dev.rollback.RollbackException;
import dev.rollback.spi.ConfirmationRequest;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import dev.rollback.spi.Vote;
import java.util.Optional;

/**
 * {@code core.confirm} steps: a person does something by hand and confirms it; compensation asks them to undo it;
 * on resume, they are asked whether it was done before the interruption.
 */
final class ConfirmStep implements StepHandler {

  private final Confirmations confirmations;

  ConfirmStep(Confirmations confirmations) {
    this.confirmations = confirmations;
  }

  @Override
  public StepPreview preview(StepContext step) {
    return StepPreview.of("would ask a person to: " + CoreContracts.INSTRUCTION.read(step));
  }

  @Override
  public StepResult apply(StepContext step) throws Exception {
    return confirmed(step, ConfirmationRequest.Kind.STEP, CoreContracts.INSTRUCTION.read(step), "done");
  }

  @Override
  public Probe isApplied(StepContext step) throws Exception {
    String text = CoreContracts.INSTRUCTION.read(step);
    Optional<Vote> v = confirmations.ask(step, ConfirmationRequest.Kind.PROBE, "Was this done before the run was"
        + " interrupted: " + text + "?", step.timeout());
    if (v.isEmpty()) {
      return Probe.unknown(confirmations.noAnswer(text));
    }
    return v.get().approve() ? Probe.applied(result("done", v.get())) : Probe.notApplied();
  }

  @Override
  public boolean canCompensate(StepContext step) {
    return true;
  }

  @Override
  public StepResult compensate(StepContext step, StepResult applied) throws Exception {
    return confirmed(step, ConfirmationRequest.Kind.UNDO, "Undo: " + CoreContracts.INSTRUCTION.read(step), "undone");
  }

  private StepResult confirmed(StepContext step, ConfirmationRequest.Kind kind, String text, String what)
      throws Exception {
    Optional<Vote> v = confirmations.ask(step, kind, text, step.timeout());
    if (v.isEmpty()) {
      throw new RollbackException(confirmations.noAnswer(text));
    }
    if (!v.get().approve()) {
      throw new RollbackException(v.get().person() + " answered no to '" + text + "'"
          + v.get().comment().map(c -> ": " + c).orElse(""));
    }
    return result(what, v.get());
  }

  private static StepResult result(String what, Vote v) {
    return StepResult.of(what + ", confirmed by " + v.person() + " via " + v.via())
        .withEvidence("confirmedBy", v.person()).withEvidence("via", v.via()).withEvidence("at", v.at());
  }
}
