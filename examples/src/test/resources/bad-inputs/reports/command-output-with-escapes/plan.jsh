import static dev.rollback.Rollback.*;
import dev.rollback.*;

RollbackPlan plan = (plan("noisy")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one")
        .step(Steps.command("sh", "-c", "printf 'fatal: \\033[2Jcleared \\033]0;owned\\007 done\\n' >&2; exit 1")
            .named("print escapes"))
        .validate(Checks.command("true"))))
    .build());
