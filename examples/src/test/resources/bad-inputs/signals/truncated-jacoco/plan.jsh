import static dev.rollback.Rollback.*;
import dev.rollback.*;

Signal cov = (Signals.lineCoverage(path("target/site/jacoco/jacoco.xml")).named("line_coverage"));
RollbackPlan plan = (plan("coverage")
    .severity(severity("high").when(cov.below(80)).rollbackWithin(hours(1)).approval(single("maintainer")))
    .procedure(procedure("standard").phase(phase("one").step(Steps.command("touch", "rolled-back"))
        .validate(Checks.command("test", "-f", "rolled-back"))))
    .build());
