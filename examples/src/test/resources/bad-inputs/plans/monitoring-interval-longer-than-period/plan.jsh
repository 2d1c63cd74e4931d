import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

RollbackPlan plan = (plan("monitoring")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one").step(Steps.command("true"))
        .validate(Checks.command("true"))))
    .monitoring(monitoring().every(hours(2)).forPeriod(hours(1))
        .alert("always", declared("x"), "Look"))
    .build());
