package dev.rollback.docker.internal;

import dev.rollback.docker.Docker;
import dev.rollback.docker.DockerChecks;
import dev.rollback.docker.DockerSignals;
import dev.rollback.docker.DockerSteps;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.SignalSource;
import dev.rollback.spi.StepHandler;
import java.util.Map;

/** The step handlers, check evaluators and signal sources the Docker adapter registers, by kind. */
public final class Handlers {

  private final Map<String, StepHandler> steps;
  private final Map<String, CheckEvaluator> checks;
  private final Map<String, SignalSource> signals;

  /**
   * Creates the handlers of an adapter.
   *
   * @param docker the client
   * @param images its image operations
   * @param tags its tag operations
   * @param cleanup its listing and removal by label
   * @param reads its disk usage and events
   * @param runner its compose runner
   */
  public Handlers(Docker docker, Images images, Tags tags, Cleanup cleanup, SystemReads reads,
      ComposeRunner runner) {
    ComposeServiceCalls compose = new ComposeServiceCalls(docker, images, tags, cleanup, runner);
    ImageHandlers imageHandlers = new ImageHandlers(docker, images, tags);
    this.steps = Map.of(
        DockerSteps.RUN_COMPOSE_SERVICE, compose.step(),
        DockerSteps.BUILD_IMAGE, imageHandlers.build(),
        DockerSteps.MOVE_TAG, imageHandlers.move(),
        DockerSteps.RESTORE_TAG, imageHandlers.restore(),
        DockerSteps.REMOVE_BY_LABEL, new RemoveByLabelHandler(docker, cleanup));
    DockerEvaluators evaluators = new DockerEvaluators(docker, cleanup);
    this.checks = Map.of(
        DockerChecks.COMPOSE_SERVICE_PASSES, compose.check(),
        DockerChecks.NO_ORPHANED_CONTAINERS, evaluators::noOrphans,
        DockerChecks.IMAGE_EXISTS, evaluators::imageExists,
        DockerChecks.ENGINE_AVAILABLE, evaluators::engineAvailable);
    DockerSources sources = new DockerSources(docker, cleanup, reads);
    this.signals = Map.of(
        DockerSignals.DISK_USAGE, sources::diskUsage,
        DockerSignals.EVENTS, sources::events,
        DockerSignals.RUNNING_CONTAINERS, sources::runningContainers);
  }

  /**
   * The step handlers by kind.
   *
   * @return the handlers
   */
  public Map<String, StepHandler> steps() {
    return steps;
  }

  /**
   * The check evaluators by kind.
   *
   * @return the evaluators
   */
  public Map<String, CheckEvaluator> checks() {
    return checks;
  }

  /**
   * The signal sources by kind.
   *
   * @return the sources
   */
  public Map<String, SignalSource> signals() {
    return signals;
  }
}
