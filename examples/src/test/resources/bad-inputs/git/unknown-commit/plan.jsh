import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;
RollbackPlan plan = (plan("unknown commit")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("revert").step(GitSteps.revert("deadbeef"))
        .validate(GitChecks.cleanWorkTree())))
    .build());
