package dev.rollback.internal.core;

import dev.rollback.internal.Texts;
import dev.rollback.spi.Sleeper;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.time.Duration;

/** {@code core.wait} steps: wait through the executor's sleeper; a preview does not wait. */
final class WaitStep implements StepHandler {

  private final Sleeper sleeper;

  WaitStep(Sleeper sleeper) {
    this.sleeper = sleeper;
  }

  @Override
  public StepPreview preview(StepContext step) {
    return StepPreview.of("would wait " + Texts.duration(duration(step)));
  }

  @Override
  public StepResult apply(StepContext step) throws Exception {
    Duration d = duration(step);
    sleeper.sleep(d);
    return StepResult.of("waited " + Texts.duration(d));
  }

  @Override
  public boolean appliesInPreview(StepContext step) {
    return false;
  }

  private static Duration duration(StepContext step) {
    return CoreContracts.DURATION.read(step);
  }
}
