import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

RollbackPlan plan = (plan("quorum")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1))
        .approval(consensus(3, "maintainer", "team-lead")))
    .procedure(procedure("standard").phase(phase("one").step(Steps.command("true"))
        .validate(Checks.command("true"))))
    .build());
