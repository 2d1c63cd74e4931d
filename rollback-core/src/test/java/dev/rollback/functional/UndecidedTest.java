package dev.rollback.functional;

import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.path;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.rollback.run.Preview;
import dev.rollback.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A severity that depends on a signal that cannot be measured is not "no rollback": the run could not decide. It
 * used to end NO_ROLLBACK, the same as a healthy project (a truncated JaCoCo report, a pattern that matches nothing,
 * a signal command exiting 3); now it ends UNDECIDED, names the signal and why, and changes nothing.
 */
class UndecidedTest {

  @TempDir
  Path dir;

  private static RollbackPlan plan(Signal signal, double threshold) {
    return Rollback.plan("undecided")
        .severity(severity("high").when(signal.below(threshold)).rollbackWithin(hours(2))
            .approval(single("maintainer")))
        .procedure(procedure("gradual").phase(phase("one").step(TestAdapter.apply("a1", Effect.REVERSIBLE))
            .validate(TestAdapter.check("one holds", true))))
        .communicate(Rollback.message("failed").on(NotificationEvent.ROLLBACK_FAILED).title("failed").body("x")
            .via("file"))
        .build();
  }

  private RollbackReport run(RollbackPlan plan) throws Exception {
    Harness h = new Harness(dir);
    Ledger sent = new Ledger(dir.resolve("sent"));
    RollbackReport r = h.builder().notifier("file", new FileNotifier(sent)).build().run(plan);
    assertThat(h.ledger.lines()).as("nothing ran").isEmpty();
    assertThat(sent.lines()).as("no failure notified: nothing was attempted").isEmpty();
    return r;
  }

  @Test
  void aTruncatedJacocoReportMakesTheRunUndecidedNotNoRollback() throws Exception {
    Files.writeString(dir.resolve("jacoco.xml"), "<?xml version=\"1.0\"?><report name=\"x\"><counter type=\"LI");
    Signal coverage = Signals.lineCoverage(path("jacoco.xml")).named("line_coverage");

    RollbackReport r = run(plan(coverage, 0.8));

    assertThat(r.status()).isEqualTo(RunStatus.UNDECIDED);
    assertThat(r.summary()).startsWith("undecided because signal line_coverage is unknown: ")
        .contains("severity 'high' depends on it").endsWith("; nothing was changed");
    RollbackReport.DecisionReport d = r.decision().orElseThrow();
    assertThat(d.undecided()).isTrue();
    assertThat(d.severity()).isEmpty();
    assertThat(d.procedure()).isEmpty();
    assertThat(d.explanation()).startsWith("undecided because signal line_coverage is unknown");
    assertThat(d.unknowns()).singleElement().asString().startsWith("high: line_coverage is unknown");
    assertThat(r.toMarkdown()).contains("**UNDECIDED** — undecided because signal line_coverage is unknown");
  }

  @Test
  void aPatternThatMatchesNothingMakesTheRunUndecided() throws Exception {
    Signal time = Signals.commandNumber(Command.of("echo", "Total: fast"), "Total Time: (\\d+)s", Unit.SECONDS)
        .named("test_execution_time");

    RollbackReport r = run(Rollback.plan("undecided")
        .severity(severity("high").when(time.above(100)).rollbackWithin(hours(2)).approval(single("maintainer")))
        .procedure(procedure("gradual").phase(phase("one").step(TestAdapter.apply("a1", Effect.REVERSIBLE))
            .validate(TestAdapter.check("one holds", true))))
        .build());

    assertThat(r.status()).isEqualTo(RunStatus.UNDECIDED);
    assertThat(r.summary()).startsWith("undecided because signal test_execution_time is unknown: ")
        .contains("matched nothing");
  }

  @Test
  void aSignalCommandExitingThreeMakesTheRunUndecided() throws Exception {
    Signal rate = Signals.commandNumber(Command.of("sh", "-c", "echo 0.5; exit 3"), "([0-9.]+)", Unit.RATIO)
        .named("ci_success_rate");

    RollbackReport r = run(plan(rate, 0.95));

    assertThat(r.status()).isEqualTo(RunStatus.UNDECIDED);
    assertThat(r.summary()).startsWith("undecided because signal ci_success_rate is unknown: ");
  }

  @Test
  void aLowerLevelThatHoldsIsNotEnoughWhenAHigherOneIsUnknown() throws Exception {
    Files.writeString(dir.resolve("rate"), "0.9\n");
    Signal known = Signals.fileNumber(path("rate"), "([0-9.]+)", Unit.RATIO).named("ci_success_rate");
    Signal unknown = Signals.fileNumber(path("absent"), "([0-9.]+)", Unit.RATIO).named("security_score");
    RollbackPlan plan = Rollback.plan("undecided")
        .severity(severity("critical").when(unknown.below(0.5)).rollbackWithin(hours(1))
            .approval(single("maintainer")))
        .severity(severity("high").when(known.below(0.95)).rollbackWithin(hours(2)).approval(single("maintainer")))
        .procedure(procedure("gradual").phase(phase("one").step(TestAdapter.apply("a1", Effect.REVERSIBLE))
            .validate(TestAdapter.check("one holds", true))))
        .build();

    RollbackReport r = run(plan);

    assertThat(r.status()).isEqualTo(RunStatus.UNDECIDED);
    assertThat(r.summary()).startsWith("undecided because signal security_score is unknown: ")
        .contains("(severity 'critical' depends on it)");
    assertThat(r.decision().orElseThrow().explanation()).contains("high: ci_success_rate = 90% < 95%");
  }

  @Test
  void aSeverityChosenByHandDecidesDespiteTheUnknownSignal() throws Exception {
    Signal rate = Signals.commandNumber(Command.of("sh", "-c", "exit 3"), "([0-9.]+)", Unit.RATIO)
        .named("ci_success_rate");
    Harness h = new Harness(dir);

    RollbackReport r = h.builder().notifier("file", new FileNotifier(new Ledger(dir.resolve("sent")))).build()
        .run(plan(rate, 0.95), RunOptions.defaults().withSeverity("high"));

    assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(r.decision().orElseThrow().undecided()).isFalse();
    assertThat(h.ledger.lines()).containsExactly("apply a1");
  }

  @Test
  void aPreviewListsTheUndecidedDecisionAsAProblem() throws Exception {
    Signal rate = Signals.commandNumber(Command.of("sh", "-c", "exit 3"), "([0-9.]+)", Unit.RATIO)
        .named("ci_success_rate");
    Harness h = new Harness(dir);

    Preview p = h.builder().notifier("file", new FileNotifier(new Ledger(dir.resolve("sent")))).build()
        .preview(plan(rate, 0.95));

    assertThat(p.decision().orElseThrow().undecided()).isTrue();
    assertThat(p.problems()).anySatisfy(x -> assertThat(x).startsWith("undecided because signal ci_success_rate"));
    assertThat(p.phases()).isEmpty();
  }

  @Test
  void aHealthyProjectIsStillNoRollback() throws Exception {
    Files.writeString(dir.resolve("rate"), "1.0\n");
    Signal rate = Signals.fileNumber(path("rate"), "([0-9.]+)", Unit.RATIO).named("ci_success_rate");

    RollbackReport r = run(plan(rate, 0.95));

    assertThat(r.status()).isEqualTo(RunStatus.NO_ROLLBACK);
    assertThat(r.decision().orElseThrow().undecided()).isFalse();
  }
}
