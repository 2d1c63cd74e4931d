// GitHub: dispatch ci.yml on main.
import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.github.*;

RollbackPlan plan = (plan("dispatch ci")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("dispatch")
        .step(GitHubSteps.dispatch("ci.yml", "main"))
        .validate(Checks.command("true"))))
    .build());
