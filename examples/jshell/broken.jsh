// A plan with mistakes, to see what `check` reports (every problem at once, each at its path):
//   ./rollback check examples/jshell/broken.jsh        exits 1 and lists them

import static dev.rollback.Rollback.*;
import dev.rollback.*;

Signal testTime = Signals.commandNumber(Command.of("scripts/benchmark_performance.sh"), "Total Time: (\\d+)s",
    Unit.SECONDS).named("test_execution_time");

RollbackPlan broken = (plan("P3-007, broken")
    .trigger("slow", "Performance degradation > 50% from baseline",
        // a baseline outside the repository
        testTime.above(Baseline.file(path("../baseline.json"), "test_execution_time").plusPercent(50)))
    // the same trigger name twice
    .trigger("slow", "Tests are slow", testTime.above(300))
    .severity(severity("critical")
        .when(trigger("ci-broken"))                                  // no trigger has this name
        .rollbackWithin(minutes(10))                                 // shorter than the procedure can take
        .approval(consensus(3, "maintainer", "team-lead")))          // 3 people among 2 roles
    .severity(severity("low")
        .when(trigger("slow"))
        .fixForwardOrRollbackWithin(weeks(2), "next sprint")
        .approval(discretion()))
    .procedure(procedure("gradual")
        .phase(phase("Disable Docker test execution"))               // no step, no validation
        .phase(phase("Revert")
            // a reference to an output that no step binds, and an irreversible step under team discretion
            .step(Steps.run(Command.of("scripts/revert.sh").env("COMMIT", ref("culprit"))))
            .step(Steps.command("make", "clean").timeout(java.time.Duration.ZERO))   // a zero timeout
            .validate(Checks.command("make", "quick-check"))))
    .build());
