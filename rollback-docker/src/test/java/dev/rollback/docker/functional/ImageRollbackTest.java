package dev.rollback.docker.functional;

import static dev.rollback.testkit.DockerEngineExtension.TEST_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.RepoPath;
import dev.rollback.Step;
import dev.rollback.docker.DockerAdapter;
import dev.rollback.docker.DockerEngineException;
import dev.rollback.docker.DockerLabels;
import dev.rollback.docker.DockerSteps;
import dev.rollback.docker.testing.Cli;
import dev.rollback.docker.testing.DockerRuns;
import dev.rollback.testkit.RequiresDocker;
import dev.rollback.spi.Probe;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepResult;
import dev.rollback.testkit.AdapterHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image rollback through the step handlers: tags move forward and back, nothing else is touched. */
@RequiresDocker
class ImageRollbackTest {

  @TempDir
  Path workspace;

  private final String repo = "rbt-app-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<AdapterHarness> runs = new ArrayList<>();
  private DockerAdapter docker;

  @BeforeEach
  void contexts(DockerAdapter docker) throws IOException {
    this.docker = docker;
    for (String v : List.of("v1", "v2")) {
      Path dir = Files.createDirectories(workspace.resolve(v));
      Files.writeString(dir.resolve("Dockerfile"), "FROM " + TEST_IMAGE + "\nLABEL version=" + v + "\n");
    }
  }

  @AfterEach
  void removeWhatTheRunsBuilt() {
    for (AdapterHarness r : runs) {
      docker.docker().removeByLabel(DockerLabels.run(r.runId()));
    }
  }

  private AdapterHarness run() {
    AdapterHarness r = DockerRuns.in(workspace);
    runs.add(r);
    return r;
  }

  private StepHandler handler(Step step) {
    return docker.steps().get(step.kind());
  }

  private StepResult apply(AdapterHarness run, Step step) throws Exception {
    return handler(step).apply(run.context(step));
  }

  private String build(AdapterHarness run, String version) throws Exception {
    Step step = DockerSteps.buildImage(new RepoPath(version), repo + ":" + version).named("build " + version);
    return (String) apply(run, step).value().orElseThrow();
  }

  /** Every tag on the engine and the image it points to, as the docker command line lists them. */
  private static Map<String, String> tags() {
    Cli.Result r = Cli.run(Path.of("."), Map.of(), "docker", "images", "--no-trunc", "--format",
        "{{.Repository}}:{{.Tag}} {{.ID}}");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    Map<String, String> out = new TreeMap<>();
    r.stdout().lines().filter(l -> !l.startsWith("<none>")).forEach(l -> {
      String[] kv = l.split(" ");
      out.put(kv[0], kv[1]);
    });
    return out;
  }

  private static String cliImageId(String ref) {
    Cli.Result r = Cli.run(Path.of("."), Map.of(), "docker", "image", "inspect", "--format", "{{.Id}}", ref);
    return r.exitCode() == 0 ? r.stdout().strip() : "missing";
  }

  @Test
  void theTagMovesBackToV1AndV2CanBeRemovedWithNothingElseTouched() throws Exception {
    AdapterHarness deploy = run();
    String v1 = build(deploy, "v1");
    String v2 = build(deploy, "v2");
    apply(deploy, DockerSteps.moveTag(repo + ":latest", repo + ":v1").named("ship v1"));
    apply(deploy, DockerSteps.moveTag(repo + ":latest", repo + ":v2").named("ship v2"));
    assertThat(cliImageId(repo + ":latest")).isEqualTo(v2);
    assertThat(cliImageId(repo + ":rollback-prev")).isEqualTo(v1);
    Map<String, String> before = tags();

    // The rollback runs later, in another process: only the tags record where latest pointed before.
    AdapterHarness rollback = run();
    StepResult back = apply(rollback, DockerSteps.restoreTag(repo + ":latest"));

    assertThat(back.value()).contains(v1);
    assertThat(back.outputs()).containsEntry("previousImageId", v2);
    Map<String, String> expected = new TreeMap<>(before);
    expected.put(repo + ":latest", v1);
    assertThat(tags()).isEqualTo(expected);

    Cli.Result rmi = Cli.run(workspace, Map.of(), "docker", "rmi", repo + ":v2");
    assertThat(rmi.exitCode()).as(rmi.stderr()).isZero();
    assertThat(cliImageId(v2)).isEqualTo("missing");
    assertThat(cliImageId(repo + ":latest")).isEqualTo(v1);
    Map<String, String> afterRemoval = new TreeMap<>(expected);
    afterRemoval.remove(repo + ":v2");
    assertThat(tags()).isEqualTo(afterRemoval);
  }

  @Test
  void aMoveRemembersThePreviousImageFirstAndCompensationPointsTheTagBack() throws Exception {
    AdapterHarness r = run();
    String v1 = build(r, "v1");
    String v2 = build(r, "v2");
    apply(r, DockerSteps.moveTag(repo + ":stable", v1).named("first"));
    Step move = DockerSteps.moveTag(repo + ":stable", repo + ":v2").named("second");

    StepResult moved = apply(r, move);

    assertThat(r.remembered()).containsEntry("docker.second.previous", v1).containsEntry("docker.first.previous",
        "none");
    assertThat(moved.value()).contains(v2);
    assertThat(cliImageId(repo + ":stable-rollback-prev")).isEqualTo(v1);
    StepResult undone = handler(move).compensate(r.context(move), moved);
    assertThat(undone.summary()).isEqualTo("pointed " + repo + ":stable back at " + v1.substring(7, 19));
    assertThat(cliImageId(repo + ":stable")).isEqualTo(v1);

    Step first = DockerSteps.moveTag(repo + ":stable", v1).named("first");
    handler(first).compensate(r.context(first), moved);
    assertThat(cliImageId(repo + ":stable")).as("the tag did not exist before the first move").isEqualTo("missing");
  }

  @Test
  void isAppliedLooksAtTheTagsAfterACrash() throws Exception {
    AdapterHarness r = run();
    build(r, "v1");
    String v2 = build(r, "v2");
    Step move = DockerSteps.moveTag(repo + ":latest", repo + ":v2").named("ship");

    assertThat(handler(move).isApplied(r.context(move)).state()).isEqualTo(Probe.State.NOT_APPLIED);
    apply(r, move);
    Probe probe = handler(move).isApplied(r.resumed().context(move));
    assertThat(probe.state()).isEqualTo(Probe.State.APPLIED);
    assertThat(probe.result().orElseThrow().value()).contains(v2);

    Step buildV2 = DockerSteps.buildImage(new RepoPath("v2"), repo + ":v2").named("build v2");
    assertThat(handler(buildV2).isApplied(r.resumed().context(buildV2)).result().orElseThrow().value()).contains(v2);
    assertThat(handler(buildV2).isApplied(run().context(buildV2)).state())
        .as("another run did not build it").isEqualTo(Probe.State.NOT_APPLIED);
  }

  @Test
  void aBuildThatMovesATagKeepsThePreviousImageAliveAndCompensationPointsItBack() throws Exception {
    AdapterHarness r = run();
    Step first = DockerSteps.buildImage(new RepoPath("v1"), repo + ":edge").named("build edge v1");
    Step second = DockerSteps.buildImage(new RepoPath("v2"), repo + ":edge").named("build edge v2");
    String v1 = (String) apply(r, first).value().orElseThrow();
    StepResult built = apply(r, second);

    assertThat(cliImageId(repo + ":edge")).isEqualTo(built.value().orElseThrow());
    assertThat(cliImageId(repo + ":edge-rollback-prev")).isEqualTo(v1);
    handler(second).compensate(r.context(second), built);
    assertThat(cliImageId(repo + ":edge")).isEqualTo(v1);
  }

  @Test
  void removingThisRunsLeftoversRemovesWhatItLabelledAndNothingElse() throws Exception {
    AdapterHarness r = run();
    String v1 = build(r, "v1");
    String mine = createContainer(DockerLabels.run(r.runId()));
    String other = createContainer(DockerLabels.run("another-run-" + UUID.randomUUID()));
    try {
      Step cleanup = DockerSteps.removeRunLeftovers();
      assertThat(handler(cleanup).isApplied(r.context(cleanup)).state()).isEqualTo(Probe.State.NOT_APPLIED);

      StepResult removed = apply(r, cleanup);

      assertThat(removed.summary()).startsWith("removed 1 containers, 1 images and 0 volumes labelled "
          + DockerLabels.run(r.runId()));
      assertThat(containerExists(mine)).isFalse();
      assertThat(cliImageId(v1)).isEqualTo("missing");
      assertThat(containerExists(other)).as("another run's container stays").isTrue();
      assertThat(handler(cleanup).isApplied(r.resumed().context(cleanup)).state()).isEqualTo(Probe.State.APPLIED);
    } finally {
      Cli.run(workspace, Map.of(), "docker", "rm", "-f", other);
    }
  }

  private String createContainer(String label) {
    Cli.Result c = Cli.run(workspace, Map.of(), "docker", "create", "--network", "none", "--label", label,
        "--label", DockerLabels.managed(), TEST_IMAGE, "true");
    assertThat(c.exitCode()).as(c.stderr()).isZero();
    return c.stdout().strip();
  }

  private static boolean containerExists(String id) {
    return Cli.run(Path.of("."), Map.of(), "docker", "container", "inspect", id).exitCode() == 0;
  }

  @Test
  void restoringATagWithNoRecordedPreviousImageIsAClearError() throws Exception {
    AdapterHarness r = run();
    String v1 = build(r, "v1");
    Step restore = DockerSteps.restoreTag(repo + ":v1");

    assertThat(handler(restore).preview(r.context(restore)).failure()).contains("there is no " + repo
        + ":v1-rollback-prev tag recording where " + repo + ":v1 pointed before");
    assertThatThrownBy(() -> apply(r, restore))
        .isInstanceOf(DockerEngineException.class)
        .hasMessageContaining("'" + repo + ":v1-rollback-prev'");
    assertThat(cliImageId(repo + ":v1")).isEqualTo(v1);
  }

  @Test
  void movingATagToAnImageTheEngineLacksChangesNothing() throws Exception {
    AdapterHarness r = run();
    build(r, "v1");
    Map<String, String> before = tags();
    Step move = DockerSteps.moveTag(repo + ":v1", repo + ":nope");

    assertThat(handler(move).preview(r.context(move)).failure()).contains("the image " + repo + ":nope is not on the "
        + "engine at " + docker.docker().host());
    assertThatThrownBy(() -> apply(r, move)).hasMessageContaining("'" + repo + ":nope'");
    assertThat(tags()).isEqualTo(before);
    assertThat(r.remembered()).containsOnlyKeys("docker.build v1.previous");
  }
}
