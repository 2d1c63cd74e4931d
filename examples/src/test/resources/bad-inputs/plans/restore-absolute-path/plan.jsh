import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

RollbackPlan plan = (plan("absolute")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one")
        .step(GitSteps.restore("HEAD~1", path("/etc/passwd")))
        .validate(GitChecks.cleanWorkTree())))
    .build());
