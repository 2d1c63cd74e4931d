import static dev.rollback.Rollback.*;
import dev.rollback.*;

Signal rate = (Signals.commandNumber(Command.of("sh", "-c", "exit 3"), "([0-9.]+)").named("ci_success_rate"));
RollbackPlan plan = (plan("declared wins")
    .assess(rate)
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one").step(Steps.command("touch", "rolled-back"))
        .validate(Checks.command("test", "-f", "rolled-back"))))
    .build());
