package dev.rollback.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.report.RollbackReport.ApprovalOutcome;
import dev.rollback.report.RollbackReport.DeadlineStatus;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.RunOptions;
import dev.rollback.run.event.RunEvent;
import dev.rollback.spi.Vote;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The severity's deadline, tracked on an injected clock: no test here sleeps. */
class DeadlineTest {

  @TempDir
  Path dir;

  @Test
  void aRunThatOverrunsItsDeadlineWarnsFirstThenReportsTheDeadlineMissed() {
    Harness h = new Harness(dir);
    RollbackReport report = h.executor().run(TestPlans.deadline(25), RunOptions.defaults().withSeverity("critical"));

    assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
    List<RunEvent.DeadlineAtRisk> risks = h.events(RunEvent.DeadlineAtRisk.class);
    assertThat(risks).hasSize(1);
    RunEvent.DeadlineAtRisk risk = risks.get(0);
    assertThat(risk.deadline()).isEqualTo(Harness.T0.plus(Duration.ofHours(1)));
    assertThat(risk.at()).isEqualTo(Harness.T0.plusSeconds(50 * 60));
    assertThat(risk.remaining()).isEqualTo(Duration.ofMinutes(10));
    assertThat(risk.worstCase()).isEqualTo(Duration.ofMinutes(17));
    assertThat(h.events.indexOf(risk)).isLessThan(h.events.indexOf(h.events(RunEvent.RunFinished.class).get(0)));
    assertThat(risk.at()).isBefore(risk.deadline());

    RollbackReport.DeadlineReport d = report.deadline();
    assertThat(d.status()).isEqualTo(DeadlineStatus.MISSED);
    assertThat(d.timeToRollback()).hasValue(Duration.ofMinutes(75));
    assertThat(d.atRiskAt()).hasValue(risk.at());
    assertThat(report.toMarkdown()).contains("| Deadline | 2026-01-01T04:00:00Z — MISSED |",
        "| Time to rollback | 1h15m00s |");
  }

  @Test
  void aRunWithinItsDeadlineMeetsItWithoutWarning() {
    Harness h = new Harness(dir);
    RollbackReport report = h.executor().run(TestPlans.deadline(5), RunOptions.defaults().withSeverity("critical"));

    assertThat(h.events(RunEvent.DeadlineAtRisk.class)).isEmpty();
    assertThat(report.deadline().status()).isEqualTo(DeadlineStatus.MET);
    assertThat(report.deadline().timeToRollback()).hasValue(Duration.ofMinutes(15));
  }

  @Test
  void theDeadlineCountsFromDetectionNotFromTheStartOfTheRun() {
    Harness h = new Harness(dir);
    RollbackReport report = h.executor().run(TestPlans.deadline(5), RunOptions.defaults().withSeverity("critical")
        .withDetectedAt(Harness.T0.minus(Duration.ofMinutes(50))));

    assertThat(report.deadline().deadline()).hasValue(Harness.T0.plus(Duration.ofMinutes(10)));
    assertThat(report.deadline().status()).isEqualTo(DeadlineStatus.MISSED);
    assertThat(report.deadline().timeToRollback()).hasValue(Duration.ofMinutes(65));
    assertThat(h.events(RunEvent.DeadlineAtRisk.class)).hasSize(1);
  }

  @Test
  void waitingForApprovalCountsAgainstTheDeadlineAndTheRequestExpiresWithIt() {
    Harness h = new Harness(dir);
    Instant[] expires = new Instant[1];
    RollbackReport report = h.builder(h.adapter, Approvers.callback(request -> {
      expires[0] = request.expiresAt();
      h.clock.advance(Duration.ofMinutes(12));
      return List.of(new Vote("alice", Set.of("maintainer"), true, h.clock.instant(), "test", Optional.empty()));
    })).build().run(TestPlans.irreversible(dev.rollback.Rollback.single("maintainer")), RunOptions.defaults()
        .withSeverity("high").withDetectedAt(Harness.T0.minus(Duration.ofHours(23).plusMinutes(50))));

    assertThat(expires[0]).isEqualTo(Harness.T0.plus(Duration.ofMinutes(10)));
    assertThat(report.status()).isEqualTo(RunStatus.NOT_APPROVED);
    assertThat(report.approvals().get(0).outcome()).isEqualTo(ApprovalOutcome.EXPIRED);
    assertThat(report.approvals().get(0).votes().get(0).note()).hasValue(
        "arrived after the request expired at 2026-01-01T03:10:00Z");
    assertThat(h.ledger.lines()).isEmpty();
    assertThat(h.events(RunEvent.DeadlineAtRisk.class)).hasSize(1);
    assertThat(report.deadline().status()).isEqualTo(DeadlineStatus.MISSED);
  }
}
