import static dev.rollback.Rollback.*;
import dev.rollback.*;

Signal rate = (Signals.commandNumber(Command.of("sh", "-c", "echo 0.5; exit 3"), "([0-9.]+)").named("ci_success_rate"));
RollbackPlan plan = (plan("unmeasurable")
    .severity(severity("high").when(rate.below(0.95)).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one").step(Steps.command("touch", "rolled-back"))
        .validate(Checks.command("test", "-f", "rolled-back"))))
    .build());
