import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

RollbackPlan plan = (plan("slow procedure")
    .severity(severity("high").when(declared("broken")).rollbackWithin(minutes(5)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one")
        .step(Steps.command("sleep", "3600").timeout(java.time.Duration.ofMillis(4521200)))
        .validate(Checks.command("true"))))
    .build());
