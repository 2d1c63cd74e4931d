import static dev.rollback.Rollback.*;
import dev.rollback.*;

RollbackPlan plan = (plan("pipes")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one")
        .step(Steps.command("true").named("copy a | b"))
        .validate(Checks.command("true"))))
    .build());
