// Core steps only: when someone declares the build broken, make the file rolled-back and check it is there.
import static dev.rollback.Rollback.*;
import dev.rollback.*;

RollbackPlan plan = (plan("touch")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one")
        .step(Steps.command("touch", "rolled-back"))
        .validate(Checks.command("test", "-f", "rolled-back"))))
    .build());
