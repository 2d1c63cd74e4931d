import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

RollbackPlan plan = (plan("long wait")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(3)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one")
        .step(Steps.waitFor(java.time.Duration.ofMillis(4521200)))
        .validate(Checks.command("true"))))
    .build());
