package dev.rollback.examples;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.role;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Check;
import dev.rollback.Phase;
import dev.rollback.Procedure;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.examples.sandbox.Sandbox;
import dev.rollback.examples.sandbox.SandboxSpec;
import dev.rollback.git.GitAdapter;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.ManualClock;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Git parts of the P3-007 plan, run by the executor against the demo's sandbox (a generated history with the
 * two P3-007 commits and a bare origin): the configuration rollback and the emergency's revert and leased push.
 */
class P3007GitPartsTest {

  private static final RollbackPlan PLAN = P3007Plan.plan();
  private static final Instant AT = Instant.parse("2026-01-05T12:00:00Z");

  @TempDir
  Path dir;

  /** The plan's Git checklist items, the checks the Git adapter evaluates. */
  private static Check[] gitChecklist() {
    return PLAN.readinessChecks().stream().filter(c -> c.kind().startsWith("git.")).toArray(Check[]::new);
  }

  private RollbackReport run(Sandbox sandbox, RollbackPlan plan, RunOptions options) {
    ManualClock clock = ManualClock.at(AT);
    try (RollbackExecutor executor = RollbackExecutor.builder()
        .workspace(sandbox.work())
        .adapter(GitAdapter.open(sandbox.work()))
        .journal(Journal.directory(dir.resolve("journal")))
        .approver(Approvers.automatic("release-engineer", "sandbox drill"))
        .clock(clock)
        .sleeper(clock)
        .build()) {
      return executor.run(plan, options);
    }
  }

  @Test
  void theConfigurationRollbackRestoresTheCiConfigurationOnARollbackBranchAndPushesIt() throws Exception {
    Sandbox sandbox = Sandbox.create(dir.resolve("sandbox"), SandboxSpec.demo());
    RollbackPlan plan = Rollback.plan("P3-007 configuration rollback")
        .severity(severity("high").description("P3-007 broke CI").when(declared("drill"))
            .rollbackWithin(hours(24)).approval(role("team-lead")).procedure("configuration"))
        .checklist(gitChecklist())
        .procedure(PLAN.procedure("configuration").orElseThrow())
        .build();
    assertThat(plan.check().problems()).isEmpty();

    RollbackReport report = run(sandbox, plan, RunOptions.defaults().withDeclared("drill"));

    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.outputs()).containsEntry("culprit", sandbox.changeCommits().get(0));
    try (Git git = Git.open(sandbox.work().toFile())) {
      Repository repo = git.getRepository();
      assertThat(repo.getBranch()).isEqualTo("rollback-p3-007-20260105");
      for (String file : List.of(".github/workflows/ci.yml", "docker-compose.test.yml", "Dockerfile.test",
          "scripts/run_docker_tests.sh")) {
        assertThat(blob(repo, "HEAD", file)).as(file).isEqualTo(blob(repo, sandbox.stableCommit(), file));
      }
      assertThat(Files.exists(sandbox.work().resolve("docker-compose.test.yml"))).isFalse();
      assertThat(git.status().call().isClean()).isTrue();
    }
    try (Git origin = Git.open(sandbox.origin().toFile())) {
      assertThat(origin.getRepository().resolve("refs/heads/rollback-p3-007-20260105"))
          .isEqualTo(Git.open(sandbox.work().toFile()).getRepository().resolve("HEAD"));
    }
    assertThat(report.audits()).anySatisfy(a -> {
      assertThat(a.adapter()).isEqualTo("git");
      assertThat(a.passed()).isTrue();
    });
  }

  @Test
  void theEmergencyRevertsEveryP3007CommitOnMainAndPushesUnderALease() throws Exception {
    Sandbox sandbox = Sandbox.create(dir.resolve("sandbox"), SandboxSpec.demo());
    Procedure emergency = PLAN.emergency().orElseThrow();
    List<Phase> gitPhases = emergency.phases().stream()
        .filter(p -> p.steps().stream().allMatch(s -> s.kind().startsWith("git.")))
        .collect(Collectors.toList());
    assertThat(gitPhases).extracting(Phase::name)
        .containsExactly("Revert to last known good state", "Force push (emergency only)");
    RollbackPlan plan = Rollback.plan("P3-007 emergency rollback")
        .severity(severity("critical").description("CI completely broken").when(declared("ci-broken"))
            .rollbackWithin(hours(1)).approval(single("maintainer")).procedure("emergency"))
        .checklist(gitChecklist())
        .emergency(procedure("emergency").phase(gitPhases.toArray(new Phase[0])))
        .build();
    assertThat(plan.check().problems()).isEmpty();

    RollbackReport report = run(sandbox, plan, RunOptions.defaults().withDeclared("ci-broken").withEmergency());

    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    try (Git git = Git.open(sandbox.work().toFile()); Git origin = Git.open(sandbox.origin().toFile())) {
      Repository repo = git.getRepository();
      try (RevWalk walk = new RevWalk(repo)) {
        RevCommit head = walk.parseCommit(repo.resolve("HEAD"));
        RevCommit stable = walk.parseCommit(ObjectId.fromString(sandbox.stableCommit()));
        assertThat(head.getTree()).as("main's files are the stable commit's again").isEqualTo(stable.getTree());
        assertThat(head.getShortMessage()).isEqualTo("Revert \"P3-007: Add Docker test infrastructure\"");
      }
      assertThat(origin.getRepository().resolve("refs/heads/main")).isEqualTo(repo.resolve("HEAD"));
    }
  }

  private static String blob(Repository repo, String rev, String path) throws Exception {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(repo.resolve(rev));
      try (TreeWalk tw = TreeWalk.forPath(repo, path, c.getTree())) {
        return tw == null ? "absent" : tw.getObjectId(0).name();
      }
    }
  }
}
