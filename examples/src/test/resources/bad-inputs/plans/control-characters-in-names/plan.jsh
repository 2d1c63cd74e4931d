import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

RollbackPlan plan = (plan("p\u001b]0;owned\u0007")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one\u001b[2J\r\u0000").step(Steps.command("true"))
        .validate(Checks.command("true"))))
    .build());
