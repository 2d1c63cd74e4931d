package dev.rollback.functional;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.minutes;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static dev.rollback.Rollback.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Checks;
import dev.rollback.Command;
import dev.rollback.Effect;
import dev.rollback.NotificationEvent;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Signal;
import dev.rollback.Signals;
import dev.rollback.Unit;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Journal;
import dev.rollback.run.Preview;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import dev.rollback.run.event.RunEvent;
import dev.rollback.spi.CheckResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assessment measures every signal once, the decision matrix decides from it, condition checks evaluate the
 * plan's conditions, and monitoring watches after the rollback: all through the core signal sources, for real.
 */
class DecisionTest {

  @TempDir
  Path dir;

  /** A command that reads the success rate from a file, and counts how often it was measured. */
  static final Signal RATE = Signals.commandNumber(Command.of("sh", "-c", "echo x >> measured; cat rate"),
      "([0-9.]+)", Unit.RATIO).named("ci_success_rate");

  static RollbackPlan plan() {
    return Rollback.plan("decided by the matrix")
        .trigger("ci-broken", "CI completely broken", RATE.atMost(0))
        .trigger("unreliable", "Test reliability below 95%", RATE.below(0.95))
        .severity(severity("critical").when(trigger("ci-broken").or(declared("security"))).rollbackWithin(hours(1))
            .approval(single("maintainer")))
        .severity(severity("high").when(trigger("unreliable")).rollbackWithin(hours(24))
            .approval(Rollback.role("team-lead")))
        .checklist(Checks.that(RATE.below(0.95)).named("still unreliable"))
        .procedure(procedure("gradual").phase(phase("one").step(TestAdapter.apply("a1", Effect.REVERSIBLE))
            .validate(TestAdapter.check("one holds", true))))
        .verify(Checks.that(RATE.atLeast(0.5)).named("rate recovered"))
        .monitoring(Rollback.monitoring().every(minutes(5)).forPeriod(minutes(30))
            .alert(RATE.below(0.95), "Immediate investigation"))
        .communicate(Rollback.message("alert").on(NotificationEvent.ALERT).title("Alert")
            .body("{{alert.action}}: {{alert.explanation}}").via("file"))
        .build();
  }

  private Harness h;

  @BeforeEach
  void rate() throws Exception {
    Files.writeString(dir.resolve("rate"), "0.8\n");
    h = new Harness(dir);
  }

  private long measured() throws Exception {
    return Files.exists(dir.resolve("measured")) ? Files.readAllLines(dir.resolve("measured")).size() : 0;
  }

  @Test
  void theDecisionMatrixDecidesFromSignalsMeasuredOnceAtAssessment() throws Exception {
    RollbackReport report = h.builder().notifier("file", new FileNotifier(new Ledger(dir.resolve("sent")))).build()
        .run(plan());

    assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
    RollbackReport.DecisionReport d = report.decision().get();
    assertThat(d.decidedBy()).isEqualTo("decision matrix");
    assertThat(d.severity()).hasValue("high");
    assertThat(d.explanation()).startsWith("high: trigger unreliable: ci_success_rate = 80% < 95%");
    assertThat(d.evaluations()).hasSize(2);
    assertThat(d.deadline()).hasValue(Harness.T0.plus(Duration.ofHours(24)));
    assertThat(report.snapshot()).singleElement().satisfies(m -> {
      assertThat(m.signal()).isEqualTo("ci_success_rate");
      assertThat(m.value()).isEqualTo("80%");
    });
    assertThat(report.checklist().get(0).status()).isEqualTo(CheckResult.Status.PASSED);
    assertThat(report.verification().get(0).summary()).isEqualTo("ci_success_rate = 80% >= 50%");
    assertThat(measured()).as("one measurement at assessment, one for verification").isEqualTo(2);
    assertThat(report.alerts()).isEmpty();
  }

  @Test
  void aDeclaredFactSelectsItsSeverityAndNoSeverityMeansNoRollback() throws Exception {
    RollbackExecutor executor = h.builder().notifier("file", new FileNotifier(new Ledger(dir.resolve("sent"))))
        .build();
    RollbackReport security = executor.run(plan(), RunOptions.defaults().withDeclared("security"));
    assertThat(security.decision().get().severity()).hasValue("critical");

    Files.writeString(dir.resolve("rate"), "1.0\n");
    RollbackReport none = executor.run(plan());
    assertThat(none.status()).isEqualTo(RunStatus.NO_ROLLBACK);
    assertThat(none.summary()).startsWith("no severity level holds");
    assertThat(none.approvals()).isEmpty();
    assertThat(h.ledger.lines()).containsExactly("apply a1");
  }

  @Test
  void monitoringAfterTheRollbackRaisesAlertsThroughListenersAndChannels() throws Exception {
    Ledger sent = new Ledger(dir.resolve("sent"));
    RollbackReport report = h.builder().notifier("file", new FileNotifier(sent)).build()
        .run(plan(), RunOptions.defaults().withMonitoring());

    assertThat(report.alerts()).singleElement().satisfies(a -> {
      assertThat(a.action()).isEqualTo("Immediate investigation");
      assertThat(a.at()).isEqualTo(Harness.T0.plus(Duration.ofMinutes(5)));
    });
    assertThat(h.events(RunEvent.AlertRaised.class)).hasSize(1);
    assertThat(sent.lines()).containsExactly("ALERT Alert | Immediate investigation: ci_success_rate = 80% < 95%");
    assertThat(h.clock.instant()).isEqualTo(Harness.T0.plus(Duration.ofMinutes(30)));
    assertThat(measured()).as("assessment, verification, and six intervals").isEqualTo(8);
  }

  @Test
  void aResumedRunDecidesFromTheJournaledSnapshotNotFromANewMeasurement() throws Exception {
    RollbackExecutor crashing = h.builder().journal(Journal.directory(dir.resolve("journal")))
        .notifier("file", new FileNotifier(new Ledger(dir.resolve("sent")))).listener(e -> {
      if (e instanceof RunEvent.StepStarted) {
        throw new ResumeTest.Crash();
      }
    }).build();
    assertThatThrownBy(() -> crashing.run(plan(), RunOptions.defaults().withRunId("r"))).isInstanceOf(
        ResumeTest.Crash.class);
    Files.writeString(dir.resolve("rate"), "1.0\n");

    RollbackReport report = h.builder().journal(Journal.directory(dir.resolve("journal")))
        .notifier("file", new FileNotifier(new Ledger(dir.resolve("sent")))).build().resume(plan(), "r");

    assertThat(report.decision().get().severity()).hasValue("high");
    assertThat(report.snapshot().get(0).value()).isEqualTo("80%");
    assertThat(report.verification().get(0).summary()).isEqualTo("ci_success_rate = 100% >= 50%");
    assertThat(measured()).isEqualTo(2);
  }

  @Test
  void aPreviewDecidesLikeARunAndShowsTheSnapshot() {
    Preview p = h.executor().preview(plan());
    assertThat(p.decision().get().severity()).hasValue("high");
    assertThat(p.snapshot()).singleElement().satisfies(m -> assertThat(m.number()).hasValue(0.8));
    assertThat(p.checklist().get(0).passed()).isTrue();
  }
}
