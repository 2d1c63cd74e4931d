package dev.rollback.examples;

import static dev.rollback.Rollback.branch;
import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.path;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.role;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;

import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.git.GitChecks;
import dev.rollback.git.GitSteps;
import java.util.List;

/**
 * The Git commands of the seed runbook's configuration rollback and emergency rollback, exactly as it writes them,
 * as two plans: what {@code scripts/bench.sh} times against the seed's own shell. The P3-007 plan
 * ({@link P3007Plan}) does what the seed's comments mean instead; these do what its commands do.
 *
 * <pre>
 * ./rollback run dev.rollback.examples.SeedGitPlans#configuration --severity high --yes
 * ./rollback run dev.rollback.examples.SeedGitPlans#emergency --severity critical --emergency --yes
 * </pre>
 */
public final class SeedGitPlans {

  /** The files the seed's configuration rollback checks out of its "last stable commit". */
  public static final List<String> KEY_FILES = List.of(".github/workflows/ci.yml", "docker-compose.test.yml",
      "Dockerfile.test", "scripts/run_docker_tests.sh");

  /** The message of the commit that records the restored files (the seed leaves them uncommitted). */
  public static final String RESTORE_MESSAGE = "Restore the CI configuration";

  private SeedGitPlans() {}

  /**
   * The seed's configuration rollback: {@code LAST_STABLE_COMMIT=$(git log --oneline --grep="P3-007" | tail -1 |
   * cut -d' ' -f1)}, {@code git checkout -b rollback-p3-007-$(date +%Y%m%d)}, {@code git revert --no-edit
   * $LAST_STABLE_COMMIT}, {@code git checkout $LAST_STABLE_COMMIT -- <file>} for its four key files; then, where
   * the seed stops, {@code git commit} of those files and {@code git push --force-with-lease origin <branch>}, so
   * that the rollback reaches the remote.
   *
   * @return the plan; severity {@code high} selects the procedure
   */
  public static RollbackPlan configuration() {
    return Rollback.plan("P3-007 configuration rollback, as the seed's commands")
        .severity(severity("high").description("P3-007 broke CI").when(declared("p3-007-broke-ci"))
            .rollbackWithin(hours(24)).approval(role("team-lead")).procedure("configuration"))
        .checklist(GitChecks.commitMatching("P3-007").oldest().as("culprit").named("Identify rollback commit hash"))
        .procedure(procedure("configuration").phase(phase("Configuration rollback")
            .step(GitSteps.checkoutNewBranch(branch("rollback-p3-007-{{run.date}}")),
                GitSteps.revert(ref("culprit")),
                GitSteps.restore(ref("culprit"), KEY_FILES.stream().map(f -> path(f)).toList(), RESTORE_MESSAGE),
                GitSteps.pushWithLease("origin", branch("rollback-p3-007-{{run.date}}")))
            .validate(GitChecks.reverted(ref("culprit")).named("P3-007 is reverted on the rollback branch"))))
        .build();
  }

  /**
   * The seed's emergency rollback, its Git commands: {@code git checkout main}, {@code git revert --no-edit HEAD~1},
   * {@code git push --force-with-lease origin main}. Cancelling CI and checking the last run ({@code gh}) are left
   * out.
   *
   * @return the plan; severity {@code critical} selects the emergency procedure
   */
  public static RollbackPlan emergency() {
    return Rollback.plan("P3-007 emergency rollback, as the seed's commands")
        .severity(severity("critical").description("CI completely broken").when(declared("ci-broken"))
            .rollbackWithin(hours(1)).approval(single("maintainer")).procedure("emergency"))
        .emergency(procedure("emergency")
            .phase(phase("Revert to last known good state")
                .step(GitSteps.checkout(branch("main")), GitSteps.revert("HEAD~1"))
                .validate(GitChecks.cleanWorkTree()))
            .phase(phase("Force push (emergency only)")
                .step(GitSteps.pushWithLease("origin", branch("main")))
                .validate(GitChecks.commitExists("origin/main").named("origin/main is known"))))
        .build();
  }
}
