// The seed's emergency rollback as a JShell plan: the same plan as dev.rollback.examples.SeedGitPlans#emergency
// (a test keeps them equal). scripts/bench.sh times
//   ./rollback run examples/jshell/seed-emergency.jsh --severity critical --emergency --yes
// beside the class-based plan and the seed's own bash.
import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;

RollbackPlan plan = (plan("P3-007 emergency rollback, as the seed's commands")
    .severity(severity("critical").description("CI completely broken").when(declared("ci-broken"))
        .rollbackWithin(hours(1)).approval(single("maintainer")).procedure("emergency"))
    .emergency(procedure("emergency")
        .phase(phase("Revert to last known good state")
            .step(GitSteps.checkout(branch("main")), GitSteps.revert("HEAD~1"))
            .validate(GitChecks.cleanWorkTree()))
        .phase(phase("Force push (emergency only)")
            .step(GitSteps.pushWithLease("origin", branch("main")))
            .validate(GitChecks.commitExists("origin/main").named("origin/main is known"))))
    .build());
