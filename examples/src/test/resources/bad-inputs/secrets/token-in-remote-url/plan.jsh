import static dev.rollback.Rollback.*;
import dev.rollback.*;

RollbackPlan plan = (plan("lists remotes")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one")
        .step(Steps.command("git", "remote", "-v").named("list remotes"))
        .validate(Checks.command("true"))))
    .build());
