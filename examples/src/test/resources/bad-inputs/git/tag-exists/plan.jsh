import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;
RollbackPlan plan = (plan("tag")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("tag").step(GitSteps.tag(branch("v1.0"), "HEAD"))
        .validate(GitChecks.cleanWorkTree())))
    .build());
