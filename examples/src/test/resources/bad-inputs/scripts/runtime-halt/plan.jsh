import static dev.rollback.Rollback.*;
import dev.rollback.*;

Runtime.getRuntime().halt(0);
RollbackPlan plan = (plan("p")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one").step(Steps.command("touch", "rolled-back"))
        .validate(Checks.command("test", "-f", "rolled-back"))))
    .build());
