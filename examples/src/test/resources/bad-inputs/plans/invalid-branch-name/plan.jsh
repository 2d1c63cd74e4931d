import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

RollbackPlan plan = (plan("bad branch")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one")
        .step(GitSteps.checkoutNewBranch(branch("rollback..p3")))
        .validate(GitChecks.cleanWorkTree())))
    .build());
