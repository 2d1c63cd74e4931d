package dev.rollback.git.support;

import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.plan;
import static dev.rollback.Rollback.procedure;

import dev.rollback.RollbackPlan;
import dev.rollback.Step;
import dev.rollback.spi.ManualClock;
import java.nio.file.Path;
import java.time.Instant;

/** Runs over small plans, at a fixed time. */
public final class Runs {

  private Runs() {}

  /** A plan whose one procedure holds the steps. */
  public static RollbackPlan planOf(Step... steps) {
    return plan("test plan").procedure(procedure("standard").phase(phase("steps").step(steps))).build();
  }

  /** A run of the steps at the instant. */
  public static FakeRun run(String id, Path workspace, Instant at, Step... steps) {
    return new FakeRun(id, planOf(steps), ManualClock.at(at), false, workspace);
  }
}
