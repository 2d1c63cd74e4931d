import static dev.rollback.Rollback.*;
import dev.rollback.*;

RollbackPlan plan = (plan("touch and tell")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one")
        .step(Steps.command("touch", "rolled-back"))
        .validate(Checks.command("test", "-f", "rolled-back"))))
    .communicate(message("done").on(NotificationEvent.ROLLBACK_COMPLETED).title("Rolled back").body("Done.")
        .via("chat"))
    .build());
