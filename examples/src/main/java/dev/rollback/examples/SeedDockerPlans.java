package dev.rollback.examples;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.path;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.role;
import static dev.rollback.Rollback.severity;

import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.docker.DockerChecks;
import dev.rollback.docker.DockerSteps;

/**
 * The Docker command of the seed runbook's recovery validation, exactly as it writes it, as a plan: what
 * {@code scripts/bench.sh} times against {@code docker-compose run --rm} in a fresh JVM. The P3-007 plan
 * ({@link P3007Plan}) holds the whole recovery validation.
 *
 * <pre>
 * ./rollback run dev.rollback.examples.SeedDockerPlans#recoveryValidation --severity high --yes
 * </pre>
 */
public final class SeedDockerPlans {

  private SeedDockerPlans() {}

  /**
   * The seed's "Validate Docker implementation": {@code docker compose -f docker-compose.test.yml run --rm test},
   * in the workspace; the run fails when the service exits with another status than 0. Validated by no container
   * of the run being left behind.
   *
   * @return the plan; severity {@code high} selects the procedure
   */
  public static RollbackPlan recoveryValidation() {
    return Rollback.plan("P3-007 recovery validation, Docker, as the seed's command")
        .severity(severity("high").description("P3-007 is being restored").when(declared("recovering"))
            .rollbackWithin(hours(24)).approval(role("team-lead")).procedure("validation"))
        .procedure(procedure("validation").phase(phase("Validate Docker implementation")
            .step(DockerSteps.runComposeService(path("docker-compose.test.yml"), "test"))
            .validate(DockerChecks.noOrphanedContainers())))
        .build();
  }
}
