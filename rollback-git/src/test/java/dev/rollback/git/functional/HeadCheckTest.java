package dev.rollback.git.functional;

import static dev.rollback.Rollback.branch;
import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.git.GitAdapter;
import dev.rollback.git.GitChecks;
import dev.rollback.git.GitSteps;
import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.Sandbox;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.ManualClock;
import dev.rollback.run.Preview;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A detached HEAD, or a HEAD on another branch than the one the plan pushes, is refused before anything changes.
 * It used to go through: the reverts were committed on the detached HEAD, "push origin main" said main was already
 * at its tip, the run SUCCEEDED, and the origin kept both bad commits.
 */
class HeadCheckTest {

  private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

  private Sandbox box;
  private GitCli origin;
  private GitCli work;
  private Path journal;

  @BeforeEach
  void project() throws IOException {
    box = Sandbox.create();
    GitCli seed = box.init("seed");
    seed.write("ci.yml", "run: pytest\n").commitAll("Initial import");
    seed.at(Sandbox.EPOCH.plusSeconds(120)).write("ci.yml", "run: docker\n").commitAll("P3-007: Run CI in Docker");
    seed.at(Sandbox.EPOCH.plusSeconds(180)).write("Dockerfile.test", "FROM python\n")
        .commitAll("P3-007: Add Dockerfile.test");
    origin = box.bare("origin.git");
    seed.run("push", "-q", origin.dir().toString(), "main");
    work = box.clone(origin, "work").at(AT);
    journal = Files.createDirectories(box.root().resolve("journal"));
  }

  @AfterEach
  void cleanUp() {
    box.close();
  }

  private RollbackExecutor executor() {
    ManualClock clock = ManualClock.at(AT);
    return RollbackExecutor.builder().workspace(work.dir()).adapter(GitAdapter.open(work.dir()))
        .journal(Journal.directory(journal)).approver(Approvers.automatic("lead", "drill")).clock(clock)
        .sleeper(clock).build();
  }

  /** The plan as the user wrote it: revert on HEAD, then push main. */
  private static RollbackPlan revertAndPushMain() {
    return Rollback.plan("P3-007 emergency rollback")
        .severity(severity("critical").when(declared("ci-broken")).rollbackWithin(hours(1))
            .approval(single("maintainer")))
        .checklist(GitChecks.commitMatching("P3-007").all().as("p3007"))
        .procedure(procedure("emergency")
            .phase(phase("Revert").step(GitSteps.revertAll(ref("p3007"))).validate(GitChecks.cleanWorkTree()))
            .phase(phase("Push").step(GitSteps.pushWithLease("origin", branch("main")))
                .validate(GitChecks.cleanWorkTree())))
        .build();
  }

  private String state() {
    return work.refs() + work.run("rev-parse", "HEAD") + work.status() + origin.refs();
  }

  @Test
  void aDetachedHeadIsRefusedBeforeAnythingChangesAndThePreviewListsItInTheSameWords() throws Exception {
    work.run("switch", "-q", "--detach", "HEAD");
    String head = work.rev("HEAD").substring(0, 7);
    String before = state();

    Preview preview;
    RollbackReport report;
    try (RollbackExecutor executor = executor()) {
      preview = executor.preview(revertAndPushMain(), RunOptions.defaults().withDeclared("ci-broken"));
      report = executor.run(revertAndPushMain(), RunOptions.defaults().withDeclared("ci-broken"));
    }

    String expected = "HEAD of '" + work.dir() + "' is detached at " + head + " (not on a branch), but procedure"
        + " 'emergency' commits on HEAD (step 'revert the commits of ${p3007}'): its commits would be on no branch"
        + " and the push of 'main' would not carry them. Switch to the branch the plan works on first: git switch"
        + " main; then run again";
    assertThat(preview.problems()).containsExactly("adapter 'git' could not start (" + expected + ")");
    assertThat(report.status()).isEqualTo(RunStatus.STOPPED);
    assertThat(report.summary()).contains(expected).contains("nothing was changed");
    assertThat(state()).as("nothing changed, no backup refs").isEqualTo(before);

    work.run("switch", "-q", "main");
    RollbackReport again;
    try (RollbackExecutor executor = executor()) {
      again = executor.run(revertAndPushMain(), RunOptions.defaults().withDeclared("ci-broken"));
    }
    assertThat(again.status()).as(again.summary()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(origin.run("log", "--format=%s", "-2", "main")).isEqualTo(
        "Revert \"P3-007: Run CI in Docker\"\nRevert \"P3-007: Add Dockerfile.test\"");
  }

  @Test
  void aHeadOnAnotherBranchThanTheOnePushedIsRefused() throws Exception {
    work.run("switch", "-q", "-c", "feature");
    String before = state();

    RollbackReport report;
    try (RollbackExecutor executor = executor()) {
      report = executor.run(revertAndPushMain(), RunOptions.defaults().withDeclared("ci-broken"));
    }

    assertThat(report.status()).isEqualTo(RunStatus.STOPPED);
    assertThat(report.summary()).contains("HEAD of '" + work.dir() + "' is on branch 'feature', but procedure"
        + " 'emergency' commits on HEAD (step 'revert the commits of ${p3007}') and then pushes 'main' (step 'push"
        + " --force-with-lease origin main'), which would not carry those commits. Switch to the branch it pushes"
        + " first: git switch main");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void aPlanThatChecksOutItsBranchFirstRunsFromADetachedHead() throws Exception {
    work.run("switch", "-q", "--detach", "HEAD~1");
    RollbackPlan plan = Rollback.plan("checks out main first")
        .severity(severity("critical").when(declared("ci-broken")).rollbackWithin(hours(1))
            .approval(single("maintainer")))
        .procedure(procedure("emergency").phase(phase("Revert")
            .step(GitSteps.checkout(branch("main")), GitSteps.commitMatching("P3-007").all().as("p3007"),
                GitSteps.revertAll(ref("p3007")), GitSteps.pushWithLease("origin", branch("main")))
            .validate(GitChecks.cleanWorkTree())))
        .build();

    RollbackReport report;
    try (RollbackExecutor executor = executor()) {
      report = executor.run(plan, RunOptions.defaults().withDeclared("ci-broken"));
    }

    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(origin.run("log", "--format=%s", "-1", "main")).startsWith("Revert \"P3-007");
  }

  @Test
  void aNewBranchStartedFromADetachedHeadIsRefused() throws Exception {
    work.run("switch", "-q", "--detach", "HEAD~2");
    RollbackPlan plan = Rollback.plan("branches from HEAD")
        .severity(severity("critical").when(declared("ci-broken")).rollbackWithin(hours(1))
            .approval(single("maintainer")))
        .procedure(procedure("gradual").phase(phase("Branch")
            .step(GitSteps.checkoutNewBranch(branch("rollback-p3-007")),
                GitSteps.pushWithLease("origin", branch("rollback-p3-007")))
            .validate(GitChecks.cleanWorkTree())))
        .build();

    RollbackReport report;
    try (RollbackExecutor executor = executor()) {
      report = executor.run(plan, RunOptions.defaults().withDeclared("ci-broken"));
    }

    assertThat(report.status()).isEqualTo(RunStatus.STOPPED);
    assertThat(report.summary()).contains("is detached at " + work.rev("HEAD").substring(0, 7) + ", and procedure"
        + " 'gradual' starts branch 'rollback-p3-007' from it (step 'check out new branch rollback-p3-007'), not from"
        + " a branch");
    assertThat(origin.run("branch", "--list", "rollback-p3-007")).isEmpty();
  }
}
