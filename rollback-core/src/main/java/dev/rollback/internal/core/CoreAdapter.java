package dev.rollback.internal.core;

import dev.rollback.Checks;
import dev.rollback.Steps;
import dev.rollback.internal.run.ConditionCheck;
import dev.rollback.internal.signals.CoreSignalSources;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.Approver;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.SignalSource;
import dev.rollback.spi.Sleeper;
import dev.rollback.spi.StepHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The adapter every executor has, named {@code core}: the kinds of {@link Steps} ({@code core.command},
 * {@code core.confirm}, {@code core.wait}), of {@link Checks} ({@code core.command}, {@code core.confirm},
 * {@code core.condition}) and of {@link dev.rollback.Signals} ({@link CoreSignalSources}).
 */
public final class CoreAdapter implements Adapter {

  private final Map<String, StepHandler> steps = new LinkedHashMap<>();
  private final Map<String, CheckEvaluator> checks = new LinkedHashMap<>();
  private final Map<String, SignalSource> signals = new LinkedHashMap<>();

  /**
   * Creates the adapter.
   *
   * @param approver who confirms manual checks and steps, when anyone
   * @param sleeper how wait steps wait
   */
  public CoreAdapter(Optional<Approver> approver, Sleeper sleeper) {
    Confirmations confirmations = new Confirmations(approver);
    steps.put(CoreContracts.COMMAND_STEP.kind(), new CommandStep());
    steps.put(CoreContracts.CONFIRM_STEP.kind(), new ConfirmStep(confirmations));
    steps.put(CoreContracts.WAIT.kind(), new WaitStep(sleeper));
    checks.put(CoreContracts.COMMAND_CHECK.kind(), new CommandCheck());
    checks.put(CoreContracts.CONFIRM_CHECK.kind(), new ConfirmCheck(confirmations));
    checks.put(CoreContracts.CONDITION.kind(), new ConditionCheck());
    signals.putAll(CoreSignalSources.sources());
  }

  @Override
  public String name() {
    return "core";
  }

  @Override
  public Map<String, StepHandler> steps() {
    return steps;
  }

  @Override
  public Map<String, CheckEvaluator> checks() {
    return checks;
  }

  @Override
  public Map<String, SignalSource> signals() {
    return signals;
  }
}
