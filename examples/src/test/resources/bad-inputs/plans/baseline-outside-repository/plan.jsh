import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

Signal t = (Signals.commandNumber(Command.of("echo", "Total Time: 12s"), "Total Time: (\\d+)s", Unit.SECONDS)
    .named("test_time"));
RollbackPlan plan = (plan("outside")
    .trigger("slow", "Tests are slow", t.above(Baseline.file(path("../baseline.json"), "test_time").plusPercent(50)))
    .severity(severity("high").when(trigger("slow")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one").step(Steps.command("true"))
        .validate(Checks.command("true"))))
    .build());
