import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

RollbackPlan plan = (plan("needs a secret")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one")
        .step(Steps.run(Command.of("sh", "-c", "test -n \"$KEY\"").env("KEY", secret("DEPLOY_KEY"))))
        .validate(Checks.command("true"))))
    .build());
