import static dev.rollback.Rollback.*;
import dev.rollback.*;

RollbackPlan plan = (plan("prints the hook")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one")
        .step(Steps.command("sh", "-c", "echo \"hook is $HOOK_URL\"").named("print the hook"))
        .validate(Checks.command("true"))))
    .communicate(message("done").on(NotificationEvent.ROLLBACK_COMPLETED).title("Rolled back").body("Done.")
        .via("hook"))
    .build());
