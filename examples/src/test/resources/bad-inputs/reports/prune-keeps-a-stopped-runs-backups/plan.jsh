import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

RollbackPlan plan = (plan("revert then touch")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .checklist(GitChecks.commitMatching("^P3-007").newest().as("culprit"))
    .procedure(procedure("standard")
        .phase(phase("revert").step(GitSteps.revert(ref("culprit"))).validate(GitChecks.reverted(ref("culprit"))))
        .phase(phase("touch").step(Steps.command("touch", "rolled-back")).validate(Checks.command("true"))))
    .build());
