package dev.rollback.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Checks;
import dev.rollback.NotificationEvent;
import dev.rollback.RetryPolicy;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.RollbackReport;
import dev.rollback.RollbackReport.NotificationReport;
import dev.rollback.RunEvent;
import dev.rollback.RunOptions;
import dev.rollback.RunStatus;
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
                + " {{timeline.detected}}; run {{run.id}}").via("file", "flaky", "nowhere"))
        .build();
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
        org.assertj.core.groups.Tuple.tuple("flaky", false, 3), org.assertj.core.groups.Tuple.tuple("nowhere", false, 0));
    assertThat(report.notifications().get(2).error()).hasValue("IOException: webhook answered 503");
    assertThat(report.notifications().get(3).error().get()).startsWith("no notifier is registered for channel"
        + " 'nowhere'");
    assertThat(h.events(RunEvent.NotificationFailed.class)).hasSize(4);
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
    RollbackReport report = h.builder().notifier("file", new FileNotifier(sent)).build()
        .run(failing, RunOptions.defaults().withSeverity("critical"));

    assertThat(report.status()).isEqualTo(RunStatus.HALTED);
    assertThat(sent.lines()).hasSize(1).allMatch(l -> l.startsWith("ROLLBACK_STARTED"));
  }
}
