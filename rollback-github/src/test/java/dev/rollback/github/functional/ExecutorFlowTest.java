package dev.rollback.github.functional;

import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.message;
import static dev.rollback.Rollback.minutes;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.ref;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static dev.rollback.Rollback.trigger;
import static dev.rollback.github.GitHubSignals.lastRuns;
import static dev.rollback.github.GitHubSignals.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.NotificationEvent;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Signal;
import dev.rollback.github.GitHubApprover;
import dev.rollback.github.GitHubChecks;
import dev.rollback.github.GitHubNotifier;
import dev.rollback.github.GitHubSignals;
import dev.rollback.github.GitHubSteps;
import dev.rollback.github.RunFilter;
import dev.rollback.github.testing.GitHubFixture;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Journal;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.testkit.FakeIssue;
import dev.rollback.testkit.FakeRun;
import dev.rollback.testkit.RunScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small plan with GitHub signals, checks, steps, approvals and notifications, run by the real executor against
 * the fake: assessment, decision, approval by comment, emergency procedure, verification, notification.
 */
class ExecutorFlowTest {

  @RegisterExtension
  final GitHubFixture gh = new GitHubFixture();

  @TempDir
  Path work;

  private final RunFilter ci = workflow("ci.yml").onBranch("main");
  private final Signal rate = GitHubSignals.successRate(ci, lastRuns(10)).named("ci_success_rate");

  private RollbackPlan plan() {
    return Rollback.plan("CI rollback")
        .trigger("ci-unreliable", "CI success rate below 95%", rate.below(0.95))
        .severity(severity("critical").description("CI broken").when(trigger("ci-unreliable"))
            .rollbackWithin(hours(1)).approval(single("maintainer")).procedure("emergency"))
        .assess(rate, GitHubSignals.runsInProgress(ci).named("ci_runs_in_progress"))
        .checklist(GitHubChecks.lastSuccessfulCommit(ci).as("lastGreen"))
        .procedure(procedure("emergency")
            .phase(phase("Stop CI")
                .step(GitHubSteps.cancelRuns(ci).named("cancel CI"))
                .validate(GitHubChecks.noRunsInProgress(ci)))
            .phase(phase("Verify CI")
                .step(GitHubSteps.dispatch("ci.yml", "main").named("run CI").as("ciRun"),
                    GitHubSteps.awaitRun(ref("ciRun"), minutes(10)).named("await CI"))
                .validate(GitHubChecks.ciPassing(ci))))
        .verify(GitHubChecks.ciPassing(ci).named("CI passes"))
        .communicate(message("rolled-back").on(NotificationEvent.ROLLBACK_COMPLETED).title("CI rolled back")
            .body("Rolled back because {{reason}}.").via("github-issue"))
        .build();
  }

  @Test
  void aPlanWithGitHubStepsRunsThroughTheExecutor() throws Exception {
    gh.ci.seedHistory("main", Duration.ofMinutes(6), "success", "failure", "failure", "success", "failure");
    FakeRun running = gh.ci.newRun().script(RunScript.neverFinishes()).create();
    FakeRun queued = gh.ci.newRun().script(RunScript.staysQueued()).create();
    gh.ci.onDispatch(RunScript.succeedsAfter(Duration.ofMinutes(4)));
    gh.repo.collaborator("maria", "maintain").collaborator("dude", "read");
    FakeIssue incidents = gh.repo.openIssue("CI incidents", "Votes on rollbacks go here.", "maria");
    gh.github.beforeNext("issues/list-comments", () -> incidents.comment("dude", "/approve"));
    gh.github.beforeNext("issues/list-comments", () -> incidents.comment("maria", "/approve"));
    RollbackPlan plan = plan();
    assertThat(plan.check().problems()).isEmpty();

    RollbackReport report;
    try (RollbackExecutor executor = RollbackExecutor.builder()
        .workspace(work)
        .adapter(gh.adapter)
        .journal(Journal.directory(work.resolve(".rollback")))
        .approver(GitHubApprover.on(gh.adapter).issue(incidents.number()).build())
        .notifier("github-issue", GitHubNotifier.issuePerRun(gh.adapter, "rollback"))
        .clock(gh.clock)
        .sleeper(gh.clock)
        .build()) {
      report = executor.run(plan);
    }

    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.decision().orElseThrow().severity()).hasValue("critical");
    assertThat(report.snapshot()).anySatisfy(m -> {
      assertThat(m.signal()).isEqualTo("ci_success_rate");
      assertThat(m.number()).hasValue(0.4);
    });
    assertThat(report.approvals()).singleElement().satisfies(a -> {
      assertThat(a.granted()).isTrue();
      assertThat(a.votes()).singleElement().satisfies(v -> {
        assertThat(v.person()).isEqualTo("maria");
        assertThat(v.via()).isEqualTo("github-comment");
      });
    });
    assertThat(List.of(running, queued)).allSatisfy(r -> assertThat(r.conclusion()).hasValue("cancelled"));
    FakeRun dispatched = gh.ci.runs().get(gh.ci.runs().size() - 1);
    assertThat(dispatched.event()).isEqualTo("workflow_dispatch");
    assertThat(dispatched.conclusion()).hasValue("success");
    assertThat(report.step("run CI").orElseThrow().outputs().toString()).contains(Long.toString(dispatched.id()));
    assertThat(report.verification()).singleElement().satisfies(c -> assertThat(c.passed()).isTrue());
    assertThat(report.notifications()).singleElement().satisfies(n -> {
      assertThat(n.delivered()).isTrue();
      assertThat(n.location().orElseThrow()).isEqualTo(gh.github.baseUrl() + "/acme/shop/issues/2");
    });
    assertThat(gh.repo.issue(2).title()).isEqualTo("CI rolled back");

    String journal;
    try (Stream<Path> files = Files.walk(work.resolve(".rollback"))) {
      journal = files.filter(Files::isRegularFile).map(p -> {
        try {
          return Files.readString(p);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).collect(Collectors.joining("\n"));
    }
    assertThat(journal).contains("github.cancelRuns").doesNotContain(GitHubFixture.TOKEN);
    assertThat(report.toJson()).doesNotContain(GitHubFixture.TOKEN);
    assertThat(report.toMarkdown()).doesNotContain(GitHubFixture.TOKEN);
  }
}
