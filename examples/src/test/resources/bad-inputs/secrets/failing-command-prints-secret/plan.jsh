import static dev.rollback.Rollback.*;
import dev.rollback.*;

RollbackPlan plan = (plan("fails with a secret")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one")
        .step(Steps.run(Command.of("sh", "-c", "echo \"bad key $KEY\" >&2; exit 5").env("KEY", secret("DEPLOY_KEY")))
            .named("use the key"))
        .validate(Checks.command("true"))))
    .build());
