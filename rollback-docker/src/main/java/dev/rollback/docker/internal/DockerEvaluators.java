package dev.rollback.docker.internal;

import dev.rollback.docker.Docker;
import dev.rollback.docker.EngineInfo;
import dev.rollback.spi.CheckContext;
import dev.rollback.spi.CheckResult;
import java.util.List;
import java.util.Optional;

/** The observing checks: no orphaned containers, an image exists, the engine answers. */
final class DockerEvaluators {

  private final Docker docker;
  private final Cleanup cleanup;

  DockerEvaluators(Docker docker, Cleanup cleanup) {
    this.docker = docker;
    this.cleanup = cleanup;
  }

  CheckResult noOrphans(CheckContext ctx) {
    String label = DockerContracts.LABEL.read(ctx);
    List<String> left = docker.containers(label, false);
    CheckResult r = left.isEmpty()
        ? CheckResult.passed("no container carries " + label + " on " + docker.host())
        : CheckResult.failed(left.size() + " container(s) carry " + label + ": " + String.join(", ", left));
    return r.withValue(left.size()).withEvidence("containers", left).withEvidence("label", label);
  }

  CheckResult imageExists(CheckContext ctx) {
    String image = DockerContracts.IMAGE.read(ctx);
    Optional<String> id = docker.imageId(image);
    return id.map(i -> CheckResult.passed("image " + image + " is " + Images.shortId(i)).withValue(i)
        .withEvidence("imageId", i))
        .orElse(CheckResult.failed("image " + image + " is not on the engine at " + docker.host()));
  }

  CheckResult engineAvailable(CheckContext ctx) {
    EngineInfo info = docker.engineInfo();
    return CheckResult.passed(info.describe()).withValue(info.version())
        .withEvidence("host", info.host())
        .withEvidence("source", info.source())
        .withEvidence("version", info.version())
        .withEvidence("apiVersion", info.apiVersion())
        .withEvidence("runningContainers", cleanup.running());
  }
}
