import static dev.rollback.Rollback.*;
import dev.rollback.*;

Signal t = (Signals.commandNumber(Command.of("echo", "Total Time: 12s"), "Total Time: (\\d+)ms", Unit.SECONDS)
    .named("test_time"));
RollbackPlan plan = (plan("no match")
    .severity(severity("high").when(t.above(10)).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one").step(Steps.command("touch", "rolled-back"))
        .validate(Checks.command("test", "-f", "rolled-back"))))
    .build());
