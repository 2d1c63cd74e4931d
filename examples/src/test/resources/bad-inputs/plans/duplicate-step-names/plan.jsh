import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

RollbackPlan plan = (plan("duplicates")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one")
        .step(Steps.command("cp", "a", "b").named("copy"))
        .step(Steps.command("cp", "b", "c").named("copy"))
        .validate(Checks.command("true"))))
    .build());
