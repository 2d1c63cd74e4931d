import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

RollbackPlan plan = (plan("irreversible")
    .severity(severity("low").when(declared("broken")).rollbackWithin(hours(1)).approval(discretion()))
    .procedure(procedure("standard").phase(phase("one")
        .step(GitSteps.pushRewritingHistory("origin", branch("main")))
        .validate(GitChecks.cleanWorkTree())))
    .build());
