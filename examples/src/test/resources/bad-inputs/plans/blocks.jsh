// Holds its run (and so the run lock) until told: its step makes ../held, then waits for ../release.
import static dev.rollback.Rollback.*;
import dev.rollback.*;

RollbackPlan plan = (plan("blocks")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("wait")
        .step(Steps.command("sh", "-c", "touch ../held; while [ ! -f ../release ]; do sleep 0.05; done")
            .named("wait for release"))
        .validate(Checks.command("test", "-f", "../release"))))
    .build());
