import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

RollbackPlan plan = (plan("no severity")
    .procedure(procedure("standard").phase(phase("one").step(Steps.command("touch", "x"))
        .validate(Checks.command("true"))))
    .build());
