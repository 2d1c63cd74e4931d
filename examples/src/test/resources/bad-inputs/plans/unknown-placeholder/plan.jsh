import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

RollbackPlan plan = (plan("placeholder")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one").step(Steps.command("true"))
        .validate(Checks.command("true"))))
    .communicate(message("done").on(NotificationEvent.ROLLBACK_COMPLETED).title("Done")
        .body("Contact {{tema}}.").via("chat"))
    .messageValue("team", "platform")
    .build());
