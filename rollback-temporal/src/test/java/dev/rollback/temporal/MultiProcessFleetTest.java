package dev.rollback.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.temporal.internal.FleetWorkflowImpl;
import dev.rollback.temporal.internal.PlanWorkflowImpl;
import dev.rollback.temporal.testserver.TestServerProcess;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporal's test server and two worker processes; one worker is killed with SIGKILL in the middle of a 20-target
 * fleet, the other finishes it. Every target is reverted exactly once (revert commits counted on each bare origin),
 * no commit is lost, one notification per target; the histories recorded replay without non-determinism.
 */
class MultiProcessFleetTest {

  @TempDir Path dir;

  static String classPath() throws Exception {
    Path base = Path.of(System.getProperty("rollback.temporal.basedir", "."));
    String deps = Files.readString(base.resolve("target/test-classpath.txt")).strip();
    return base.resolve("target/test-classes").toAbsolutePath() + File.pathSeparator
        + base.resolve("target/classes").toAbsolutePath() + File.pathSeparator + deps;
  }

  @Test
  void aWorkerKilledMidFleetLosesNothingAndRepeatsNothing() throws Exception {
    List<FleetTarget> targets = Repos.fleet(dir.resolve("fleet"), 20, Set.of(7));
    Map<String, Set<String>> originsBefore = new HashMap<>();
    Map<String, Set<String>> clonesBefore = new HashMap<>();
    for (FleetTarget t : targets) {
      originsBefore.put(t.name(), Repos.allCommits(Repos.origin(t)));
      clonesBefore.put(t.name(), Repos.allCommits(Path.of(t.repository())));
    }
    Path notifications = dir.resolve("notifications");
    String cp = classPath();
    Path logs = dir.resolve("logs");
    try (TestServerProcess server = TestServerProcess.startServer(cp, logs.resolve("server.log"))) {
      Process w1 = TestServerProcess.java(cp, TestWorkerMain.class.getName(), List.of(server.address(), "w1",
          notifications.toString()), logs.resolve("w1.log"), List.of());
      Process w2 = TestServerProcess.java(cp, TestWorkerMain.class.getName(), List.of(server.address(), "w2",
          notifications.toString()), logs.resolve("w2.log"), List.of());
      try (FleetClient fleets = FleetClient.connect(server.address(), "default")) {
        TestServerProcess.awaitLine(w1, logs.resolve("w1.log"), "WORKER READY", 120_000);
        TestServerProcess.awaitLine(w2, logs.resolve("w2.log"), "WORKER READY", 120_000);
        FleetSpec spec = FleetSpec.builder("fleet-mp", "slow-revert", TestPlans.SLOW_REVERT.hash(),
            TestPlans.SLOW_REVERT.name()).targets(targets).canary(2).concurrency(4).maxFailureShare(0.25)
            .deadline(Duration.ofHours(1)).takeover(Duration.ofSeconds(2)).build();
        fleets.start(spec);
        assertThat(fleets.report("fleet-mp").state()).isEqualTo(FleetState.WAITING_APPROVAL);
        fleets.approve("fleet-mp", "alice");

        // Past the canary wave, kill the worker that has an activity of a target in flight (started, not finished);
        // the other one finishes the fleet.
        long end = System.currentTimeMillis() + 180_000;
        String inFlight = null;
        while (inFlight == null && System.currentTimeMillis() < end) {
          FleetReport now = fleets.report("fleet-mp");
          if (now.state().finished()) {
            break;
          }
          if (now.rows().stream().filter(r -> r.outcome().finished()).count() >= 2) {
            inFlight = inFlightOn(fleets, now);
          }
        }
        assertThat(inFlight).as("an activity in flight on a worker before the fleet ended").isNotNull();
        Process victim = inFlight.startsWith("w1") ? w1 : w2;
        victim.destroyForcibly();
        assertThat(victim.waitFor()).isEqualTo(137);

        FleetReport r = fleets.await("fleet-mp", Duration.ofMinutes(5));
        Files.writeString(dir.resolve("fleet-report.md"), r.toMarkdown());

        assertThat(r.state()).as(r.toMarkdown()).isEqualTo(FleetState.DONE_WITH_FAILURES);
        int retried = 0;
        for (FleetTarget t : targets) {
          TargetReport row = r.row(t.name());
          retried += (int) row.steps().stream().filter(s -> s.attempts() > 1).count();
          if (t.name().equals("repo-07")) {
            assertThat(row.outcome()).isEqualTo(TargetOutcome.FAILED);
            assertThat(row.evidence()).contains(Repos.REFUSAL + " repo-07");
            assertThat(Repos.revertsOnOrigin(t)).isZero();
          } else {
            assertThat(row.outcome()).as(row.toString()).isEqualTo(TargetOutcome.SUCCEEDED);
            assertThat(Repos.revertsOnOrigin(t)).as(t.name()).isEqualTo(1);
          }
          assertThat(Repos.allCommits(Repos.origin(t))).as("commits of origin " + t.name())
              .containsAll(originsBefore.get(t.name()));
          assertThat(Repos.allCommits(Path.of(t.repository()))).as("commits of clone " + t.name())
              .containsAll(clonesBefore.get(t.name()));
        }
        assertThat(retried).as("activities taken over from the killed worker (" + inFlight + ")").isPositive();
        System.out.println("killed " + inFlight + " in flight; " + retried + " retried attempt(s)");
        try (Stream<Path> files = Files.list(notifications)) {
          assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).hasSize(20)
              .allMatch(n -> n.startsWith("fleet-mp-repo-"));
        }

        // Replay every recorded history (the fleet and its 20 targets) against the workflow code.
        Path histories = dir.resolve("histories");
        Files.createDirectories(histories);
        record(fleets, "fleet-mp", histories);
        for (FleetTarget t : targets) {
          record(fleets, "fleet-mp/" + t.name(), histories);
        }
        try (Stream<Path> files = Files.list(histories)) {
          for (Path h : files.toList()) {
            String id = h.getFileName().toString().replace(".json", "").replace("__", "/");
            Replays.replay(WorkflowExecutionHistory.fromJson(Files.readString(h), id),
                FleetWorkflowImpl.class, PlanWorkflowImpl.class);
          }
        }
        copyForReplayTest(histories);
      } finally {
        TestServerProcess.stop(w2);
        TestServerProcess.stop(w1);
      }
    }
  }

  /** A started activity of a running target, as "worker target: type"; or null. */
  private static String inFlightOn(FleetClient fleets, FleetReport report) {
    for (TargetReport row : report.rows()) {
      if (row.outcome() != TargetOutcome.RUNNING) {
        continue;
      }
      var d = fleets.workflowClient().getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
          io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
              .setExecution(io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                  .setWorkflowId("fleet-mp/" + row.target())).build());
      for (var a : d.getPendingActivitiesList()) {
        if (a.getState() == io.temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
            && (a.getLastWorkerIdentity().equals("w1") || a.getLastWorkerIdentity().equals("w2"))) {
          return a.getLastWorkerIdentity() + " " + row.target() + ": " + a.getActivityType().getName();
        }
      }
    }
    return null;
  }

  private static void record(FleetClient fleets, String id, Path dir) throws Exception {
    Files.writeString(dir.resolve(id.replace("/", "__") + ".json"), fleets.workflowClient().fetchHistory(id)
        .toJson(false), StandardCharsets.UTF_8);
  }

  /** With -Drollback.temporal.recordHistories=DIR, keeps the fleet's and two targets' histories for ReplayTest. */
  private static void copyForReplayTest(Path histories) throws Exception {
    String to = System.getProperty("rollback.temporal.recordHistories", "");
    if (to.isEmpty()) {
      return;
    }
    Files.createDirectories(Path.of(to));
    for (String n : List.of("fleet-mp", "fleet-mp__repo-00", "fleet-mp__repo-07")) {
      Files.copy(histories.resolve(n + ".json"), Path.of(to, n + ".json"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
