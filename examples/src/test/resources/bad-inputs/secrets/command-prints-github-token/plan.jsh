import static dev.rollback.Rollback.*;
import dev.rollback.*;

RollbackPlan plan = (plan("prints the token")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one")
        .step(Steps.command("sh", "-c", "echo \"token is $GITHUB_TOKEN\"").named("print the token"))
        .validate(Checks.command("sh", "-c", "echo \"still $GITHUB_TOKEN\""))))
    .build());
