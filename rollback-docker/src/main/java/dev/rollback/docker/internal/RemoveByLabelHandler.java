package dev.rollback.docker.internal;

import dev.rollback.docker.Docker;
import dev.rollback.docker.Removal;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;

/** The {@code docker.removeByLabel} step: remove what carries a label. Irreversible. */
final class RemoveByLabelHandler implements StepHandler {

  private final Docker docker;
  private final Cleanup cleanup;

  RemoveByLabelHandler(Docker docker, Cleanup cleanup) {
    this.docker = docker;
    this.cleanup = cleanup;
  }

  @Override
  public StepPreview preview(StepContext ctx) {
    if (!ctx.isResolved("label")) {
      return StepPreview.of("would remove the containers, images and volumes labelled " + ctx.params().get("label"));
    }
    String label = DockerContracts.LABEL.read(ctx);
    java.util.List<String> containers = docker.containers(label, false);
    int images = cleanup.images(label).size();
    int volumes = cleanup.volumes(label).size();
    return StepPreview.of("would remove " + containers.size() + " containers, " + images + " images and " + volumes
        + " volumes labelled " + label)
        .withDetail("containers", containers)
        .withDetail("images", images)
        .withDetail("volumes", volumes);
  }

  @Override
  public StepResult apply(StepContext ctx) {
    String label = DockerContracts.LABEL.read(ctx);
    Removal r = docker.removeByLabel(label);
    return StepResult.of("removed " + r.containers().size() + " containers, " + r.images().size() + " images and "
        + r.volumes().size() + " volumes labelled " + label)
        .withValue(r.count())
        .withEvidence("containers", r.containers())
        .withEvidence("images", r.images())
        .withEvidence("volumes", r.volumes());
  }

  @Override
  public Probe isApplied(StepContext ctx) {
    String label = DockerContracts.LABEL.read(ctx);
    boolean none = cleanup.containers(label, false).isEmpty() && cleanup.images(label).isEmpty()
        && cleanup.volumes(label).isEmpty();
    return none ? Probe.applied(StepResult.of("nothing labelled " + label + " remains").withValue(0))
        : Probe.notApplied();
  }
}
