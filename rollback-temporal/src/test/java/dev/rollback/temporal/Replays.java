package dev.rollback.temporal;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;

/** Replays histories on a worker with the fleet worker's options (a busy machine trips the 1 s deadlock check). */
final class Replays {

  private Replays() {}

  static void replay(WorkflowExecutionHistory history, Class<?>... workflows) throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("replay", FleetWorker.workerOptions(false));
      worker.registerWorkflowImplementationTypes(workflows);
      WorkflowReplayer.replayWorkflowExecution(history, worker);
    }
  }
}
