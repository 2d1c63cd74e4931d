package dev.rollback.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.temporal.internal.FleetWorkflowImpl;
import dev.rollback.temporal.internal.PlanWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The workflow code replays histories recorded from a multi-process fleet run with a worker killed mid-fleet
 * ({@link MultiProcessFleetTest}, {@code -Drollback.temporal.recordHistories=src/test/resources/histories}): the
 * fleet, a target that succeeded after the kill and the target whose origin refused the push. A change to the
 * workflows that running fleets could not replay fails here, before it reaches a worker.
 */
class ReplayTest {

  private static WorkflowExecutionHistory history(String id) throws Exception {
    try (var in = ReplayTest.class.getResourceAsStream("/histories/" + id.replace("/", "__") + ".json")) {
      assertThat(in).as("recorded history of " + id).isNotNull();
      return WorkflowExecutionHistory.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), id);
    }
  }

  @Test
  void recordedHistoriesReplayWithoutNonDeterminism() throws Exception {
    for (String id : List.of("fleet-mp", "fleet-mp/repo-00", "fleet-mp/repo-07")) {
      Replays.replay(history(id), FleetWorkflowImpl.class, PlanWorkflowImpl.class);
    }
  }

  /** A target's workflow that skipped the readiness check would schedule another activity first: caught. */
  public static class SkipsReadiness extends PlanWorkflowImpl {
    @Override
    public TargetReport run(TargetRun run) {
      io.temporal.workflow.Workflow.sleep(java.time.Duration.ofSeconds(1));
      return super.run(run);
    }
  }

  @Test
  void aChangeThatRunningWorkflowsCannotReplayIsCaught() throws Exception {
    assertThatThrownBy(() -> Replays.replay(history("fleet-mp/repo-00"),
        SkipsReadiness.class)).hasMessageContaining("NonDeterministicException");
  }
}
