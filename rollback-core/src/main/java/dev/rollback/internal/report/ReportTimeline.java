package dev.rollback.internal.report;

import dev.rollback.internal.MermaidGantt.Mark;
import dev.rollback.internal.MermaidGantt;
import dev.rollback.report.RollbackReport.ApprovalReport;
import dev.rollback.report.RollbackReport.CheckReport;
import dev.rollback.report.RollbackReport.CompensationReport;
import dev.rollback.report.RollbackReport.DeadlineStatus;
import dev.rollback.report.RollbackReport.PhaseReport;
import dev.rollback.report.RollbackReport.PhaseStatus;
import dev.rollback.report.RollbackReport.StepReport;
import dev.rollback.report.RollbackReport.StepStatus;
import dev.rollback.report.RollbackReport;
import dev.rollback.report.RunStatus;
import dev.rollback.spi.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The incident report's picture: a gantt chart of the run, so that where the time went is one glance. From top to
 * bottom: the deadline (detection, the time to roll back, when the deadline came at risk, the deadline itself); the
 * run's stages (assess and decide, each approval of the run, the readiness checklist, the procedure, the
 * verification, communicating and auditing) with the resumptions and monitoring alerts; one section per phase that
 * ran (the phase, its steps, each after the approval it waited for, its validations); the compensation;
 * and the checklist's and the verification's checks that took a noticeable share of the run.
 *
 * <p>Everything is drawn from the report's own instants, so the chart is as deterministic as the report. Checks
 * record only when they ended: each starts where the one before it ended, as the executor runs them one after the
 * other. Waits for people are drawn as active bars, failures as critical ones. A report without timings (or a run
 * that took no time on its clock) has no chart. Detection or a deadline so far from the run that the run would
 * shrink to a sliver is left off the chart and said in words below it.
 */
final class ReportTimeline {

  /**
   * Detection further before the run than this many times the run's length is left off the chart, and so is a
   * deadline further from the chart than this many times its length (detection to the end of the run).
   */
  static final int REACH = 10;

  /** A check that took at least this share (1/n) of the chart gets a bar of its own. */
  static final int NOTICEABLE = 100;

  /** How the executor names the approval a step asks for: {@code step '<name>'}. */
  private static final String STEP_SCOPE = "step '";

  private final RollbackReport r;
  private final List<String> offChart = new ArrayList<>();
  /** The approvals steps asked for, not drawn yet. */
  private final List<ApprovalReport> stepApprovals = new ArrayList<>();
  private MermaidGantt g;

  private ReportTimeline(RollbackReport r) {
    this.r = r;
  }

  /**
   * The chart's Markdown: a {@code ```mermaid} block, and a line for what is left off it; empty when the run took
   * no time (or the report's timings were removed).
   *
   * @param r the report
   * @return the Markdown, ending with a blank line, or an empty string
   */
  static String markdown(RollbackReport r) {
    if (!r.finishedAt().isAfter(r.startedAt())) {
      return "";
    }
    ReportTimeline t = new ReportTimeline(r);
    String chart = t.chart();
    StringBuilder b = new StringBuilder(chart.length() + 128);
    b.append("```mermaid\n").append(chart).append("```\n\n");
    if (!t.offChart.isEmpty()) {
      b.append("_Not on the chart: ").append(String.join("; ", t.offChart)).append("._\n\n");
    }
    return b.toString();
  }

  /**
   * The chart's Mermaid source.
   *
   * @param r the report; its run must have taken time
   * @return the source, starting with {@code gantt}
   */
  static String chart(RollbackReport r) {
    return new ReportTimeline(r).chart();
  }

  private String chart() {
    g = MermaidGantt.titled(r.planName() + ": " + r.status() + " (times in UTC)");
    deadline();
    List<ApprovalReport> early = stages();
    checks("Checklist", r.checklist(), early.isEmpty() ? Optional.empty()
        : Optional.of(early.get(early.size() - 1).decidedAt()));
    r.approvals().stream().filter(a -> a.scope().startsWith(STEP_SCOPE)).forEach(stepApprovals::add);
    int i = 1;
    for (PhaseReport p : r.phases()) {
      phase(i++, p);
    }
    compensation();
    checks("Verification", Stream.concat(r.verification().stream(), r.health().stream())
        .collect(Collectors.toList()), executed());
    return g.render();
  }

  /** Detection, the time to roll back, the deadline at risk, the deadline. */
  private void deadline() {
    RollbackReport.DeadlineReport d = r.deadline();
    g.section(d.deadline().isPresent() ? "Deadline" : "Detection");
    Duration run = Duration.between(r.startedAt(), r.finishedAt());
    Instant[] chartStart = {r.startedAt()};
    r.decision().ifPresent(dec -> {
      Instant detected = dec.detectedAt();
      if (!within(detected, r.startedAt().minus(run.multipliedBy(REACH)), r.finishedAt())) {
        offChart.add("detected at " + detected + ", " + ReportMarkdown.elapsed(detected, r.startedAt())
            + " before the run started");
        return;
      }
      g.milestone("Detected", detected);
      chartStart[0] = detected.isBefore(chartStart[0]) ? detected : chartStart[0];
      d.rolledBackAt().ifPresent(done -> g.task("Time to rollback (" + d.timeToRollback()
          .map(ReportMarkdown::elapsed).orElse(ReportMarkdown.elapsed(detected, done)) + ")", detected, done,
          d.status() == DeadlineStatus.MISSED ? Mark.CRIT : Mark.DONE));
    });
    d.atRiskAt().ifPresent(t -> g.milestone("Deadline at risk", t, Mark.CRIT));
    d.deadline().ifPresent(t -> {
      String what = "Deadline, " + d.status();
      Duration chart = Duration.between(chartStart[0], r.finishedAt());
      if (within(t, chartStart[0].minus(chart.multipliedBy(REACH)), r.finishedAt().plus(chart.multipliedBy(REACH)))) {
        g.milestone(what, t, d.status() == DeadlineStatus.MISSED ? Mark.CRIT : Mark.DONE);
      } else {
        offChart.add("the deadline at " + t + " (" + d.status() + "), " + (t.isAfter(r.finishedAt())
            ? ReportMarkdown.elapsed(r.finishedAt(), t) + " after the run ended"
            : ReportMarkdown.elapsed(t, r.startedAt()) + " before the run started"));
      }
    });
  }

  private static boolean within(Instant t, Instant from, Instant to) {
    return !t.isBefore(from) && !t.isAfter(to);
  }

  /**
   * The stages, each from where the one before ended.
   *
   * @return the approvals asked before the procedure, drawn here
   */
  private List<ApprovalReport> stages() {
    g.section("Run");
    Optional<Instant> firstPhase = r.phases().stream().flatMap(p -> p.startedAt().stream()).min(Instant::compareTo);
    List<ApprovalReport> early = r.approvals().stream().filter(a -> !a.scope().startsWith(STEP_SCOPE))
        .collect(Collectors.toList());
    Instant cursor = r.startedAt();
    String pending = "Assess and decide";
    Optional<Instant> decided = early.isEmpty() ? (r.checklist().isEmpty() ? firstPhase : Optional.empty())
        : Optional.of(early.get(0).requestedAt());
    if (decided.isPresent()) {
      cursor = stage(pending, cursor, decided.get(), Set.of());
      pending = null;
    }
    for (ApprovalReport a : early) {
      approval(a);
      cursor = a.decidedAt();
    }
    if (!r.checklist().isEmpty()) {
      Instant end = last(r.checklist()).orElse(cursor);
      cursor = stage((pending == null ? "Prepare" : "Assess, decide and prepare") + ": readiness checklist, "
          + count(r.checklist().size(), "check"), cursor, end, failed(r.checklist()));
      pending = null;
    }
    if (firstPhase.isPresent()) {
      Instant end = executed().orElse(r.finishedAt());
      boolean failures = r.phases().stream().anyMatch(p -> p.status() == PhaseStatus.FAILED);
      cursor = stage("Execute: procedure " + r.procedure().orElse(""), firstPhase.get(), end,
          failures ? Set.of(Mark.CRIT) : Set.of());
    }
    List<CheckReport> verify = Stream.concat(r.verification().stream(), r.health().stream())
        .collect(Collectors.toList());
    if (!verify.isEmpty()) {
      cursor = stage("Verify: " + count(verify.size(), "check"), cursor, last(verify).orElse(cursor),
          failed(verify));
    }
    if (cursor.isBefore(r.finishedAt())) {
      String closing = r.notifications().isEmpty() ? "Audit" : "Communicate and audit";
      if (!r.alerts().isEmpty()) {
        closing = closing.replace(" and ", ", ") + " and monitor";
      }
      stage(pending == null ? closing : pending + ", then " + closing.toLowerCase(java.util.Locale.ROOT), cursor,
          r.finishedAt(), Set.of());
    }
    for (Instant t : r.resumedAt()) {
      g.milestone("Resumed", t, Mark.ACTIVE);
    }
    for (RollbackReport.AlertReport a : r.alerts()) {
      g.milestone("Alert: " + a.rule(), a.at(), Mark.CRIT);
    }
    g.milestone("Finished: " + r.status(), r.finishedAt(), failure(r.status()) ? Mark.CRIT : Mark.DONE);
    return early;
  }

  private Instant stage(String name, Instant start, Instant end, Set<Mark> marks) {
    Set<Mark> m = marks.isEmpty() ? EnumSet.of(Mark.DONE) : EnumSet.copyOf(marks);
    g.task(name + " (" + ReportMarkdown.elapsed(start, end.isBefore(start) ? start : end) + ")", start, end,
        m.toArray(new Mark[0]));
    return end.isBefore(start) ? start : end;
  }

  private void approval(ApprovalReport a) {
    String who = a.votes().stream().filter(v -> v.counted() && v.approve()).map(RollbackReport.VoteReport::person)
        .collect(Collectors.joining(", "));
    boolean asked = a.expiresAt().isPresent();
    g.task("Approval of " + a.scope() + ": " + a.outcome() + (who.isEmpty() ? "" : " by " + who) + " ("
        + ReportMarkdown.elapsed(a.requestedAt(), a.decidedAt()) + ")", a.requestedAt(), a.decidedAt(),
        !a.granted() ? Mark.CRIT : asked ? Mark.ACTIVE : Mark.DONE);
  }

  /** A phase that ran: itself, its steps, each after the approval it waited for, its validations. */
  private void phase(int i, PhaseReport p) {
    if (p.startedAt().isEmpty()) {
      return;
    }
    Instant start = p.startedAt().get();
    Instant end = p.finishedAt().orElse(r.finishedAt());
    g.section("Phase " + i);
    g.task(p.name() + " (" + (p.status() == PhaseStatus.PASSED ? "" : p.status() + ", ")
        + ReportMarkdown.elapsed(start, end.isBefore(start) ? start : end) + (p.finishedAt().isEmpty()
        ? ", no end recorded" : "") + ")", start, end, p.status() == PhaseStatus.FAILED ? Mark.CRIT : Mark.DONE);
    Instant cursor = start;
    for (StepReport s : p.steps()) {
      stepApprovals.stream().filter(a -> a.scope().equals(STEP_SCOPE + s.name() + "'")
          && within(a.requestedAt(), start, end)).findFirst().ifPresent(a -> {
            stepApprovals.remove(a);
            approval(a);
          });
      if (s.startedAt().isEmpty()) {
        if (s.status() == StepStatus.SKIPPED && s.finishedAt().isPresent()) {
          g.milestone(s.name() + " (SKIPPED)", s.finishedAt().get());
        }
        continue;
      }
      Instant st = s.startedAt().get();
      Instant en = s.finishedAt().orElse(end);
      g.task(s.name() + " (" + (s.status() == StepStatus.APPLIED ? "" : s.status() + ", ")
          + (s.attempts() > 1 ? s.attempts() + " attempts, " : "")
          + ReportMarkdown.elapsed(st, en.isBefore(st) ? st : en)
          + (s.finishedAt().isEmpty() ? ", no end recorded" : "") + ")", st, en,
          s.status() == StepStatus.FAILED ? Mark.CRIT : s.finishedAt().isEmpty() ? Mark.ACTIVE : Mark.DONE);
      cursor = en.isAfter(cursor) ? en : cursor;
    }
    for (CheckReport c : p.validations()) {
      cursor = check("Validate: ", c, cursor);
    }
  }

  /** What compensation undid, each undo from where the one before ended. */
  private void compensation() {
    if (r.compensation().isEmpty()) {
      return;
    }
    g.section("Compensation");
    Instant cursor = r.phases().stream().flatMap(p -> p.finishedAt().stream()).max(Instant::compareTo)
        .orElse(r.compensation().get(0).at());
    for (CompensationReport c : r.compensation()) {
      Instant start = c.at().isBefore(cursor) ? c.at() : cursor;
      g.task("Undo " + c.step() + ": " + c.status() + " (" + ReportMarkdown.elapsed(start, c.at()) + ")", start,
          c.at(), c.status() == RollbackReport.CompensationStatus.FAILED ? Mark.CRIT : Mark.DONE);
      cursor = c.at();
    }
  }

  /** The checks of a stage that took a noticeable share of the chart, in a section of their own. */
  private void checks(String section, List<CheckReport> checks, Optional<Instant> stageStart) {
    if (checks.isEmpty() || stageStart.isEmpty()) {
      return;
    }
    Duration noticeable = Duration.between(g.first().orElse(r.startedAt()), g.last().orElse(r.finishedAt()))
        .dividedBy(NOTICEABLE);
    Instant cursor = stageStart.get();
    boolean started = false;
    for (CheckReport c : checks) {
      Instant start = c.at().isBefore(cursor) ? c.at() : cursor;
      if (Duration.between(start, c.at()).compareTo(noticeable) >= 0 && !noticeable.isZero()) {
        if (!started) {
          g.section(section);
          started = true;
        }
        check("", c, start);
      }
      cursor = c.at().isAfter(cursor) ? c.at() : cursor;
    }
  }

  private Instant check(String prefix, CheckReport c, Instant cursor) {
    Instant start = c.at().isBefore(cursor) ? c.at() : cursor;
    g.task(prefix + c.name() + " (" + (c.passed() ? "" : c.status() + ", ") + ReportMarkdown.elapsed(start, c.at())
        + ")", start, c.at(), c.passed() || c.skipped() ? Mark.DONE : Mark.CRIT);
    return c.at();
  }

  /** When the procedure ended: when it rolled back, else when its last phase that ran finished. */
  private Optional<Instant> executed() {
    Optional<Instant> rolledBack = r.deadline().rolledBackAt();
    if (rolledBack.isPresent()) {
      return rolledBack;
    }
    return r.phases().stream().flatMap(p -> p.finishedAt().stream()).max(Instant::compareTo);
  }

  private static Optional<Instant> last(List<CheckReport> checks) {
    return checks.stream().map(CheckReport::at).max(Instant::compareTo);
  }

  private static Set<Mark> failed(List<CheckReport> checks) {
    return checks.stream().anyMatch(c -> c.status() != CheckResult.Status.PASSED
        && c.status() != CheckResult.Status.SKIPPED) ? Set.of(Mark.CRIT) : Set.of();
  }

  private static boolean failure(RunStatus s) {
    return s != RunStatus.SUCCEEDED && s != RunStatus.PREPARED && s != RunStatus.NO_ROLLBACK;
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}
