// GitHub: cancel the CI runs of ci.yml in progress, within 3 seconds (the step's timeout bounds every call).
import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.github.*;

RollbackPlan plan = (plan("cancel ci")
    .severity(severity("high").when(declared("broken")).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("cancel")
        .step(GitHubSteps.cancelRuns(GitHubSignals.workflow("ci.yml")).timeout(java.time.Duration.ofSeconds(3)))
        .validate(Checks.command("true"))))
    .build());
