import static dev.rollback.Rollback.*;
import dev.rollback.*;

RollbackPlan plan = (plan("prints a secret")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one")
        .step(Steps.run(Command.of("sh", "-c", "echo key=$KEY").env("KEY", secret("DEPLOY_KEY"))).named("use the key"))
        .validate(Checks.command("true"))))
    .build());
