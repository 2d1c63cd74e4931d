package dev.rollback.docker.functional;

import static dev.rollback.testkit.DockerEngineExtension.TEST_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.RepoPath;
import dev.rollback.Step;
import dev.rollback.docker.DockerAdapter;
import dev.rollback.docker.DockerLabels;
import dev.rollback.docker.DockerSteps;
import dev.rollback.docker.EventSummary;
import dev.rollback.docker.testing.DockerRuns;
import dev.rollback.docker.testing.Fixtures;
import dev.rollback.testkit.RequiresDocker;
import dev.rollback.spi.StepPreview;
import dev.rollback.testkit.AdapterHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Previewing every Docker step makes the engine report no event at all: nothing is created, tagged or removed. */
@RequiresDocker
class PreviewsChangeNothingTest {

  @TempDir
  Path workspace;

  @Test
  void previewsOfEveryStepLeaveNoEventOnTheEngine(DockerAdapter docker) throws Exception {
    Fixtures.copy("compose", workspace.resolve("rbt-preview"));
    Files.writeString(workspace.resolve("Dockerfile"), "FROM " + TEST_IMAGE + "\n");
    List<Step> steps = List.of(
        DockerSteps.runComposeService(new RepoPath("rbt-preview/docker-compose.test.yml"), "pass"),
        DockerSteps.buildImage(new RepoPath("."), "rbt-preview:v1"),
        DockerSteps.moveTag("rbt-preview:latest", TEST_IMAGE),
        DockerSteps.restoreTag("rbt-preview:latest"),
        DockerSteps.removeByLabel(DockerLabels.managed()),
        DockerSteps.removeRunLeftovers());
    AdapterHarness dry = DockerRuns.in(workspace).asPreview();
    docker.docker().engineInfo();
    Instant since = Instant.now();

    List<StepPreview> previews = new ArrayList<>();
    for (Step s : steps) {
      previews.add(docker.steps().get(s.kind()).preview(dry.context(s)));
    }

    Instant until = Instant.now().plusMillis(500);
    EventSummary events = docker.docker().events(since, until, Duration.ofSeconds(10));
    assertThat(events.total()).as("events during the previews: %s", events.byAction()).isZero();
    assertThat(previews).extracting(StepPreview::summary).allSatisfy(s -> assertThat(s).startsWith("would "));
    assertThat(previews.get(3).failure()).as("nothing recorded where rbt-preview:latest pointed").isPresent();
    assertThat(dry.remembered()).isEmpty();
  }
}
