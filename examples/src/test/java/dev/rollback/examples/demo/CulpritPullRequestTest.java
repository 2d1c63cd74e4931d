package dev.rollback.examples.demo;

import static dev.rollback.Rollback.branch;
import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static dev.rollback.Rollback.template;
import static dev.rollback.github.GitHubSignals.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Command;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.git.Culprits;
import dev.rollback.git.GitAdapter;
import dev.rollback.git.GitBisect;
import dev.rollback.git.GitChecks;
import dev.rollback.git.GitSteps;
import dev.rollback.github.GitHubAdapter;
import dev.rollback.github.GitHubChecks;
import dev.rollback.github.GitHubSteps;
import dev.rollback.github.GitHubTarget;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.ManualClock;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import dev.rollback.run.event.RunEvent;
import dev.rollback.testkit.FakeGitHub;
import dev.rollback.testkit.FakePullRequest;
import dev.rollback.testkit.FakeRepository;
import dev.rollback.testkit.RunScript;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where main is protected the revert goes out as a pull request: a branch, the revert with its trailers, the proof
 * that the probe passes on it, a push of that branch only, and a pull request on the simulated GitHub (contract-checked)
 * with the evidence and the culprit's author; main is not pushed.
 */
class CulpritPullRequestTest {

  private static final String TOKEN = "ghp_culpritPullRequestTestToken0123456789";

  @TempDir
  Path dir;

  @Test
  void aProtectedBranchGetsAPullRequestAndNothingIsPushedToIt() throws Exception {
    CulpritDemo.History h = CulpritDemo.History.write(dir.resolve("origin.git"), dir.resolve("work"), 99L);
    String mainBefore = h.commits.get(CulpritDemo.COMMITS - 1);
    ManualClock clock = ManualClock.at(h.time(CulpritDemo.COMMITS - 1).plus(Duration.ofMinutes(30)));
    Command test = Command.of("make", "test");
    RollbackPlan plan = Rollback.plan("revert by pull request")
        .severity(severity("high").when(declared("ci-red")).rollbackWithin(hours(4)).approval(single("maintainer")))
        .checklist(GitHubChecks.suspects(workflow("ci.yml").onBranch("main")).as("suspects"),
            GitBisect.range(ref("suspects")).probe(test).check().as("culprit"),
            Culprits.guardrails().check(ref("culprit")))
        .procedure(procedure("pull request")
            .phase(phase("revert on a branch")
                .step(GitSteps.checkoutNewBranch(branch("revert-culprit")),
                    Culprits.revert(ref("culprit"), "CI history + git bisect").as("revert"))
                .validate(Culprits.probePasses("HEAD", test)))
            .phase(phase("propose")
                .step(GitSteps.push("origin", branch("revert-culprit")),
                    GitHubSteps.openPullRequest(branch("revert-culprit"), "main", "Revert the commit that broke CI",
                        template("Reverts {{culprit}} (\"{{revert.subject}}\"), found from CI history and"
                            + " bisection; the probe passes on the revert. cc {{revert.author}}")).as("pr"))
                .validate(GitChecks.commitExists("HEAD"))))
        .build();
    RollbackReport report;
    try (FakeGitHub fake = FakeGitHub.builder().clock(clock).requireToken(TOKEN).start()) {
      FakeRepository repo = fake.repository("acme/sample-service");
      repo.branch("main", mainBefore);
      for (int i = h.lastGreen - 80; i <= h.lastGreen; i += 40) {
        repo.workflow("ci.yml").newRun().branch("main").headSha(h.commits.get(i))
            .createdAt(h.time(i).plus(Duration.ofMinutes(1))).script(RunScript.succeedsAfter(Duration.ofMinutes(5)))
            .create();
      }
      repo.workflow("ci.yml").newRun().branch("main").headSha(h.commits.get(h.firstRed))
          .createdAt(h.time(h.firstRed).plus(Duration.ofMinutes(1)))
          .script(RunScript.failsAfter(Duration.ofMinutes(5))).create();
      GitHubAdapter github = GitHubAdapter.builder(GitHubTarget.of("acme/sample-service").baseUrl(fake.baseUrl()))
          .token(TOKEN).clock(clock).sleeper(clock).build();
      try (RollbackExecutor executor = RollbackExecutor.builder().workspace(h.work)
          .adapter(GitAdapter.open(h.work)).adapter(github)
          .journal(Journal.directory(dir.resolve("journal"))).approver(Approvers.automatic("lead", "test"))
          .listener(e -> mirror(e, dir.resolve("origin.git"), repo))
          .clock(clock).sleeper(clock).build()) {
        report = executor.run(plan, RunOptions.defaults().withDeclared("ci-red"));
      }
      fake.assertNoViolations();
      assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
      String culprit = h.commits.get(h.culprit);
      assertThat(report.outputs()).containsEntry("culprit", culprit);
      assertThat(repo.pullRequests()).hasSize(1);
      FakePullRequest pr = repo.pullRequests().get(0);
      assertThat(pr.toString() + " " + pr.body()).contains("Reverts " + culprit)
          .contains("cc Casey Culprit <casey@example.invalid>");
      assertThat(repo.branchHead("main")).hasValue(mainBefore);
    }
    try (Repository origin = new FileRepositoryBuilder().setGitDir(dir.resolve("origin.git").toFile()).build()) {
      assertThat(origin.resolve("refs/heads/main").name()).isEqualTo(mainBefore);
      assertThat(origin.parseCommit(origin.resolve("refs/heads/revert-culprit")).getFullMessage())
          .contains("Reverts: " + h.commits.get(h.culprit));
    }
  }

  /** GitHub receiving a push: the simulated repository's branches follow origin's. */
  private static void mirror(RunEvent e, Path origin, FakeRepository repo) {
    if (!(e instanceof RunEvent.StepApplied)) {
      return;
    }
    try (Repository r = new FileRepositoryBuilder().setGitDir(origin.toFile()).build()) {
      for (Ref ref : r.getRefDatabase().getRefsByPrefix("refs/heads/")) {
        repo.branch(ref.getName().substring("refs/heads/".length()), ref.getObjectId().name());
      }
    } catch (java.io.IOException x) {
      throw new java.io.UncheckedIOException(x);
    }
  }
}
