import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

RollbackPlan plan = (plan("unbound")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one")
        .step(Steps.run(Command.of("sh", "-c", "echo $COMMIT").env("COMMIT", ref("culprit"))))
        .validate(Checks.command("true"))))
    .build());
