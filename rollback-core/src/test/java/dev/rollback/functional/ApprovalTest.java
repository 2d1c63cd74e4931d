package dev.rollback.functional;

import static dev.rollback.Rollback.consensus;
import static dev.rollback.Rollback.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.report.RollbackReport.ApprovalOutcome;
import dev.rollback.report.RollbackReport.ApprovalReport;
import dev.rollback.report.RollbackReport.VoteReport;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.RunOptions;
import dev.rollback.run.event.RunEvent;
import dev.rollback.spi.ApprovalRequest;
import dev.rollback.spi.Vote;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No irreversible step runs without an approval that covers it; the executor counts the votes itself. */
class ApprovalTest {

  @TempDir
  Path dir;

  private static Vote vote(String person, String role, boolean approve) {
    return new Vote(person, Set.of(role), approve, Harness.T0, "test", Optional.of(approve ? "go" : "no"));
  }

  @Test
  void anIrreversibleStepWaitsForTheApprovalThatCoversIt() {
    Harness h = new Harness(dir);
    List<ApprovalRequest> asked = new ArrayList<>();
    List<List<String>> ledgerWhenAsked = new ArrayList<>();
    RollbackReport report = h.builder(h.adapter, Approvers.callback(r -> {
      asked.add(r);
      ledgerWhenAsked.add(h.ledger.lines());
      return List.of(vote("alice", "maintainer", true));
    })).build().run(TestPlans.irreversible(single("maintainer")), RunOptions.defaults().withSeverity("high"));

    assertThat(asked).hasSize(1);
    assertThat(ledgerWhenAsked.get(0)).isEmpty();
    assertThat(asked.get(0).irreversibleSteps()).containsExactly("'force' in phase 'one'");
    assertThat(asked.get(0).policy()).isEqualTo(single("maintainer"));
    assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(h.ledger.lines()).containsExactly("apply a1", "apply force");
    ApprovalReport a = report.approvals().get(0);
    assertThat(a.outcome()).isEqualTo(ApprovalOutcome.GRANTED);
    assertThat(a.votes()).extracting(VoteReport::person, VoteReport::via, VoteReport::counted)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", "test", true));
    assertThat(report.toMarkdown()).contains("approve by alice (maintainer) via test at 2026-01-01T03:00:00Z: \"go\"");
  }

  @Test
  void aDenialStopsTheRunCleanlyBeforeAnythingChanges() {
    Harness h = new Harness(dir);
    RollbackReport report = h.builder(h.adapter, Approvers.callback(r -> List.of(vote("bob", "maintainer", false))))
        .build().run(TestPlans.irreversible(single("maintainer")), RunOptions.defaults().withSeverity("high"));

    assertThat(report.status()).isEqualTo(RunStatus.NOT_APPROVED);
    assertThat(report.summary()).isEqualTo("severity 'high' was not approved: denied by bob (\"no\"); nothing more"
        + " ran");
    assertThat(h.ledger.lines()).isEmpty();
    assertThat(report.steps()).allMatch(s -> s.status() == RollbackReport.StepStatus.NOT_RUN);
    assertThat(report.checklist()).isEmpty();
    assertThat(h.adapter.calls).containsExactly("onRunStart", "onRunEnd");
    assertThat(h.events(RunEvent.ApprovalDenied.class)).hasSize(1);
    assertThat(report.audits()).hasSize(1);
  }

  @Test
  void aQuorumCountsDistinctPeopleHoldingTheRoles() throws Exception {
    Harness h = new Harness(dir);
    RollbackReport sameTwice = h.builder(h.adapter, Approvers.callback(r -> List.of(vote("alice", "maintainer", true),
        vote(" Alice ", "team-lead", true), vote("carol", "developer", true)))).build()
        .run(TestPlans.irreversible(consensus(2, "maintainer", "team-lead")), RunOptions.defaults()
            .withSeverity("high"));

    assertThat(sameTwice.status()).isEqualTo(RunStatus.NOT_APPROVED);
    ApprovalReport a = sameTwice.approvals().get(0);
    assertThat(a.outcome()).isEqualTo(ApprovalOutcome.EXPIRED);
    assertThat(a.explanation()).startsWith("1 of 2 approvals from distinct people holding maintainer or team-lead");
    assertThat(a.votes().stream().map(v -> v.counted() + " " + v.note().orElse("")).collect(Collectors.toList()))
        .containsExactly("true ", "false  Alice  already approved; counted once",
            "false carol holds none of the roles maintainer, team-lead (holds developer)");
    assertThat(h.ledger.lines()).isEmpty();

    Harness h2 = new Harness(java.nio.file.Files.createDirectories(dir.resolve("two")));
    RollbackReport two = h2.builder(h2.adapter, Approvers.callback(r -> List.of(vote("alice", "maintainer", true),
        vote("bob", "team-lead", true)))).build()
        .run(TestPlans.irreversible(consensus(2, "maintainer", "team-lead")), RunOptions.defaults()
            .withSeverity("high"));
    assertThat(two.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(two.approvals().get(0).explanation()).isEqualTo(
        "approved by alice, bob under team consensus (2 of maintainer, team-lead)");
  }

  @Test
  void anEmergencyForcedUnderTeamDiscretionStillNeedsPeopleForItsIrreversibleSteps() {
    Harness h = new Harness(dir);
    List<ApprovalRequest> asked = new ArrayList<>();
    RollbackReport report = h.builder(h.adapter, Approvers.callback(r -> {
      asked.add(r);
      return List.of(vote("alice", "maintainer", true));
    })).build().run(TestPlans.emergencyUnderDiscretion(), RunOptions.defaults().withSeverity("low")
        .withEmergency());

    assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.approvals()).extracting(ApprovalReport::scope, ApprovalReport::outcome).containsExactly(
        org.assertj.core.groups.Tuple.tuple("severity 'low'", ApprovalOutcome.AUTOMATIC),
        org.assertj.core.groups.Tuple.tuple("the irreversible steps of procedure 'emergency'", ApprovalOutcome.GRANTED));
    assertThat(asked).hasSize(1);
    assertThat(asked.get(0).policy()).isEqualTo(single("maintainer"));
    assertThat(asked.get(0).irreversibleSteps()).containsExactly("'cancel' in phase 'fast'");
    assertThat(report.approvals().get(0).explanation()).isEqualTo("team discretion: granted without asking anyone");
  }

  @Test
  void aStepWithItsOwnApprovalIsAskedRightBeforeItRuns() {
    Harness h = new Harness(dir);
    List<List<String>> ledgerWhenAsked = new ArrayList<>();
    RollbackReport report = h.builder(h.adapter, Approvers.callback(r -> {
      ledgerWhenAsked.add(h.ledger.lines());
      return List.of(vote("rita", "release-manager", true));
    })).build().run(TestPlans.stepApproval(), RunOptions.defaults().withSeverity("medium"));

    assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(ledgerWhenAsked).containsExactly(List.of("apply a1"));
    assertThat(report.approvals()).extracting(ApprovalReport::scope).containsExactly("severity 'medium'",
        "step 'push'");
  }

  @Test
  void aStepWhoseOwnApprovalIsDeniedDoesNotRunAndTheRunStopsThere() {
    Harness h = new Harness(dir);
    RollbackReport report = h.builder(h.adapter, Approvers.callback(r -> List.of(vote("rita", "release-manager",
        false)))).build().run(TestPlans.stepApproval(), RunOptions.defaults().withSeverity("medium"));

    assertThat(report.status()).isEqualTo(RunStatus.NOT_APPROVED);
    assertThat(h.ledger.lines()).containsExactly("apply a1");
    assertThat(report.step("push").get().status()).isEqualTo(RollbackReport.StepStatus.NOT_RUN);
    assertThat(report.phase("one").get().status()).isEqualTo(RollbackReport.PhaseStatus.FAILED);
    assertThat(report.phase("one").get().failure()).hasValue("step 'push' was not approved: denied by rita"
        + " (\"no\"); nothing more ran");
    assertThat(report.compensation()).isEmpty();
  }

  /**
   * With the console approver and standard input at its end, a run used to end NOT_APPROVED "before the request
   * expired at" a time 15 minutes ahead; now it says nobody can answer and what to do, without waiting.
   */
  @Test
  void aConsoleWithStandardInputAtItsEndSaysNobodyCanAnswerWithoutWaiting() {
    Harness h = new Harness(dir);
    java.io.ByteArrayOutputStream asked = new java.io.ByteArrayOutputStream();
    RollbackReport report = h.builder(h.adapter, Approvers.console(java.io.InputStream.nullInputStream(),
        new java.io.PrintStream(asked, true, java.nio.charset.StandardCharsets.UTF_8))).build()
        .run(TestPlans.irreversible(single("maintainer")), RunOptions.defaults().withSeverity("high"));

    assertThat(report.status()).isEqualTo(RunStatus.NOT_APPROVED);
    assertThat(report.summary()).isEqualTo("severity 'high' was not approved: nobody can answer: standard input is at"
        + " its end (no terminal to ask on); run it where someone can answer, or approve another way (the launcher's"
        + " --yes approves as you); nothing more ran");
    assertThat(report.summary()).doesNotContain("expired");
    assertThat(h.clock.instant()).isEqualTo(Harness.T0);
    assertThat(h.ledger.lines()).isEmpty();
  }

  @Test
  void withoutAnApproverAnApprovalThatNeedsPeopleExpiresAndSaysWhy() {
    Harness h = new Harness(dir);
    RollbackReport report = dev.rollback.run.RollbackExecutor.builder().workspace(dir).clock(h.clock)
        .journal(dev.rollback.run.Journal.inMemory()).adapter(h.adapter).build()
        .run(TestPlans.irreversible(single("maintainer")), RunOptions.defaults().withSeverity("high"));

    assertThat(report.status()).isEqualTo(RunStatus.NOT_APPROVED);
    assertThat(report.approvals().get(0).explanation()).isEqualTo(
        "no approver is configured; register one with RollbackExecutor.builder().approver(...)");
    assertThat(h.ledger.lines()).isEmpty();
  }
}
