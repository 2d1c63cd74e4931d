package dev.rollback.functional;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.plan;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static dev.rollback.functional.TestAdapter.apply;
import static dev.rollback.functional.TestAdapter.check;
import static dev.rollback.functional.TestAdapter.failing;
import static dev.rollback.functional.TestAdapter.slow;
import static dev.rollback.functional.TestAdapter.slowCheck;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Effect;
import dev.rollback.FailurePolicy;
import dev.rollback.RetryPolicy;
import dev.rollback.RollbackPlan;
import dev.rollback.internal.GanttLint.Task;
import dev.rollback.internal.GanttLint;
import dev.rollback.internal.MermaidGantt;
import dev.rollback.internal.MermaidText;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.RunOptions;
import dev.rollback.spi.Vote;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident report opens with a gantt chart of the run, drawn from the report's own instants: well formed
 * whatever the plan's names (Mermaid keywords, {@code :}, {@code #}, {@code ;}, {@code %}, HTML) or an approver's,
 * with very short and very long work side by side; and absent from a report without timings, so reports compared
 * regardless of time stay comparable.
 */
class IncidentChartTest {

  @TempDir
  Path dir;

  private static final Pattern BLOCK = Pattern.compile("```mermaid\n(.*?)```\n", Pattern.DOTALL);

  /** Names Mermaid's gantt lexer would read as syntax, one for each kind of place in the chart. */
  static final String PLAN = "title: P3-007 #1; 50% done";
  static final String PHASE_ONE = "section one: %% a comment?";
  static final String PHASE_TWO = "2026-11-01 deploy";
  static final String INSTANT = "click here";
  static final String LONG = "dateFormat x; takes 2 hours";
  static final String PERCENT = "%d done; 5% of fleet";
  static final String FAILS = "<script>alert(1)</script> & {x} `y` \\z";
  static final String SLOW_CHECK = "accTitle: CI passes #3;";
  static final String QUICK_CHECK = "todayMarker off";
  static final String APPROVER = "eve: #65;\nsection x\u0007";

  static RollbackPlan hostile() {
    return plan(PLAN)
        .severity(severity("critical").when(declared("broken")).rollbackWithin(hours(3))
            .approval(single("maintainer")))
        .procedure(procedure("section: procedure")
            .phase(phase(PHASE_ONE)
                .step(apply(INSTANT, Effect.REVERSIBLE), slow(LONG, 120), apply(PERCENT, Effect.REVERSIBLE))
                .validate(check("accDescr: one holds", true)))
            .phase(phase(PHASE_TWO).onFailure(FailurePolicy.CONTINUE)
                .step(failing(FAILS, -1).retry(RetryPolicy.times(3))).validate(check("includes x", true))))
        .verify(slowCheck(SLOW_CHECK, true, 30), check(QUICK_CHECK, true))
        .build();
  }

  private RollbackReport runHostile(Harness h) {
    return h.builder(h.adapter, Approvers.callback(request -> {
      h.clock.advance(Duration.ofMinutes(7));
      return List.of(new Vote(APPROVER, Set.of("maintainer"), true, h.clock.instant(), "test", Optional.empty()));
    })).build().run(hostile(), RunOptions.defaults().withSeverity("critical")
        .withDetectedAt(Harness.T0.minus(Duration.ofMinutes(20))));
  }

  private static String chartOf(String markdown) {
    Matcher m = BLOCK.matcher(markdown);
    assertThat(m.find()).as("a ```mermaid block in:\n%s", markdown).isTrue();
    String chart = m.group(1);
    assertThat(m.find()).as("a second ```mermaid block").isFalse();
    return chart;
  }

  private static LocalDateTime utc(Instant t) {
    return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  private static Task task(GanttLint.Chart c, String name) {
    return c.tasks().stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no task '" + name + "' in " + c.tasks()));
  }

  @Test
  void aRunWithHostileNamesDrawsAWellFormedChartOfItsDeadlineStagesPhasesAndSteps() {
    Harness h = new Harness(dir);
    RollbackReport r = runHostile(h);
    assertThat(r.status()).as(r.summary()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
    String md = r.toMarkdown();

    assertThat(md).startsWith("# Incident report: " + PLAN + "\n\n**COMPLETED_WITH_FAILURES** — ");
    assertThat(md.indexOf("```mermaid\ngantt\n")).isPositive().isLessThan(md.indexOf("| Run |"));
    GanttLint.Chart c = GanttLint.check(chartOf(md));

    assertThat(c.title()).isEqualTo(PLAN + ": COMPLETED_WITH_FAILURES (times in UTC)");
    assertThat(c.sections()).containsExactly("Deadline", "Run", "Phase 1", "Phase 2", "Verification");
    Instant t0 = Harness.T0;
    assertThat(task(c, "Detected")).satisfies(t -> {
      assertThat(t.milestone()).isTrue();
      assertThat(t.start()).isEqualTo(utc(t0.minus(Duration.ofMinutes(20))));
    });
    assertThat(task(c, "Deadline, MET")).satisfies(t -> {
      assertThat(t.milestone()).isTrue();
      assertThat(t.start()).isEqualTo(utc(t0.plus(Duration.ofMinutes(160))));
    });
    assertThat(task(c, "Time to rollback (2h27m03s)").end())
        .isEqualTo(utc(t0.plus(Duration.ofMinutes(127)).plusSeconds(3)));
    String approval = "Approval of severity 'critical': GRANTED by " + MermaidText.ganttPlain(APPROVER) + " (7m00s)";
    assertThat(approval).contains("eve: #65; section x\\u0007");
    assertThat(task(c, approval)).satisfies(t -> {
      assertThat(t.tags()).containsExactly("active");
      assertThat(t.start()).isEqualTo(utc(t0));
      assertThat(t.end()).isEqualTo(utc(t0.plus(Duration.ofMinutes(7))));
    });
    assertThat(c.tasks()).extracting(Task::section, Task::name).contains(
        org.assertj.core.groups.Tuple.tuple("Run", "Execute: procedure section: procedure (2h00m03s)"),
        org.assertj.core.groups.Tuple.tuple("Run", "Verify: 2 checks (30m00s)"),
        org.assertj.core.groups.Tuple.tuple("Phase 1", PHASE_ONE + " (2h00m00s)"),
        org.assertj.core.groups.Tuple.tuple("Phase 1", "Validate: accDescr: one holds (0ms)"),
        org.assertj.core.groups.Tuple.tuple("Phase 2", PHASE_TWO + " (FAILED, 3s)"),
        org.assertj.core.groups.Tuple.tuple("Verification", SLOW_CHECK + " (30m00s)"));
    assertThat(c.tasks()).extracting(Task::name).noneMatch(n -> n.startsWith(QUICK_CHECK));

    Task instant = task(c, INSTANT + " (0ms)");
    assertThat(instant.start()).isEqualTo(utc(t0.plus(Duration.ofMinutes(7))));
    assertThat(Duration.between(instant.start(), instant.end()))
        .isEqualTo(Duration.ofMinutes(20 + 160).dividedBy(MermaidGantt.MIN_WIDTH_DIVISOR));
    Task longest = task(c, LONG + " (2h00m00s)");
    assertThat(Duration.between(longest.start(), longest.end())).isEqualTo(Duration.ofHours(2));
    assertThat(task(c, PERCENT + " (0ms)").tags()).containsExactly("done");
    assertThat(task(c, FAILS + " (FAILED, 3 attempts, 3s)").tags()).containsExactly("crit");
    assertThat(task(c, "Finished: COMPLETED_WITH_FAILURES").tags()).containsExactlyInAnyOrder("crit", "milestone");
  }

  @Test
  void aStepsOwnApprovalIsDrawnInItsPhaseJustBeforeTheStepAsAWait() {
    Harness h = new Harness(dir);
    RollbackReport r = h.builder(h.adapter, Approvers.callback(request -> {
      h.clock.advance(Duration.ofMinutes(3));
      return List.of(new Vote("rita", Set.of("release-manager"), true, h.clock.instant(), "test", Optional.empty()));
    })).build().run(TestPlans.stepApproval(), RunOptions.defaults().withSeverity("medium"));
    assertThat(r.approvals()).extracting(RollbackReport.ApprovalReport::scope).containsExactly("severity 'medium'",
        "step 'push'");

    GanttLint.Chart c = GanttLint.check(chartOf(r.toMarkdown()));

    assertThat(c.tasks()).extracting(Task::section, Task::name).containsSubsequence(
        org.assertj.core.groups.Tuple.tuple("Run", "Approval of severity 'medium': AUTOMATIC (0ms)"),
        org.assertj.core.groups.Tuple.tuple("Phase 1", "one (3m00s)"),
        org.assertj.core.groups.Tuple.tuple("Phase 1", "a1 (0ms)"),
        org.assertj.core.groups.Tuple.tuple("Phase 1", "Approval of step 'push': GRANTED by rita (3m00s)"),
        org.assertj.core.groups.Tuple.tuple("Phase 1", "push (0ms)"));
    assertThat(task(c, "Approval of step 'push': GRANTED by rita (3m00s)").tags()).containsExactly("active");
    assertThat(task(c, "Approval of severity 'medium': AUTOMATIC (0ms)").tags()).containsExactly("done");
  }

  @Test
  void theSameReportDrawsTheSameChartAndAReportWithoutTimingsNone() {
    Harness h = new Harness(dir);
    RollbackReport r = runHostile(h);

    assertThat(r.toMarkdown()).isEqualTo(r.toMarkdown()).contains("```mermaid\ngantt\n");
    assertThat(r.withoutTimings().toMarkdown()).doesNotContain("```mermaid").doesNotContain("Not on the chart");
    assertThat(r.withoutTimings().toJson()).doesNotContain("gantt");
  }

  @Test
  void aRunThatTookNoTimeOnItsClockHasNoChart() {
    Harness h = new Harness(dir);
    RollbackReport r = h.executor().run(TestPlans.threePhases(FailurePolicy.CONTINUE),
        RunOptions.defaults().withSeverity("high"));

    assertThat(r.finishedAt()).isEqualTo(r.startedAt());
    assertThat(r.toMarkdown()).doesNotContain("```mermaid");
  }

  @Test
  void aDeadlineFarFromTheRunIsSaidInWordsInsteadOfShrinkingTheRunToASliver() {
    Harness h = new Harness(dir);
    RollbackReport r = h.executor().run(TestPlans.deadline(5), RunOptions.defaults().withSeverity("critical")
        .withDetectedAt(Harness.T0.minus(Duration.ofDays(2))));
    String md = r.toMarkdown();
    GanttLint.Chart c = GanttLint.check(chartOf(md));

    assertThat(c.tasks()).extracting(Task::name).doesNotContain("Detected", "Deadline, MISSED")
        .contains("Deadline at risk");
    assertThat(md).contains("\n_Not on the chart: detected at 2025-12-30T03:00:00Z, 48h00m00s before the run started;"
        + " the deadline at 2025-12-30T04:00:00Z (MISSED), 47h00m00s before the run started._\n");
  }
}
