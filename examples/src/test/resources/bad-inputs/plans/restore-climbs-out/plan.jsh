import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

RollbackPlan plan = (plan("climbs out")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one")
        .step(GitSteps.restore("HEAD~1", path("docs/../../x")))
        .validate(GitChecks.cleanWorkTree())))
    .build());
