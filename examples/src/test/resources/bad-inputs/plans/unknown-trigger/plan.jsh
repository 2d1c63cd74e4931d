import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

RollbackPlan plan = (plan("unknown trigger")
    .trigger("ci-red", "CI is red", declared("red"))
    .severity(severity("high").when(trigger("ci-broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one").step(Steps.command("true"))
        .validate(Checks.command("true"))))
    .build());
