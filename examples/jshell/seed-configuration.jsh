// The seed's configuration rollback as a JShell plan: the same plan as
// dev.rollback.examples.SeedGitPlans#configuration (a test keeps them equal). scripts/bench.sh times
//   ./rollback run examples/jshell/seed-configuration.jsh --severity high --yes
// beside the class-based plan and the seed's own bash.
import static dev.rollback.Rollback.*;
import dev.rollback.*;
import dev.rollback.git.*;
import java.util.List;

List<String> keyFiles = List.of(".github/workflows/ci.yml", "docker-compose.test.yml", "Dockerfile.test",
    "scripts/run_docker_tests.sh");

RollbackPlan plan = (plan("P3-007 configuration rollback, as the seed's commands")
    .severity(severity("high").description("P3-007 broke CI").when(declared("p3-007-broke-ci"))
        .rollbackWithin(hours(24)).approval(role("team-lead")).procedure("configuration"))
    .checklist(GitChecks.commitMatching("P3-007").oldest().as("culprit").named("Identify rollback commit hash"))
    .procedure(procedure("configuration").phase(phase("Configuration rollback")
        .step(GitSteps.checkoutNewBranch(branch("rollback-p3-007-{{run.date}}")),
            GitSteps.revert(ref("culprit")),
            GitSteps.restore(ref("culprit"), keyFiles.stream().map(f -> path(f)).toList(),
                "Restore the CI configuration"),
            GitSteps.pushWithLease("origin", branch("rollback-p3-007-{{run.date}}")))
        .validate(GitChecks.reverted(ref("culprit")).named("P3-007 is reverted on the rollback branch"))))
    .build());
