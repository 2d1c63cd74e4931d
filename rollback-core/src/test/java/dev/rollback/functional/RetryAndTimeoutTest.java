package dev.rollback.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Checks;
import dev.rollback.FailurePolicy;
import dev.rollback.RetryPolicy;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Step;
import dev.rollback.report.RollbackReport.StepReport;
import dev.rollback.report.RollbackReport.StepStatus;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.RunOptions;
import dev.rollback.run.event.RunEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Steps are retried by their policy, waiting through the sleeper, and stopped by their timeout. */
class RetryAndTimeoutTest {

  @TempDir
  Path dir;

  private static RollbackPlan oneStep(Step step) {
    return Rollback.plan("one step")
        .severity(Rollback.severity("high").when(Rollback.declared("x")).rollbackWithin(Rollback.hours(1))
            .approval(Rollback.discretion()))
        .procedure(Rollback.procedure("p").phase(Rollback.phase("one").step(step)
            .validate(Checks.command("true")).onFailure(FailurePolicy.HALT)))
        .build();
  }

  @Test
  void aFailingStepIsRetriedWithBackoffOnTheInjectedSleeper() {
    Harness h = new Harness(dir);
    RollbackReport report = h.executor().run(oneStep(TestAdapter.failing("flaky", 2)
        .retry(RetryPolicy.times(3).withDelay(Duration.ofMinutes(1)).withMaxDelay(Duration.ofMinutes(10)))),
        RunOptions.defaults().withSeverity("high"));

    StepReport s = report.step("flaky").get();
    assertThat(s.status()).isEqualTo(StepStatus.APPLIED);
    assertThat(s.attempts()).isEqualTo(3);
    assertThat(s.summary()).isEqualTo("applied flaky at attempt 3");
    assertThat(h.events(RunEvent.StepRetrying.class).stream().map(e -> e.failedAttempt() + " " + e.delay())
        .collect(Collectors.toList())).containsExactly("1 PT1M", "2 PT2M");
    assertThat(h.clock.instant()).isEqualTo(Harness.T0.plus(Duration.ofMinutes(3)));
    assertThat(h.ledger.lines()).containsExactly("apply flaky");
  }

  @Test
  void aStepThatFailsEveryAttemptFailsWithItsLastError() {
    Harness h = new Harness(dir);
    RollbackReport report = h.executor().run(oneStep(TestAdapter.failing("broken", -1)
        .retry(RetryPolicy.times(2))), RunOptions.defaults().withSeverity("high"));

    StepReport s = report.step("broken").get();
    assertThat(s.status()).isEqualTo(StepStatus.FAILED);
    assertThat(s.attempts()).isEqualTo(2);
    assertThat(s.error()).hasValue("broken failed on purpose (attempt 2)");
    assertThat(report.status()).isEqualTo(RunStatus.HALTED);
  }

  @Test
  void theExecutorStopsAStepThatOutlivesItsTimeout() throws Exception {
    Harness h = new Harness(dir);
    RollbackReport report = h.executor().run(oneStep(TestAdapter.blocking("hangs")
        .timeout(Duration.ofMillis(200))), RunOptions.defaults().withSeverity("high"));

    assertThat(h.adapter.blocked.await(0, TimeUnit.SECONDS)).isTrue();
    StepReport s = report.step("hangs").get();
    assertThat(s.status()).isEqualTo(StepStatus.FAILED);
    assertThat(s.error()).hasValue("timed out after 200 milliseconds");
    assertThat(report.status()).isEqualTo(RunStatus.HALTED);
  }
}
