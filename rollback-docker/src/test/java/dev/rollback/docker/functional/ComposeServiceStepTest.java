package dev.rollback.docker.functional;

import static dev.rollback.testkit.DockerEngineExtension.TEST_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.RepoPath;
import dev.rollback.Step;
import dev.rollback.docker.ComposeFileException;
import dev.rollback.docker.DockerAdapter;
import dev.rollback.docker.DockerLabels;
import dev.rollback.docker.DockerSteps;
import dev.rollback.docker.ServiceFailedException;
import dev.rollback.docker.testing.Cli;
import dev.rollback.docker.testing.DockerRuns;
import dev.rollback.docker.testing.Fixtures;
import dev.rollback.testkit.RequiresDocker;
import dev.rollback.spi.Audit;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import dev.rollback.testkit.AdapterHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docker.runComposeService step through its handler: apply, failure, preview, resume, compensation, audit. */
@RequiresDocker
class ComposeServiceStepTest {

  private static final RepoPath FILE = new RepoPath("rbt-step/docker-compose.test.yml");

  @TempDir
  Path workspace;

  private DockerAdapter docker;
  private StepHandler handler;

  @BeforeEach
  void fixture(DockerAdapter docker) {
    this.docker = docker;
    this.handler = docker.steps().get(DockerSteps.RUN_COMPOSE_SERVICE);
    Fixtures.copy("compose", workspace.resolve("rbt-step"));
  }

  @AfterAll
  static void removeBuiltImages(DockerAdapter docker) {
    docker.docker().removeByLabel(DockerLabels.PROJECT + "=rbt-step");
  }

  @Test
  void aPassingServiceGivesItsExitCodeAndEvidenceAndLeavesNoContainer() throws Exception {
    AdapterHarness run = DockerRuns.in(workspace);
    Step step = DockerSteps.runComposeService(FILE, "pass", Map.of("GREETING", "hej"));

    StepResult r = handler.apply(run.context(step));

    assertThat(r.value()).contains(0);
    assertThat(r.outputs()).containsEntry("exitCode", 0).containsEntry("image", "rbt-step-pass:latest");
    assertThat((String) r.evidence().get("stdoutTail")).startsWith("greeting=hej mode=pass").endsWith("all passed");
    assertThat(r.evidence()).containsEntry("stderrTail", "a warning on stderr").containsEntry("built", true);
    assertThat(docker.onRunEnd(run)).hasValueSatisfying(a -> {
      assertThat(a.passed()).isTrue();
      assertThat(a.summary()).isEqualTo("no container of run " + run.runId() + " remains on " + docker.docker().host());
    });
  }

  @Test
  void aFailingServiceFailsTheStepWithItsExitCodeAndOutput() {
    AdapterHarness run = DockerRuns.in(workspace);
    Step step = DockerSteps.runComposeService(FILE, "fail");

    assertThatThrownBy(() -> handler.apply(run.context(step)))
        .isInstanceOf(ServiceFailedException.class)
        .hasMessageStartingWith("service 'fail' of rbt-step/docker-compose.test.yml exited 3\nlast stderr:\n"
            + "a warning on stderr\nfailing on purpose\nlast stdout:\ngreeting=hello mode=fail")
        .satisfies(e -> assertThat(((ServiceFailedException) e).run().exitCode()).isEqualTo(3));
    assertThat(docker.docker().containers(DockerLabels.run(run.runId()), false)).isEmpty();
  }

  private List<String> images() {
    return Cli.run(workspace, Map.of(), "docker", "images", "-a", "-q", "--no-trunc").stdout().lines().sorted().toList();
  }

  @Test
  void thePreviewDescribesTheRunAndChangesNothing() throws Exception {
    AdapterHarness run = DockerRuns.in(workspace).asPreview();
    List<String> before = images();

    StepPreview p = handler.preview(run.context(DockerSteps.runComposeService(FILE, "pass")));

    assertThat(p.summary()).startsWith("would run service pass of rbt-step/docker-compose.test.yml once (building "
        + "rbt-step-pass:latest from ");
    assertThat(p.failure()).isEmpty();
    assertThat(p.warnings()).isEmpty();
    assertThat(images()).isEqualTo(before);
  }

  @Test
  void aMalformedComposeFileNamesFileLineAndKeyAsThePlanWritesThePath() throws Exception {
    Path bad = Files.createDirectories(workspace.resolve("bad"));
    Files.writeString(bad.resolve("docker-compose.test.yml"), """
        services:
          test:
            image: %s
            volumes:
              - ./data:data
        """.formatted(TEST_IMAGE));
    Step step = DockerSteps.runComposeService(new RepoPath("bad/docker-compose.test.yml"), "test");
    AdapterHarness run = DockerRuns.in(workspace);

    assertThatThrownBy(() -> handler.preview(run.asPreview().context(step)))
        .isInstanceOf(ComposeFileException.class)
        .hasMessage("bad/docker-compose.test.yml:5: services.test.volumes[0]: the target 'data' of './data:data' is "
            + "not an absolute container path");
    assertThatThrownBy(() -> handler.apply(run.context(step))).isInstanceOf(ComposeFileException.class);
    assertThat(docker.docker().containers(DockerLabels.run(run.runId()), false)).isEmpty();
  }

  @Test
  void aRetryAfterACrashRemovesTheContainerTheCrashedAttemptLeft() throws Exception {
    AdapterHarness run = DockerRuns.in(workspace);
    Step step = DockerSteps.runComposeService(FILE, "pass");
    Cli.Result leftover = Cli.run(workspace, Map.of(), "docker", "create", "--label", DockerLabels.managed(), "--label",
        DockerLabels.run(run.runId()), "--label", DockerLabels.STEP + "=" + step.name(), TEST_IMAGE, "sleep", "600");
    assertThat(leftover.exitCode()).as(leftover.stderr()).isZero();
    try {
      assertThat(docker.onRunEnd(run)).hasValueSatisfying(a -> assertThat(a.passed()).isFalse());

      assertThat(handler.isApplied(run.resumed().context(step)).state()).isEqualTo(Probe.State.NOT_APPLIED);
      handler.apply(run.resumed().context(step));

      assertThat(docker.docker().containers(DockerLabels.run(run.runId()), false)).isEmpty();
      assertThat(docker.onRunEnd(run)).get().extracting(Audit::passed).isEqualTo(true);
    } finally {
      Cli.run(workspace, Map.of(), "docker", "rm", "-f", leftover.stdout().strip());
    }
  }

  @Test
  void compensationPointsTheServiceImageBackWhereItWas() throws Exception {
    AdapterHarness first = DockerRuns.in(workspace);
    StepResult before = handler.apply(first.context(DockerSteps.runComposeService(FILE, "pass", Map.of("GREETING",
        "one"))));
    AdapterHarness second = DockerRuns.in(workspace);
    Step step = DockerSteps.runComposeService(FILE, "pass", Map.of("GREETING", "two"));
    StepResult applied = handler.apply(second.context(step));
    assertThat(applied.outputs()).containsEntry("replacedImageId", before.outputs().get("imageId"));
    assertThat(second.remembered()).containsEntry("docker." + step.name() + ".previous",
        (String) before.outputs().get("imageId"));

    StepResult undone = handler.compensate(second.context(step), applied);

    assertThat(undone.summary()).startsWith("pointed rbt-step-pass:latest back at ");
    assertThat(docker.docker().imageId("rbt-step-pass:latest")).contains((String) before.outputs().get("imageId"));
  }
}
