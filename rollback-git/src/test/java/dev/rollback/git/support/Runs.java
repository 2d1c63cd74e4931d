package dev.rollback.git.support;

import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.plan;
import static dev.rollback.Rollback.procedure;

import dev.rollback.RollbackPlan;
import dev.rollback.Step;
import dev.rollback.run.ManualClock;
import dev.rollback.spi.Adapter;
import dev.rollback.testkit.AdapterHarness;
import java.nio.file.Path;
import java.time.Instant;

/** Runs over small plans, at a fixed time, in a repository. */
public final class Runs {

  private Runs() {}

  /** A plan whose one procedure holds the steps. */
  public static RollbackPlan planOf(Step... steps) {
    return plan("test plan").procedure(procedure("standard").phase(phase("steps").step(steps))).build();
  }

  /** A run of the steps at the instant, with the adapter, in the repository's work tree. */
  public static AdapterHarness run(Adapter adapter, String id, Path workspace, Instant at, Step... steps) {
    return builder(adapter, id, workspace, at, steps).build();
  }

  /** The same run, to tune. */
  public static AdapterHarness.Builder builder(Adapter adapter, String id, Path workspace, Instant at,
      Step... steps) {
    return AdapterHarness.builder(adapter).runId(id).plan(planOf(steps)).clock(ManualClock.at(at))
        .workspace(workspace);
  }
}
