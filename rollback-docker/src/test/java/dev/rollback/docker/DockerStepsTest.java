package dev.rollback.docker;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.path;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.plan;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Effect;
import dev.rollback.PlanCheck;
import dev.rollback.PlanProblem;
import dev.rollback.RollbackPlan;
import dev.rollback.Step;
import dev.rollback.Template;
import dev.rollback.Unit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The factories give plain values with the kinds, effects and typed arguments plan.check() validates. */
class DockerStepsTest {

  private static PlanCheck check(Step... steps) {
    RollbackPlan plan = plan("docker steps")
        .severity(severity("critical").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
        .procedure(procedure("standard").phase(phase("docker").step(steps).validate(DockerChecks.noOrphanedContainers())))
        .build();
    return plan.check();
  }

  @Test
  void stepsHaveTheirKindsAndEffects() {
    assertThat(DockerSteps.runComposeService(path("docker-compose.test.yml"), "test"))
        .extracting(Step::kind, Step::effect, Step::name)
        .containsExactly("docker.runComposeService", Effect.REVERSIBLE, "run test of docker-compose.test.yml");
    assertThat(DockerSteps.buildImage(path("."), "app:v2").effect()).isEqualTo(Effect.REVERSIBLE);
    assertThat(DockerSteps.moveTag("app:latest", "app:v2").kind()).isEqualTo("docker.moveTag");
    assertThat(DockerSteps.restoreTag("app:latest").kind()).isEqualTo("docker.restoreTag");
    assertThat(DockerSteps.removeByLabel("dev.rollback.managed=true").effect()).isEqualTo(Effect.IRREVERSIBLE);
    assertThat(DockerSteps.removeRunLeftovers().params()).containsEntry("label",
        new Template("dev.rollback.run={{run.id}}"));
  }

  @Test
  void aValidPlanWithDockerStepsChecksClean() {
    PlanCheck c = check(
        DockerSteps.buildImage(path("docker"), "Dockerfile.test", "registry.example.com:5000/team/app:v2",
            Map.of("VERSION", "2")).as("built"),
        DockerSteps.moveTag("registry.example.com:5000/team/app:latest", ref("built")).named("ship"),
        DockerSteps.restoreTag("registry.example.com:5000/team/app:latest"),
        DockerSteps.runComposeService(path("docker-compose.test.yml"), "test"),
        DockerSteps.removeRunLeftovers());
    assertThat(c.problems()).isEmpty();
  }

  @Test
  void planCheckRejectsInvalidImageReferencesAndPathsOutsideTheRepository() {
    PlanCheck c = check(
        DockerSteps.moveTag("App:Latest", "app:v2"),
        DockerSteps.restoreTag("app:-bad"),
        DockerSteps.runComposeService(path("../elsewhere/docker-compose.yml"), "test"));
    assertThat(c.problems()).extracting(PlanProblem::message).anySatisfy(m -> assertThat(m)
        .contains("image reference 'App:Latest' has an invalid name 'App'"))
        .anySatisfy(m -> assertThat(m).contains("image reference 'app:-bad' has an invalid tag '-bad'"));
    assertThat(c.problems(PlanProblem.Rule.PATH_OUTSIDE_REPOSITORY)).hasSize(1);
  }

  @Test
  void factoriesRejectWhatCannotBeAnImageOrALabel() {
    assertThatThrownBy(() -> DockerSteps.moveTag("app:latest", 42))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("image must be text, an ImageRef or a Ref, not java.lang.Integer");
    assertThatThrownBy(() -> DockerSignals.diskUsage("layers", false))
        .hasMessageStartingWith("unknown disk usage part 'layers'");
    assertThatThrownBy(() -> DockerSignals.events(Duration.ZERO)).hasMessageContaining("must be positive");
    assertThatThrownBy(() -> DockerSignals.eventCount(Duration.ofHours(1), "die"))
        .hasMessage("'die' is not type.action, such as container.die");
  }

  @Test
  void signalsCarryTheirUnits() {
    assertThat(DockerSignals.diskUsage().unit()).isEqualTo(Unit.BYTES);
    assertThat(DockerSignals.reclaimable().label()).isEqualTo("docker disk usage (total, reclaimable)");
    assertThat(DockerSignals.nonZeroExits(Duration.ofHours(1)).unit()).isEqualTo(Unit.COUNT);
    assertThat(DockerSignals.events(Duration.ofMinutes(90)).label()).isEqualTo("docker events (all, last 1h30m)");
    assertThat(DockerChecks.noOrphanedContainers().params()).containsEntry("label", "dev.rollback.managed=true");
  }

  @Test
  void imageReferencesAreValidatedAsDockerDoes() {
    assertThat(ImageRef.problems("app")).isEmpty();
    assertThat(ImageRef.problems("localhost:5000/a/b_c__d-e.f:1.0-rc_1")).isEmpty();
    assertThat(ImageRef.problems("app@sha256:" + "a".repeat(64))).isEmpty();
    assertThat(ImageRef.problems("sha256:" + "0".repeat(64))).isEmpty();
    assertThat(ImageRef.problems("")).containsExactly("the image reference is empty");
    assertThat(ImageRef.problems("app:" + "x".repeat(129))).singleElement().asString().contains("invalid tag");
    assertThat(ImageRef.problems("app_:1")).singleElement().asString().contains("invalid name 'app_'");
    assertThat(ImageRef.problems("app@sha256:xyz")).singleElement().asString().contains("invalid digest");
  }
}
