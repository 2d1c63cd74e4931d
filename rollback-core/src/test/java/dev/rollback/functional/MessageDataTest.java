package dev.rollback.functional;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.discretion;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.message;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.recovery;
import static dev.rollback.Rollback.role;
import static dev.rollback.Rollback.severity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.Checks;
import dev.rollback.Command;
import dev.rollback.Effect;
import dev.rollback.NotificationEvent;
import dev.rollback.PlanProblem;
import dev.rollback.RecoveryStrategy;
import dev.rollback.Rollback;
import dev.rollback.RollbackException;
import dev.rollback.RollbackPlan;
import dev.rollback.Signal;
import dev.rollback.Signals;
import dev.rollback.Unit;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Notifiers;
import dev.rollback.run.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's rollback and recovery notifications, rendered with real values: the data every run gives the templates
 * (reason, metrics, timeline, decision), the plan's message values and the run's, and recoveries run through the
 * executor sending their own message.
 */
class MessageDataTest {

  @TempDir
  Path dir;

  private static final String ROLLBACK_BODY = String.join("\n",
      "Rolled back due to {{reason}}.",
      "- Test execution time: {{metrics.test_execution_time}}",
      "- Issue detected: {{timeline.detected}}",
      "- Rollback initiated: {{timeline.started}}",
      "- Rollback completed: {{timeline.completed}}",
      "- Deadline: {{decision.deadline}}",
      "- Fix timeline: {{fix_timeline}}",
      "Contact {{team}}.");

  private static final String RECOVERY_BODY = String.join("\n",
      "Recovery {{recovery}} {{status}}.",
      "{{#fixes}}",
      "- {{.}}",
      "{{/fixes}}",
      "{{^fixes}}",
      "- no fix listed",
      "{{/fixes}}",
      "Contact {{team}}.");

  private RollbackPlan plan() throws IOException {
    Files.writeString(dir.resolve("bench.sh"), "#!/bin/sh\necho 'Total Time: 195s'\n");
    dir.resolve("bench.sh").toFile().setExecutable(true);
    Signal testTime = Signals.commandNumber(Command.of("./bench.sh"), "Total Time: (\\d+)s", Unit.SECONDS)
        .named("test_execution_time");
    return Rollback.plan("P3-007")
        .assess(testTime)
        .severity(severity("critical").description("CI completely broken").when(declared("ci-broken")).rollbackWithin(hours(1)).approval(discretion()))
        .procedure(procedure("p").phase(phase("one").step(TestAdapter.apply("a1", Effect.REVERSIBLE))
            .validate(Checks.command("true"))))
        .recovery(recovery("forward", RecoveryStrategy.Kind.FORWARD)
            .approval(role("team-lead"))
            .phase(phase("Apply targeted fixes").step(TestAdapter.apply("fix", Effect.REVERSIBLE).as("fix"))
                .validate(Checks.command("true")))
            .validate(Checks.command("true").named("Validate core functionality")))
        .communicate(message("rollback-notification").on(NotificationEvent.ROLLBACK_COMPLETED)
            .title("P3-007 Rollback Notification").body(ROLLBACK_BODY).via("files"))
        .communicate(message("recovery-notification").on(NotificationEvent.RECOVERY_COMPLETED)
            .title("P3-007 Recovery Notification").body(RECOVERY_BODY).via("files"))
        .messageValue("team", "the CI platform team (#ci-platform)")
        .messageValue("fix_timeline", "to be estimated by the root cause analysis")
        .messageValue("fixes", List.of())
        .build();
  }

  private String file(String run, String message) throws IOException {
    return Files.readString(dir.resolve("notifications").resolve(run + "-" + message + ".md"));
  }

  @Test
  void theRollbackNotificationIsFilledWithTheRunsReasonMetricsTimelineAndThePlansValues() throws IOException {
    Harness h = new Harness(dir);
    RollbackReport report = h.builder().notifier("files", Notifiers.markdownFiles(dir.resolve("notifications")))
        .build().run(plan(), RunOptions.defaults().withDeclared("ci-broken").withRunId("r1"));

    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(file("r1", "rollback-notification")).isEqualTo(String.join("\n",
        "# P3-007 Rollback Notification",
        "",
        "Rolled back due to CI completely broken (critical: declared ci-broken).",
        "- Test execution time: 195s",
        "- Issue detected: 2026-01-01T03:00:00Z",
        "- Rollback initiated: 2026-01-01T03:00:00Z",
        "- Rollback completed: 2026-01-01T03:00:00Z",
        "- Deadline: 2026-01-01T04:00:00Z",
        "- Fix timeline: to be estimated by the root cause analysis",
        "Contact the CI platform team (#ci-platform).",
        ""));
  }

  @Test
  void aRecoveryRunsThroughTheExecutorAndSendsTheRecoveryNotificationWithTheFixesTheRunNames() throws IOException {
    Harness h = new Harness(dir);
    RollbackReport report = h.builder().notifier("files", Notifiers.markdownFiles(dir.resolve("notifications")))
        .build().recover(plan(), "forward", RunOptions.defaults().withRunId("rec1")
            .withMessageValue("fixes", List.of("Pin the test image", "Retry the flaky network tests")));

    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.summary()).isEqualTo("recovered with strategy 'forward'; recovery validation passed");
    assertThat(report.procedure()).hasValue("forward");
    assertThat(report.verification()).extracting(c -> c.name()).containsExactly("Validate core functionality");
    assertThat(report.approvals()).extracting(a -> a.scope()).containsExactly("recovery 'forward'");
    assertThat(h.ledger.lines()).containsExactly("apply fix");
    assertThat(report.notifications()).extracting(n -> n.event()).containsExactly(
        NotificationEvent.RECOVERY_COMPLETED);
    assertThat(file("rec1", "recovery-notification")).isEqualTo(String.join("\n",
        "# P3-007 Recovery Notification",
        "",
        "Recovery forward SUCCEEDED.",
        "- Pin the test image",
        "- Retry the flaky network tests",
        "Contact the CI platform team (#ci-platform).",
        ""));
  }

  @Test
  void withoutFixesNamedTheRecoveryNotificationSaysSo() throws IOException {
    Harness h = new Harness(dir);
    h.builder().notifier("files", Notifiers.markdownFiles(dir.resolve("notifications"))).build()
        .recover(plan(), "forward", RunOptions.defaults().withRunId("rec2"));

    assertThat(file("rec2", "recovery-notification")).contains("- no fix listed\n");
  }

  @Test
  void aRunRefusesAMessageValueThePlanDoesNotDeclareAndARecoveryThePlanDoesNotHave() throws IOException {
    RollbackPlan plan = plan();
    Harness h = new Harness(dir);

    assertThatThrownBy(() -> h.executor().run(plan, RunOptions.defaults().withMessageValue("fixs", List.of("x"))))
        .isInstanceOf(RollbackException.class)
        .hasMessage("message value 'fixs' given in the run options is not declared by plan 'P3-007'; it declares"
            + " team, fix_timeline, fixes");
    assertThatThrownBy(() -> h.executor().recover(plan, "full", RunOptions.defaults()))
        .isInstanceOf(RollbackException.class)
        .hasMessage("recovery strategy 'full' is not a recovery strategy of plan 'P3-007'; it has forward");
  }

  @Test
  void checkReportsAPlaceholderThatNoRunCanFill() throws IOException {
    RollbackPlan bad = RollbackPlan.builder().from(plan())
        .addMessage(message("bad").on(NotificationEvent.ROLLBACK_COMPLETED).title("{{plan}}")
            .body("{{contact}} {{metrics.nope}} {{timeline.resolved}} {{alert.rule}} {{recovery}} {{fix.n}}"
                + " {{#steps}}{{whatever}}{{/steps}} {{run.date}} {{decision.severity}}").via("files").build())
        .build();

    assertThat(bad.check().problems()).extracting(PlanProblem::message).containsExactly(
        "placeholder {{contact}} is filled by no run of this plan: it is not a value every run gives (alert,"
            + " deadline, emergency, metrics, plan, planHash, procedure, reason, recovery, runId, severity, status,"
            + " steps, summary, timeline, metrics.<signal>, timeline.<instant>), a built-in output, an output the"
            + " plan binds, or a message value the plan declares; declare it with .messageValue(\"contact\","
            + " <default>)",
        "placeholder {{metrics.nope}} names no signal the assessment or the decision measures; they are"
            + " test_execution_time",
        "placeholder {{timeline.resolved}} names no instant of the timeline; they are detected, started, completed",
        "placeholder {{alert.rule}} is filled only in messages sent on alert",
        "placeholder {{recovery}} is filled only in messages sent when a recovery ends");
    assertThat(plan().check().problems()).isEmpty();
  }

  @Test
  void aMessageValueMayNotShadowWhatTheRunFills() throws IOException {
    RollbackPlan bad = RollbackPlan.builder().from(plan()).messageValue("reason", "made up").messageValue("fix", "x")
        .build();

    assertThat(bad.check().problems()).extracting(p -> p.path() + ": " + p.message()).containsExactly(
        "messageValues[reason]: 'reason' is filled by the run; choose another name",
        "messageValues[fix]: 'fix' is also an output the plan binds");
  }
}
