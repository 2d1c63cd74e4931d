// Core, then GitHub: make the file rolled-back, dispatch CI; a message on failure goes to the channel "incidents".
import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.github.*;

RollbackPlan plan = (plan("touch and dispatch")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard")
        .phase(phase("one").step(Steps.command("touch", "rolled-back")).validate(Checks.command("test", "-f", "rolled-back")))
        .phase(phase("two").step(GitHubSteps.dispatch("ci.yml", "main")).validate(Checks.command("true"))))
    .communicate(message("failed").on(NotificationEvent.ROLLBACK_FAILED).title("Rollback failed").body("It failed.")
        .via("incidents"))
    .build());
