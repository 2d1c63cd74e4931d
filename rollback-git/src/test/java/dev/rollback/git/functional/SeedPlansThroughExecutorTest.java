package dev.rollback.git.functional;

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
import static dev.rollback.Rollback.template;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Steps;
import dev.rollback.git.GitAdapter;
import dev.rollback.git.GitChecks;
import dev.rollback.git.GitSteps;
import dev.rollback.git.support.GitCli;
import dev.rollback.git.support.Sandbox;
import dev.rollback.report.RollbackReport.StepStatus;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.ManualClock;
import dev.rollback.run.Preview;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import dev.rollback.spi.Audit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's configuration rollback and emergency rollback as plans, run by the executor against a sandbox
 * repository with a bare origin: assessment pins the leases, the checklist finds the culprit as the seed's grep
 * does, the steps run, the audit proves nothing was lost, and the token never reaches the journal or the report.
 */
class SeedPlansThroughExecutorTest {

  private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
  private static final String TOKEN = "ghp-not-a-real-token-0123456789";

  private Sandbox box;
  private GitCli origin;
  private GitCli work;
  private GitCli other;
  private Path journal;
  private String first;

  @BeforeEach
  void project() throws IOException {
    box = Sandbox.create();
    GitCli seed = box.init("seed");
    seed.write(".github/workflows/ci.yml", "jobs:\n  test:\n    run: pytest\n").write("Makefile", "quick-check:\n")
        .commitAll("Initial import");
    seed.at(Sandbox.EPOCH.plusSeconds(120)).write("docker-compose.test.yml", "services:\n  test: {}\n")
        .write("Dockerfile.test", "FROM python\n").write("scripts/run_docker_tests.sh", "docker compose run test\n")
        .commitAll("P3-007: Add Docker test infrastructure");
    first = seed.rev("HEAD");
    seed.at(Sandbox.EPOCH.plusSeconds(180)).write(".github/workflows/ci.yml",
        "jobs:\n  test:\n    run: docker compose -f docker-compose.test.yml run --rm test\n")
        .commitAll("P3-007: Run CI tests in Docker");
    origin = box.bare("origin.git");
    seed.run("push", "-q", origin.dir().toString(), "main");
    work = box.clone(origin, "work");
    other = box.clone(origin, "other");
    journal = Files.createDirectories(box.root().resolve("journal"));
  }

  @AfterEach
  void cleanUp() {
    box.close();
  }

  private RollbackExecutor executor() {
    ManualClock clock = ManualClock.at(AT);
    return RollbackExecutor.builder()
        .workspace(work.dir())
        .adapter(GitAdapter.open(work.dir()).withCredentials("ci-bot", TOKEN))
        .journal(Journal.directory(journal))
        .approver(Approvers.automatic("lead", "sandbox drill"))
        .clock(clock)
        .sleeper(clock)
        .build();
  }

  private static RollbackPlan configurationPlan() {
    return Rollback.plan("P3-007 configuration rollback")
        .severity(severity("high").description("P3-007 broke CI").when(declared("p3-007-broke-ci"))
            .rollbackWithin(hours(24)).approval(role("team-lead")).procedure("configuration"))
        .checklist(GitChecks.commitMatching("P3-007").oldest().as("culprit").named("Identify rollback commit hash"),
            GitChecks.cleanWorkTree())
        .procedure(procedure("configuration").phase(phase("Roll back the CI configuration")
            .step(GitSteps.checkoutNewBranch(branch("rollback-p3-007-{{run.date}}")),
                GitSteps.revert(ref("culprit")).as("revertCommit"),
                GitSteps.restoreExactly(template("{{culprit}}^"), path(".github/workflows/ci.yml"),
                    path("docker-compose.test.yml"), path("Dockerfile.test"), path("scripts/run_docker_tests.sh")),
                GitSteps.pushWithLease("origin", branch("rollback-p3-007-{{run.date}}")))
            .validate(GitChecks.reverted(ref("culprit")).named("P3-007 is reverted on the rollback branch"))))
        .build();
  }

  @Test
  void theConfigurationRollbackRunsAsAPlanAndProvesNothingWasLost() throws Exception {
    RollbackPlan plan = configurationPlan();
    assertThat(plan.check().problems()).isEmpty();
    RollbackReport report;
    try (RollbackExecutor executor = executor()) {
      report = executor.run(plan, RunOptions.defaults().withDeclared("p3-007-broke-ci"));
    }
    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.steps()).allSatisfy(s -> assertThat(s.status()).as(s.name()).isEqualTo(StepStatus.APPLIED));
    assertThat(report.outputs()).containsEntry("culprit", first);
    assertThat(work.run("rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("rollback-p3-007-20260302");
    assertThat(work.run("log", "--format=%s", "-2")).isEqualTo(
        "Restore .github/workflows/ci.yml, docker-compose.test.yml, Dockerfile.test, scripts/run_docker_tests.sh"
            + " from " + work.rev(first + "^").substring(0, 7) + "\nRevert \"P3-007: Add Docker test infrastructure\"");
    assertThat(work.rev("HEAD^{tree}")).isEqualTo(work.rev(first + "^^{tree}"));
    assertThat(origin.rev("rollback-p3-007-20260302")).isEqualTo(work.rev("HEAD"));
    assertThat(work.status()).isEmpty();
    Audit audit = report.audits().stream().filter(a -> a.adapter().equals("git")).findFirst().orElseThrow();
    assertThat(audit.passed()).as(audit.summary()).isTrue();
    assertThat(((Number) audit.evidence().get("commitsLost")).longValue()).isZero();
    assertThat(work.run("for-each-ref", "--format=%(refname)", "refs/rollback")).contains("/refs/heads/main");
    assertThat(journalText()).contains("git.revert").doesNotContain(TOKEN);
    assertThat(report.toJson()).doesNotContain(TOKEN);
    assertThat(report.toMarkdown()).doesNotContain(TOKEN);
  }

  @Test
  void aPreviewOfTheConfigurationRollbackShowsTheRevertAndChangesNothing() throws Exception {
    String before = work.refs() + work.status() + origin.refs();
    Preview preview;
    try (RollbackExecutor executor = executor()) {
      preview = executor.preview(configurationPlan(), RunOptions.defaults().withDeclared("p3-007-broke-ci"));
    }
    assertThat(preview.problems()).isEmpty();
    assertThat(preview.checklist()).allSatisfy(c -> assertThat(c.passed()).isTrue());
    Preview.PlannedStep revert = preview.steps().stream().filter(s -> s.kind().equals(GitSteps.REVERT))
        .findFirst().orElseThrow();
    assertThat(revert.failure()).isEmpty();
    assertThat(revert.details()).containsEntry("tree", revertTree());
    assertThat(work.refs() + work.status() + origin.refs()).isEqualTo(before);
  }

  /** The tree git's revert of the culprit gives, computed in a throwaway clone. */
  private String revertTree() {
    GitCli scratch = box.clone(origin, "scratch").at(AT);
    scratch.run("revert", "--no-edit", first);
    return scratch.rev("HEAD^{tree}");
  }

  @Test
  void theEmergencyRollbackAsTheSeedWritesItIsGitsRevertOfHeadTildeOneAndItsLeasedPush() throws Exception {
    GitCli shell = box.clone(origin, "shell").at(AT);
    shell.run("checkout", "-q", "main");
    shell.run("revert", "--no-edit", "HEAD~1");
    String expected = shell.rev("HEAD");

    RollbackPlan plan = Rollback.plan("P3-007 emergency rollback")
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
    RollbackReport report;
    try (RollbackExecutor executor = executor()) {
      report = executor.run(plan, RunOptions.defaults().withDeclared("ci-broken").withEmergency());
    }
    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(work.rev("HEAD")).as("the same commit as git's, id for id").isEqualTo(expected);
    assertThat(origin.rev("main")).isEqualTo(expected);
    assertThat(work.run("log", "-1", "--format=%s")).isEqualTo("Revert \"P3-007: Add Docker test infrastructure\"");
    assertThat(report.audits()).anySatisfy(a -> assertThat(a.passed()).isTrue());
  }

  @Test
  void aPushByAnotherCloneBetweenAssessmentAndOurPushIsNeverOverwritten() throws Exception {
    other.at(AT).write("hotfix.txt", "urgent\n").commitAll("Someone else's hotfix");
    String theirs = other.rev("HEAD");
    String pinned = origin.rev("main");
    RollbackPlan plan = Rollback.plan("P3-007 emergency rollback")
        .severity(severity("critical").description("CI completely broken").when(declared("ci-broken"))
            .rollbackWithin(hours(1)).approval(single("maintainer")).procedure("emergency"))
        .emergency(procedure("emergency")
            .phase(phase("Revert")
                .step(GitSteps.commitMatching("P3-007").all().as("p3007"), GitSteps.revertAll(ref("p3007")),
                    Steps.command("git", "-C", other.dir().toString(), "push", "-q", "origin", "main")
                        .named("another clone pushes meanwhile"),
                    GitSteps.pushWithLease("origin", branch("main")))
                .validate(GitChecks.cleanWorkTree())))
        .build();
    RollbackReport report;
    try (RollbackExecutor executor = executor()) {
      report = executor.run(plan, RunOptions.defaults().withDeclared("ci-broken").withEmergency());
    }
    assertThat(report.status()).isNotEqualTo(RunStatus.SUCCEEDED);
    RollbackReport.StepReport push = report.steps().stream().filter(s -> s.kind().equals(GitSteps.PUSH))
        .findFirst().orElseThrow();
    assertThat(push.status()).isEqualTo(StepStatus.FAILED);
    assertThat(push.error()).hasValueSatisfying(e -> assertThat(e)
        .contains("expected refs/heads/main at " + pinned).contains("origin has it at " + theirs));
    assertThat(origin.rev("main")).as("the remote keeps the other push").isEqualTo(theirs);
    assertThat(report.audits()).anySatisfy(a -> assertThat(a.passed()).isTrue());
  }

  private String journalText() throws IOException {
    try (Stream<Path> files = Files.walk(journal)) {
      return files.filter(Files::isRegularFile).map(p -> {
        try {
          return Files.readString(p);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).collect(Collectors.joining("\n"));
    }
  }
}
