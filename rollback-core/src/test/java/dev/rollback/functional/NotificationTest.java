package dev.rollback.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Checks;
import dev.rollback.NotificationEvent;
import dev.rollback.RetryPolicy;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.report.RollbackReport.NotificationReport;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.RunOptions;
import dev.rollback.run.event.RunEvent;
import dev.rollback.spi.Delivery;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The communication plan's messages, rendered from the run and sent through the channels; a failure never stops. */
class NotificationTest {

  @TempDir
  Path dir;

  private static RollbackPlan plan() {
    return Rollback.plan("notify")
        .severity(Rollback.severity("critical").when(Rollback.declared("x")).rollbackWithin(Rollback.hours(1))
            .approval(Rollback.discretion()))
        .procedure(Rollback.procedure("p").phase(Rollback.phase("one")
            .step(TestAdapter.apply("a1", dev.rollback.Effect.REVERSIBLE).as("revert"))
            .validate(Checks.command("true"))))
        .communicate(Rollback.message("started").on(NotificationEvent.ROLLBACK_STARTED)
            .title("{{plan}} rolling back").body("severity {{severity}}, deadline {{deadline}}").via("file"))
        .communicate(Rollback.message("done").on(NotificationEvent.ROLLBACK_COMPLETED)
            .title("{{plan}} rolled back").body("{{reason}}; revert {{revert}} ({{revert.n}}); detected"
                + " {{timeline.detected}}; run {{run.id}}").via("file", "flaky"))
        .build();
  }

  /**
   * A channel no notifier is registered for used to be found only when the message was sent, after the rollback;
   * preview listed it as a problem, yet the run went on and succeeded. Now the run refuses it before anything runs,
   * in the preview's words.
   */
  @Test
  void aChannelWithNoNotifierIsRefusedBeforeAnythingRunsInThePreviewsWords() {
    Harness h = new Harness(dir);
    RollbackPlan plan = RollbackPlan.builder().from(plan()).communicate(Rollback.message("page")
        .on(NotificationEvent.ROLLBACK_FAILED).title("t").body("b").via("nowhere")).build();
    var executor = h.builder().notifier("file", new FileNotifier(new Ledger(dir.resolve("sent"))))
        .notifier("flaky", n -> new Delivery("flaky", "x")).build();

    String problem = "message 'page' goes through channel 'nowhere', which has no notifier";
    assertThat(executor.preview(plan, RunOptions.defaults().withSeverity("critical")).problems()).contains(problem);
    h.events.clear();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> executor.run(plan,
        RunOptions.defaults().withSeverity("critical")))
        .isInstanceOf(dev.rollback.RollbackException.class).hasMessageContaining(problem)
        .hasMessageContaining("nothing ran");
    assertThat(h.ledger.lines()).isEmpty();
    assertThat(h.events).isEmpty();
  }

  /**
   * A run that stopped where it can be resumed used to send its failure message as if the outcome were final (an
   * incident issue opened as failed); now it sends none and says so, and resuming notifies the outcome.
   */
  @Test
  void aRunThatStopsWhereItCanBeResumedNotifiesNoFailure() {
    Harness h = new Harness(dir);
    Ledger sent = new Ledger(dir.resolve("sent"));
    RollbackPlan plan = RollbackPlan.builder().from(plan()).communicate(Rollback.message("failed")
        .on(NotificationEvent.ROLLBACK_FAILED).title("failed").body("{{summary}}").via("file")).build();
    RollbackReport report = h.builder().adapter(new UnavailableAdapterTest.DeadEngine())
        .notifier("file", new FileNotifier(sent)).notifier("flaky", n -> new Delivery("flaky", "x")).build()
        .run(plan, RunOptions.defaults().withSeverity("critical"));

    assertThat(report.status()).isEqualTo(RunStatus.STOPPED);
    assertThat(report.summary()).endsWith("; no failure was notified, since the run can be resumed");
    assertThat(sent.lines()).isEmpty();
    assertThat(report.notifications()).isEmpty();
  }

  @Test
  void messagesAreRenderedFromTheRunAndAFailedSendIsRetriedThenReportedWithoutStoppingTheRun() {
    Harness h = new Harness(dir);
    Ledger sent = new Ledger(dir.resolve("sent"));
    AtomicInteger tries = new AtomicInteger();
    RollbackReport report = h.builder().notifier("file", new FileNotifier(sent))
        .notifier("flaky", n -> {
          tries.incrementAndGet();
          throw new IOException("webhook answered 503");
        })
        .notificationRetry(RetryPolicy.times(3).withDelay(Duration.ofSeconds(10))).build()
        .run(plan(), RunOptions.defaults().withSeverity("critical").withRunId("n1"));

    assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(sent.lines()).containsExactly(
        "ROLLBACK_STARTED notify rolling back | severity critical, deadline 2026-01-01T04:00:00Z",
        "ROLLBACK_COMPLETED notify rolled back | severity 'critical' chosen by hand; the decision matrix decides no"
            + " severity; revert a1-value (3); detected"
            + " 2026-01-01T03:00:00Z; run n1");
    assertThat(tries.get()).isEqualTo(3);
    assertThat(h.clock.instant()).isEqualTo(Harness.T0.plusSeconds(30));
    assertThat(report.notifications()).extracting(NotificationReport::channel, NotificationReport::delivered,
        NotificationReport::attempts).containsExactly(
        org.assertj.core.groups.Tuple.tuple("file", true, 1), org.assertj.core.groups.Tuple.tuple("file", true, 1),
        org.assertj.core.groups.Tuple.tuple("flaky", false, 3));
    assertThat(report.notifications().get(2).error()).hasValue("IOException: webhook answered 503");
    assertThat(h.events(RunEvent.NotificationFailed.class)).hasSize(3);
    assertThat(h.events(RunEvent.NotificationSent.class)).hasSize(2);
  }

  @Test
  void aFailedRollbackSendsNoCompletionMessage() {
    Harness h = new Harness(dir);
    Ledger sent = new Ledger(dir.resolve("sent"));
    RollbackPlan failing = RollbackPlan.builder().from(plan()).procedures(java.util.List.of(Rollback.procedure("p")
        .phase(Rollback.phase("one").step(TestAdapter.failing("f", -1).as("revert")).validate(Checks.command("true")))
        .build()))
        .build();
    RollbackReport report = h.builder().notifier("file", new FileNotifier(sent))
        .notifier("flaky", n -> new Delivery("flaky", "x")).build()
        .run(failing, RunOptions.defaults().withSeverity("critical"));

    assertThat(report.status()).isEqualTo(RunStatus.HALTED);
    assertThat(sent.lines()).hasSize(1).allMatch(l -> l.startsWith("ROLLBACK_STARTED"));
  }
}
