package dev.rollback.examples;

import static dev.rollback.Rollback.declared;
import static dev.rollback.Rollback.hours;
import static dev.rollback.Rollback.phase;
import static dev.rollback.Rollback.plan;
import static dev.rollback.Rollback.procedure;
import static dev.rollback.Rollback.severity;
import static dev.rollback.Rollback.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.Checks;
import dev.rollback.FailurePolicy;
import dev.rollback.RollbackPlan;
import dev.rollback.Steps;
import dev.rollback.examples.demo.Demo;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.run.Approvers;
import dev.rollback.run.Journal;
import dev.rollback.run.ManualClock;
import dev.rollback.run.RollbackExecutor;
import dev.rollback.run.RunOptions;
import dev.rollback.spi.Vote;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of Mermaid block the library writes renders in a real browser, as people will see it: the runbook's
 * flowchart and the incident report's gantt chart, of the P3-007 demo and of a run whose names are hostile to
 * Mermaid. Rendered by npm's {@code @mermaid-js/mermaid-cli} in Debian's {@code chromium}, one browser per Markdown
 * file, all its blocks at once ({@link MermaidCli} says what counts as clean). {@code scripts/test.sh} installs both
 * when missing ({@code scripts/install-mermaid.sh}); under {@code CI=true} a machine that cannot render fails this
 * test, elsewhere it is skipped with the reason.
 */
class MermaidRenderIT {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final MermaidCli.Found FOUND = MermaidCli.find(ROOT);
  private MermaidCli mmdc;

  /** Each test, not the class, is skipped with the reason, so the reports count them. */
  @BeforeEach
  void mermaidCli() {
    MermaidCli.Found found = FOUND;
    if (found.cli() == null) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("CI=true and Mermaid rendering is not ready: " + found.whyNot());
      }
      Assumptions.abort(found.whyNot());
    }
    mmdc = found.cli();
  }

  private MermaidCli.Rendered renderCleanly(Path markdown, Path dir) throws Exception {
    Path out = Files.createDirectories(dir.resolve("svg"));
    MermaidCli.Rendered r = mmdc.render(markdown, out);
    assertThat(r.problems()).as("rendering %s", markdown).isEmpty();
    return r;
  }

  @Test
  void theDemosRunbookFlowchartAndIncidentReportGanttRenderAsWritten(@TempDir Path dir) throws Exception {
    Demo.Result demo;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      demo = Demo.builder().directory(dir.resolve("demo")).environment(Map.of("DOCKER_HOST", "unix://"
          + dir.resolve("no-engine.sock"))).out(o).progress(o).build().run();
    }
    assertThat(demo.report().status()).as(demo.report().summary()).isEqualTo(RunStatus.SUCCEEDED);
    String report = Files.readString(demo.incidentReport(), StandardCharsets.UTF_8);
    assertThat(report).contains("```mermaid\ngantt\n", "#68;eadline, MET:done, milestone, t3, 2026-01-17T23:55:00.000,"
        + " 0ms\n");

    MermaidCli.Rendered runbook = renderCleanly(demo.runbook(), dir.resolve("runbook"));
    assertThat(runbook.blocks()).singleElement().asString().startsWith("flowchart TD\n");
    MermaidCli.Rendered incident = renderCleanly(demo.incidentReport(), dir.resolve("incident"));
    assertThat(incident.blocks()).singleElement().asString().startsWith("gantt\n");
    assertThat(Files.readString(incident.svgs().get(0), StandardCharsets.UTF_8))
        .contains(">Deadline, MET</text>", ">Await the CI run (4m00s)</text>");
  }

  /** Names that Mermaid's parsers read as syntax when written as they are. */
  static RollbackPlan hostilePlan() {
    return plan("title: P3-007 #1; 50% done \"quoted\" <b>")
        .severity(severity("critical: #65; x").when(declared("broken")).rollbackWithin(hours(2))
            .approval(single("maintainer")))
        .checklist(Checks.command("true").named("%d done; 5% of fleet"))
        .procedure(procedure("section: emergency | end")
            .phase(phase("click here: stop #3;")
                .step(Steps.command("true").named("call api"),
                    Steps.waitFor(Duration.ofMinutes(40)).named("dateFormat x; waits 40 minutes"),
                    Steps.waitFor(Duration.ofMillis(250)).named("href \"x\" <b>&amp;</b> {y}"))
                .validate(Checks.command("true").named("accTitle: holds")))
            .phase(phase("2026-11-01 deploy").onFailure(FailurePolicy.CONTINUE)
                .step(Steps.command("false").named("<script>alert(1)</script> `y` \\z"))
                .validate(Checks.command("true").named("todayMarker off"))))
        .verify(Checks.command("true").named("excludes weekends; %% not a comment"))
        .build();
  }

  @Test
  void aRunAndARunbookWithHostileNamesRenderWithEveryNameDrawnAsItself(@TempDir Path dir) throws Exception {
    RollbackPlan plan = hostilePlan();
    assertThat(plan.check().problems()).isEmpty();
    ManualClock clock = ManualClock.at(Instant.parse("2026-11-01T10:00:00Z"));
    Path work = Files.createDirectories(dir.resolve("work"));
    RollbackReport report;
    try (RollbackExecutor executor = RollbackExecutor.builder().workspace(work).journal(Journal.inMemory())
        .clock(clock).approver(Approvers.callback(request -> {
          clock.advance(Duration.ofMinutes(5));
          return List.of(new Vote("eve: #65;\nsection x", Set.of("maintainer"), true, clock.instant(), "test",
              Optional.empty()));
        })).build()) {
      report = executor.run(plan, RunOptions.defaults().withSeverity("critical: #65; x")
          .withDetectedAt(clock.instant().minus(Duration.ofMinutes(10))));
    }
    assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
    Path md = dir.resolve("hostile-report.md");
    Files.writeString(md, report.toMarkdown(), StandardCharsets.UTF_8);
    Path runbook = dir.resolve("hostile-runbook.md");
    Files.writeString(runbook, plan.toMarkdown(), StandardCharsets.UTF_8);

    MermaidCli.Rendered r = renderCleanly(md, dir.resolve("report"));
    String svg = Files.readString(r.svgs().get(0), StandardCharsets.UTF_8);
    assertThat(svg).contains(">dateFormat x; waits 40 minutes (40m00s)</text>",
        ">href \"x\" &lt;b&gt;&amp;amp;&lt;/b&gt; {y} (250ms)</text>",
        ">&lt;script&gt;alert(1)&lt;/script&gt; `y` \\z (FAILED, ",
        ">Approval of severity 'critical: #65; x': GRANTED by eve: #65; section x (5m00s)</text>",
        ">title: P3-007 #1; 50% done \"quoted\" &lt;b&gt;: COMPLETED_WITH_FAILURES (times in UTC)</text>");
    MermaidCli.Rendered flow = renderCleanly(runbook, dir.resolve("runbook"));
    assertThat(flow.blocks()).singleElement().asString().startsWith("flowchart TD\n");
    assertThat(Files.readString(flow.svgs().get(0), StandardCharsets.UTF_8))
        .contains("Phase 1: click here: stop #3;", "Procedure: section: emergency | end");
  }

  /** The test can fail: a task line Mermaid takes for its title keyword draws a chart without bars, exit 0. */
  @Test
  void aChartMermaidDrawsBrokenIsCaughtThoughMmdcExitsZero(@TempDir Path dir) throws Exception {
    Path md = dir.resolve("broken.md");
    Files.writeString(md, "# Broken\n\n```mermaid\ngantt\n  dateFormat YYYY-MM-DDTHH:mm:ss.SSS\n  todayMarker off\n"
        + "  section S\n    title of a step:done, t1, 2026-11-01T10:00:00.000, 2026-11-01T10:00:01.000\n"
        + "    #80;lain:done, t2, 2026-11-01T10:00:01.000, 2026-11-01T10:00:02.000\n```\n",
        StandardCharsets.UTF_8);
    Path out = Files.createDirectories(dir.resolve("svg"));

    MermaidCli.Rendered r = mmdc.render(md, out);

    assertThat(r.exit()).isZero();
    assertThat(r.svgs()).hasSize(1);
    assertThat(r.problems()).contains("block 1: task t1 'title of a step' is not drawn");
  }
}
