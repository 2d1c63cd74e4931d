import static dev.rollback.Rollback.*;
import dev.rollback.*;

RollbackPlan plan = (plan("hostile arguments")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one")
        .step(Steps.command("echo", "\u001b]0;owned\u0007"))
        .validate(Checks.command("true"))))
    .build());
