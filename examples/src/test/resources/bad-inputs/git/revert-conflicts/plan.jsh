import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;
RollbackPlan plan = (plan("revert the culprit")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .checklist(GitChecks.commitMatching("^P3-007: Run").newest().as("culprit"))
    .procedure(procedure("standard").phase(phase("revert").step(GitSteps.revert(ref("culprit")))
        .validate(GitChecks.cleanWorkTree())))
    .build());
