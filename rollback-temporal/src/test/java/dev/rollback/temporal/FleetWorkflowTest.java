package dev.rollback.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.run.Notifiers;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleets and plan runs on Temporal's in-process test environment (time skipping), over real repositories with bare
 * origins: approvals by signal, a missed deadline, compensation, waves, the failure-share stop, abort.
 */
class FleetWorkflowTest {

  @TempDir Path dir;
  private TestWorkflowEnvironment env;
  private FleetClient fleets;
  private Path notifications;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(FleetWorker.TASK_QUEUE, FleetWorker.workerOptions(false));
    notifications = dir.resolve("notifications");
    FleetWorker.builder(env.getWorkflowClient()).plans(TestPlans::load).adapters(TestPlans::adapters)
        .notifier("files", Notifiers.markdownFiles(notifications)).registerOn(worker);
    env.start();
    fleets = FleetClient.of(env.getWorkflowClient(), FleetWorker.TASK_QUEUE);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private FleetSpec.Builder spec(String id, String plan, List<FleetTarget> targets) {
    return FleetSpec.builder(id, plan, TestPlans.load(plan).hash(), TestPlans.load(plan).name()).targets(targets);
  }

  private long notificationsSent() throws Exception {
    if (!Files.isDirectory(notifications)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(notifications)) {
      return s.filter(p -> p.toString().endsWith(".md")).count();
    }
  }

  @Test
  void waitsForTheApprovalSignalThenRevertsEveryTarget() throws Exception {
    List<FleetTarget> targets = Repos.fleet(dir, 3, Set.of());
    fleets.start(spec("fleet-approve", "revert", targets).canary(1).concurrency(2).deadline(Duration.ofHours(24))
        .build());
    env.sleep(Duration.ofHours(5));
    FleetReport waiting = fleets.report("fleet-approve");
    assertThat(waiting.state()).isEqualTo(FleetState.WAITING_APPROVAL);
    assertThat(waiting.rows()).allMatch(r -> r.outcome() == TargetOutcome.NOT_STARTED);
    for (FleetTarget t : targets) {
      assertThat(Repos.revertsOnOrigin(t)).isZero();
    }

    fleets.approve("fleet-approve", "alice");
    FleetReport done = fleets.await("fleet-approve", Duration.ofMinutes(2));

    assertThat(done.state()).isEqualTo(FleetState.SUCCEEDED);
    assertThat(done.approvedBy()).isEqualTo("alice");
    for (FleetTarget t : targets) {
      TargetReport row = done.row(t.name());
      assertThat(row.outcome()).as(row.toString()).isEqualTo(TargetOutcome.SUCCEEDED);
      assertThat(Repos.revertsOnOrigin(t)).isEqualTo(1);
      assertThat(row.revertCommit()).isEqualTo(Repos.git(Repos.origin(t), "rev-parse", "main~0").strip());
      assertThat(row.evidence()).contains("pushed").contains("audit passed");
      assertThat(row.approvedBy()).isEqualTo("alice");
    }
    assertThat(notificationsSent()).isEqualTo(3);
    String md = done.toMarkdown();
    assertThat(md).startsWith("# Fleet fleet-approve").contains("```mermaid\ngantt").contains("| repo-02 | SUCCEEDED |")
        .contains("State: **SUCCEEDED**").contains("(met)");
  }

  @Test
  void aMissedDeadlineLeavesEveryTargetUntouched() throws Exception {
    List<FleetTarget> targets = Repos.fleet(dir, 2, Set.of());
    String before = Repos.git(Repos.origin(targets.get(0)), "rev-parse", "main");
    fleets.start(spec("fleet-late", "revert", targets).deadline(Duration.ofHours(2)).build());

    FleetReport r = fleets.await("fleet-late", Duration.ofMinutes(1));

    assertThat(r.state()).isEqualTo(FleetState.DEADLINE_MISSED);
    assertThat(r.endedAtMillis() - r.startedAtMillis()).isBetween(Duration.ofHours(2).toMillis(),
        Duration.ofHours(2).plusMinutes(1).toMillis());
    assertThat(r.rows()).allSatisfy(row -> {
      assertThat(row.outcome()).isEqualTo(TargetOutcome.NOT_STARTED);
      assertThat(row.evidence()).startsWith("left untouched: no approval before the deadline");
    });
    assertThat(Repos.git(Repos.origin(targets.get(0)), "rev-parse", "main")).isEqualTo(before);
    assertThat(notificationsSent()).isZero();
  }

  @Test
  void aPlanRunWaitsForItsApprovalUnderItsDeadline() throws Exception {
    FleetTarget t = Repos.fleet(dir, 1, Set.of()).get(0);
    long deadline = env.currentTimeMillis() + Duration.ofHours(1).toMillis();
    fleets.startRun("run-late", new TargetRun("run-late", "revert", TestPlans.REVERT.hash(), "", t, true, "",
        deadline, 0, 0));
    TargetReport late = fleets.awaitRun("run-late", Duration.ofMinutes(1));
    assertThat(late.outcome()).isEqualTo(TargetOutcome.DEADLINE_MISSED);
    assertThat(Repos.revertsOnOrigin(t)).isZero();

    deadline = env.currentTimeMillis() + Duration.ofHours(1).toMillis();
    fleets.startRun("run-approved", new TargetRun("run-approved", "revert", TestPlans.REVERT.hash(), "", t, true,
        "", deadline, 0, 0));
    env.sleep(Duration.ofMinutes(30));
    assertThat(fleets.runReport("run-approved").outcome()).isEqualTo(TargetOutcome.WAITING_APPROVAL);
    fleets.approveRun("run-approved", "bob");
    TargetReport ok = fleets.awaitRun("run-approved", Duration.ofMinutes(1));
    assertThat(ok.outcome()).as(ok.toString()).isEqualTo(TargetOutcome.SUCCEEDED);
    assertThat(ok.approvedBy()).isEqualTo("bob");
    assertThat(Repos.revertsOnOrigin(t)).isEqualTo(1);
    assertThat(ok.steps()).extracting(StepRecord::name).contains("Find the bad CI change", "audit");
  }

  @Test
  void aFailedPhaseThatCompensatesUndoesItsRevert() throws Exception {
    FleetTarget t = Repos.fleet(dir, 1, Set.of()).get(0);
    Path clone = Path.of(t.repository());
    String head = Repos.git(clone, "rev-parse", "HEAD");
    Set<String> commitsBefore = Repos.allCommits(clone);
    String originBefore = Repos.git(Repos.origin(t), "rev-parse", "main");

    fleets.startRun("run-undo", new TargetRun("run-undo", "revert-then-fail", TestPlans.REVERT_THEN_FAIL.hash(), "",
        t, false, "carol", env.currentTimeMillis() + 3_600_000, 0, 0));
    TargetReport r = fleets.awaitRun("run-undo", Duration.ofMinutes(1));

    assertThat(r.outcome()).as(r.toString()).isEqualTo(TargetOutcome.COMPENSATED);
    assertThat(r.evidence()).contains("step 'a check that fails' failed").contains("compensated:");
    assertThat(r.steps()).extracting(StepRecord::status).contains("APPLIED", "FAILED", "COMPENSATED");
    assertThat(Repos.git(clone, "rev-parse", "HEAD")).isEqualTo(head);
    assertThat(Repos.allCommits(clone)).containsAll(commitsBefore);
    assertThat(Repos.git(Repos.origin(t), "rev-parse", "main")).isEqualTo(originBefore);
    assertThat(notificationsSent()).isEqualTo(1);
  }

  @Test
  void theCanaryWaveRunsFirstThenTheRestUnderTheConcurrencyLimit() throws Exception {
    List<FleetTarget> targets = Repos.fleet(dir, 6, Set.of());
    fleets.start(spec("fleet-waves", "revert", targets).canary(2).concurrency(2).approvalRequired(false).build());
    FleetReport r = fleets.await("fleet-waves", Duration.ofMinutes(2));

    assertThat(r.state()).isEqualTo(FleetState.SUCCEEDED);
    long canaryEnd = Math.max(r.rows().get(0).endedAtMillis(), r.rows().get(1).endedAtMillis());
    for (TargetReport row : r.rows().subList(2, 6)) {
      assertThat(row.startedAtMillis()).as(row.target()).isGreaterThanOrEqualTo(canaryEnd);
    }
    // never more than 2 at once
    for (TargetReport a : r.rows()) {
      long overlapping = r.rows().stream().filter(b -> b.startedAtMillis() <= a.startedAtMillis()
          && b.endedAtMillis() > a.startedAtMillis()).count();
      assertThat(overlapping).as(a.target()).isLessThanOrEqualTo(2);
    }
    for (FleetTarget t : targets) {
      assertThat(Repos.revertsOnOrigin(t)).isEqualTo(1);
    }
  }

  @Test
  void aFailedCanaryStopsTheFleet() throws Exception {
    List<FleetTarget> targets = Repos.fleet(dir, 4, Set.of(1));
    fleets.start(spec("fleet-canary", "revert", targets).canary(2).approvalRequired(false).build());
    FleetReport r = fleets.await("fleet-canary", Duration.ofMinutes(2));

    assertThat(r.state()).isEqualTo(FleetState.STOPPED_AFTER_CANARY);
    assertThat(r.row("repo-01").outcome()).isEqualTo(TargetOutcome.FAILED);
    assertThat(r.row("repo-01").evidence()).contains(Repos.REFUSAL + " repo-01");
    assertThat(r.row("repo-02").outcome()).isEqualTo(TargetOutcome.NOT_STARTED);
    assertThat(r.row("repo-02").evidence()).contains("canary target repo-01 ended FAILED");
    assertThat(Repos.revertsOnOrigin(targets.get(2))).isZero();
    assertThat(Repos.revertsOnOrigin(targets.get(3))).isZero();
  }

  @Test
  void moreFailuresThanTheShareAllowedStopTheRest() throws Exception {
    List<FleetTarget> targets = Repos.fleet(dir, 10, Set.of(2, 3, 4));
    fleets.start(spec("fleet-share", "revert", targets).canary(2).concurrency(1).maxFailureShare(0.2)
        .approvalRequired(false).build());
    FleetReport r = fleets.await("fleet-share", Duration.ofMinutes(3));

    assertThat(r.state()).isEqualTo(FleetState.STOPPED_TOO_MANY_FAILURES);
    assertThat(r.failed()).isEqualTo(3);
    for (int i = 0; i < 10; i++) {
      TargetReport row = r.rows().get(i);
      if (i < 2) {
        assertThat(row.outcome()).isEqualTo(TargetOutcome.SUCCEEDED);
        assertThat(Repos.revertsOnOrigin(targets.get(i))).isEqualTo(1);
      } else if (i < 5) {
        assertThat(row.outcome()).isEqualTo(TargetOutcome.FAILED);
        assertThat(row.evidence()).contains(Repos.REFUSAL + " " + row.target());
      } else {
        assertThat(row.outcome()).isEqualTo(TargetOutcome.NOT_STARTED);
        assertThat(row.evidence()).isEqualTo("left untouched: 3 of 10 targets failed, more than the 20% allowed");
        assertThat(Repos.revertsOnOrigin(targets.get(i))).isZero();
      }
    }
    assertThat(r.toMarkdown()).contains(":crit, ").contains("STOPPED_TOO_MANY_FAILURES");
  }

  @Test
  void abortStopsRunningTargetsBeforeTheirNextStepAndStartsNoOther() throws Exception {
    List<FleetTarget> targets = Repos.fleet(dir, 4, Set.of());
    fleets.start(spec("fleet-abort", "wait-then-revert", targets).canary(0).concurrency(2).approvalRequired(false)
        .build());
    long end = System.currentTimeMillis() + 60_000;
    while (fleets.report("fleet-abort").rows().stream().filter(x -> x.outcome() == TargetOutcome.RUNNING).count() < 2
        && System.currentTimeMillis() < end) {
      Thread.sleep(50);
    }
    // the two running targets are in their hour-long wait (a durable timer) once the workflow has it scheduled
    end = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < end && !fleets.runReport("fleet-abort/repo-00").steps().stream()
        .anyMatch(s -> s.name().equals("Find the bad CI change"))) {
      Thread.sleep(50);
    }
    fleets.abort("fleet-abort");
    FleetReport r = fleets.await("fleet-abort", Duration.ofMinutes(2));

    assertThat(r.state()).isEqualTo(FleetState.ABORTED);
    assertThat(r.row("repo-00").outcome()).isEqualTo(TargetOutcome.ABORTED);
    assertThat(r.row("repo-01").outcome()).isEqualTo(TargetOutcome.ABORTED);
    assertThat(r.row("repo-02").outcome()).isEqualTo(TargetOutcome.NOT_STARTED);
    assertThat(r.row("repo-03").evidence()).isEqualTo("left untouched: the fleet was aborted");
    for (FleetTarget t : targets) {
      assertThat(Repos.revertsOnOrigin(t)).isZero();
    }
  }

  @Test
  void pauseHoldsNewTargetsUntilResume() throws Exception {
    List<FleetTarget> targets = Repos.fleet(dir, 3, Set.of());
    fleets.start(spec("fleet-pause", "revert", targets).canary(0).concurrency(1).build());
    fleets.pause("fleet-pause");
    fleets.approve("fleet-pause", "dave");
    env.sleep(Duration.ofHours(1));
    FleetReport paused = fleets.report("fleet-pause");
    assertThat(paused.state()).isEqualTo(FleetState.PAUSED);
    assertThat(paused.rows()).allMatch(x -> x.outcome() == TargetOutcome.NOT_STARTED);
    fleets.resume("fleet-pause");
    assertThat(fleets.await("fleet-pause", Duration.ofMinutes(2)).state()).isEqualTo(FleetState.SUCCEEDED);
  }
}
