// Docker: run the compose service "test" of docker-compose.yml in the workspace, as docker compose run --rm test.
import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.docker.*;

RollbackPlan plan = (plan("compose test")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("test")
        .step(DockerSteps.runComposeService(path("docker-compose.yml"), "test"))
        .validate(Checks.command("true"))))
    .build());
