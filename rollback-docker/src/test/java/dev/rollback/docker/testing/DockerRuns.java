package dev.rollback.docker.testing;

import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.docker.DockerChecks;
import dev.rollback.testkit.AdapterHarness;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

/**
 * Runs for calling the Docker adapter's handlers without the executor: each with a fresh id, which is what the
 * adapter labels what it creates with, so tests clean up by it, and by default a plan that uses Docker, so the
 * adapter's run hooks do their work.
 */
public final class DockerRuns {

  private static final RollbackPlan USES_DOCKER = Rollback.plan("docker adapter test")
      .checklist(DockerChecks.engineAvailable()).build();

  private DockerRuns() {}

  /**
   * A run in a workspace, on the system clock.
   *
   * @param workspace the workspace
   * @return the run
   */
  public static AdapterHarness in(Path workspace) {
    return in(workspace, Clock.systemUTC());
  }

  /**
   * A run in a workspace whose clock is given.
   *
   * @param workspace the workspace
   * @param clock the clock
   * @return the run
   */
  public static AdapterHarness in(Path workspace, Clock clock) {
    return builder(workspace, USES_DOCKER).clock(clock).build();
  }

  /**
   * A run of a plan in a workspace.
   *
   * @param workspace the workspace
   * @param plan the plan
   * @return the run
   */
  public static AdapterHarness running(Path workspace, RollbackPlan plan) {
    return builder(workspace, plan).build();
  }

  private static AdapterHarness.Builder builder(Path workspace, RollbackPlan plan) {
    return AdapterHarness.builder().runId("test-" + UUID.randomUUID().toString().substring(0, 8))
        .workspace(workspace).plan(plan);
  }
}
