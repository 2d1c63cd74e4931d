import static dev.rollback.Rollback.*;
import dev.rollback.*;

RollbackPlan plan = (plan("p")
    .severity(severity("high").when(declared("broken")).rollbackWithn(hours(1)).approval(single("maintainer")))
    .build());
