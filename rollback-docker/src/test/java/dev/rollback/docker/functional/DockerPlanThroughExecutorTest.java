package dev.rollback.docker.functional;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.path;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.plan;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static dev.rollback.testkit.DockerEngineExtension.TEST_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.FailurePolicy;
import dev.rollback.RollbackPlan;
import dev.rollback.docker.DockerAdapter;
import dev.rollback.docker.DockerChecks;
import dev.rollback.docker.DockerLabels;
import dev.rollback.docker.DockerSignals;
import dev.rollback.docker.DockerSteps;
import dev.rollback.docker.EventSummary;
import dev.rollback.docker.testing.Fixtures;
import dev.rollback.report.RollbackReport.StepStatus;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.Preview;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import dev.rollback.spi.Audit;
import dev.rollback.testkit.RequiresDocker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan with Docker steps, checks and signals run by the real executor against the real engine: the image
 * rollback, validated by the compose test service, compensated when validation fails.
 */
@RequiresDocker
class DockerPlanThroughExecutorTest {

  @TempDir
  Path workspace;

  private final String repo = "rbt-exec-" + UUID.randomUUID().toString().substring(0, 8);
  private DockerAdapter docker;
  private String v1;
  private String v2;

  @BeforeEach
  void deployV2(DockerAdapter docker) throws IOException {
    this.docker = docker;
    Fixtures.copy("compose", workspace.resolve("rbt-exec"));
    for (String v : new String[] {"v1", "v2"}) {
      Path dir = Files.createDirectories(workspace.resolve("images").resolve(v));
      Files.writeString(dir.resolve("Dockerfile"), "FROM " + TEST_IMAGE + "\nLABEL version=" + v + "\n");
    }
    Map<String, String> labels = Map.of(DockerLabels.PROJECT, "rbt-exec");
    v1 = docker.docker().buildImage(workspace.resolve("images/v1"), "Dockerfile", Map.of(), repo + ":v1", labels,
        Duration.ofMinutes(2)).imageId();
    v2 = docker.docker().buildImage(workspace.resolve("images/v2"), "Dockerfile", Map.of(), repo + ":v2", labels,
        Duration.ofMinutes(2)).imageId();
    docker.docker().moveTag(repo + ":latest", v1);
    docker.docker().moveTag(repo + ":latest", v2);
  }

  @AfterEach
  void removeImages() {
    docker.docker().removeByLabel(DockerLabels.PROJECT + "=rbt-exec");
  }

  private RollbackPlan imageRollback(String validatingService) {
    return plan("docker image rollback")
        .severity(severity("critical").when(declared("bad-release")).rollbackWithin(hours(1))
            .approval(single("maintainer")))
        .assess(DockerSignals.diskUsage().named("docker_disk_usage"),
            DockerSignals.events(hours(1)).named("docker_events"))
        .procedure(procedure("standard")
            .phase(phase("roll the image back")
                .step(DockerSteps.restoreTag(repo + ":latest").named("restore latest").as("restored"))
                .validate(DockerChecks.imageExists(repo + ":latest"),
                    DockerChecks.composeServicePasses(path("rbt-exec/docker-compose.test.yml"), validatingService)
                        .named("Validate Docker implementation"))
                .onFailure(FailurePolicy.COMPENSATE))
            .phase(phase("clean up")
                .step(DockerSteps.removeRunLeftovers())
                .validate(DockerChecks.noOrphanedContainers())))
        .healthCheck(DockerChecks.noOrphanedContainers())
        .build();
  }

  private RollbackExecutor executor() {
    return RollbackExecutor.builder().workspace(workspace).journal(Journal.inMemory())
        .approver(Approvers.automatic("alice", "test")).adapter(docker).build();
  }

  @Test
  void theExecutorRollsTheImageBackValidatesWithTheComposeServiceAndProvesNothingIsLeft() {
    RollbackPlan plan = imageRollback("pass");
    assertThat(plan.check().problems()).isEmpty();

    RollbackReport report = executor().run(plan, RunOptions.defaults().withDeclared("bad-release"));

    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.snapshot()).extracting(RollbackReport.MeasurementReport::signal)
        .contains("docker_disk_usage", "docker_events");
    assertThat(report.snapshot()).allSatisfy(m -> assertThat(m.number()).isPresent());
    assertThat(report.step("restore latest").orElseThrow().value()).contains(v1);
    assertThat(report.step("remove this run's Docker leftovers").orElseThrow().status())
        .isEqualTo(StepStatus.APPLIED);
    assertThat(report.phase("roll the image back").orElseThrow().validations())
        .extracting(RollbackReport.CheckReport::name).contains("Validate Docker implementation");
    assertThat(docker.docker().imageId(repo + ":latest")).contains(v1);
    assertThat(report.audits()).filteredOn(a -> a.adapter().equals("docker")).singleElement()
        .extracting(Audit::passed).isEqualTo(true);
    assertThat(docker.docker().containers(DockerLabels.managed(), false)).isEmpty();
  }

  @Test
  void aFailingValidationCompensatesTheRollbackAndTheTagPointsAtV2Again() {
    RollbackReport report = executor().run(imageRollback("fail"), RunOptions.defaults().withDeclared("bad-release"));

    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.COMPENSATED);
    assertThat(report.step("restore latest").orElseThrow().status()).isEqualTo(StepStatus.COMPENSATED);
    assertThat(docker.docker().imageId(repo + ":latest")).contains(v2);
  }

  @Test
  void aPreviewDescribesTheRollbackAndTheEngineReportsNoChange() {
    Instant since = Instant.now();
    Preview preview = executor().preview(imageRollback("pass"), RunOptions.defaults().withDeclared("bad-release"));

    assertThat(preview.step("restore latest").orElseThrow().summary()).startsWith("would point " + repo
        + ":latest");
    assertThat(docker.docker().imageId(repo + ":latest")).contains(v2);
    EventSummary events = docker.docker().events(since, Instant.now(), Duration.ofSeconds(10));
    assertThat(events.byAction()).doesNotContainKeys("image.tag", "image.untag", "image.delete");
  }
}
