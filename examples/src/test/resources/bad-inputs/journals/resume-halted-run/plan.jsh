import static dev.rollback.Rollback.*;
import dev.rollback.*;

RollbackPlan plan = (plan("fails")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one")
        .step(Steps.command("sh", "-c", "echo attempt >> attempts; exit 7").named("fail"))
        .validate(Checks.command("true"))))
    .build());
