import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

RollbackPlan plan = (plan("empty phase")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("empty")))
    .build());
