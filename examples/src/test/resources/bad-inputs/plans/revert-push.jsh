// Git: find the newest P3-007 commit, revert it on main, push main to origin under a lease; a failed push undoes
// the revert (COMPENSATE), so that nothing is left half-done.
import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

RollbackPlan plan = (plan("revert and push")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .checklist(GitChecks.commitMatching("^P3-007").newest().as("culprit"))
    .procedure(procedure("standard")
        .phase(phase("revert").step(GitSteps.revert(ref("culprit"))).validate(GitChecks.cleanWorkTree()))
        .phase(phase("push").step(GitSteps.pushWithLease("origin", branch("main"))).onFailure(FailurePolicy.COMPENSATE)
            .validate(GitChecks.reverted(ref("culprit")))))
    .build());
