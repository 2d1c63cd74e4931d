package dev.rollback.internal.report;

import dev.rollback.internal.Texts;
import dev.rollback.internal.journal.PlainJson;
import dev.rollback.report.RollbackReport.ApprovalReport;
import dev.rollback.report.RollbackReport.CheckReport;
import dev.rollback.report.RollbackReport.CompensationReport;
import dev.rollback.report.RollbackReport.DecisionReport;
import dev.rollback.report.RollbackReport.NotificationReport;
import dev.rollback.report.RollbackReport.PhaseReport;
import dev.rollback.report.RollbackReport.StepReport;
import dev.rollback.report.RollbackReport.VoteReport;
import dev.rollback.report.RollbackReport;
import dev.rollback.run.Preview;
import dev.rollback.spi.Audit;
import dev.rollback.spi.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a report as a Markdown incident report, opening with a gantt chart of the run ({@link ReportTimeline}),
 * and a preview as Markdown. Deterministic apart from timings.
 */
public final class ReportMarkdown {

  private ReportMarkdown() {}

  /**
   * The incident report.
   *
   * @param r the report
   * @return the Markdown text
   */
  public static String report(RollbackReport r) {
    StringBuilder b = new StringBuilder(4096);
    b.append("# Incident report: ").append(inline(r.planName())).append("\n\n");
    b.append("**").append(r.status()).append("** — ").append(inline(r.summary())).append("\n\n");
    b.append(ReportTimeline.markdown(r));
    b.append("| | |\n|---|---|\n");
    row(b, "Run", "`" + r.runId() + "`");
    row(b, "Plan hash", "`" + r.planHash().substring(0, Math.min(16, r.planHash().length())) + "`");
    r.decision().ifPresent(d -> {
      row(b, "Severity", d.severity().orElse("none") + " (" + d.decidedBy() + ")");
      row(b, "Response", d.response());
      row(b, "Procedure", d.procedure().orElse("none") + (d.emergency() ? " (emergency forced)" : ""));
      row(b, "Detected", d.detectedAt().toString());
    });
    row(b, "Deadline", r.deadline().deadline().map(Instant::toString).orElse("none") + " — "
        + r.deadline().status());
    r.deadline().timeToRollback().ifPresent(t -> row(b, "Time to rollback", elapsed(t)));
    r.deadline().atRiskAt().ifPresent(t -> row(b, "Deadline at risk since", t.toString()));
    row(b, "Started", r.startedAt().toString());
    row(b, "Finished", r.finishedAt().toString());
    for (Instant t : r.resumedAt()) {
      row(b, "Resumed", t.toString());
    }
    b.append("\n");
    if (!r.unavailable().isEmpty()) {
      b.append("## Skipped: unavailable adapters\n\n");
      r.unavailable().forEach((a, why) -> b.append("- `").append(a).append("`: ").append(inline(why)).append("\n"));
      b.append("\nTheir steps and checks are marked SKIPPED and their signals unknown, as the run's options allowed.\n\n");
    }

    r.decision().ifPresent(d -> decision(b, d));
    if (!r.snapshot().isEmpty()) {
      b.append("## Snapshot\n\n| Signal | Value | How |\n|---|---|---|\n");
      r.snapshot().forEach(m -> b.append("| ").append(cell(m.signal())).append(" | ").append(cell(m.value()))
          .append(" | ").append(cell(m.summary())).append(" |\n"));
      b.append("\n");
    }
    if (!r.approvals().isEmpty()) {
      b.append("## Approvals\n\n");
      for (ApprovalReport a : r.approvals()) {
        b.append("- **").append(inline(a.scope())).append("** (").append(inline(a.policy())).append("): ")
            .append(a.outcome()).append(" — ").append(inline(a.explanation())).append(" at ").append(a.decidedAt())
            .append("\n");
        if (!a.covers().isEmpty()) {
          b.append("  - covers: ").append(inline(String.join(", ", a.covers()))).append("\n");
        }
        for (VoteReport v : a.votes()) {
          b.append("  - ").append(v.approve() ? "approve" : "deny").append(" by ").append(inline(v.person()))
              .append(v.roles().isEmpty() ? "" : " (" + inline(String.join(", ", v.roles())) + ")").append(" via ")
              .append(inline(v.via())).append(" at ").append(v.at())
              .append(v.comment().map(c -> ": \"" + inline(c) + "\"").orElse(""))
              .append(v.counted() ? "" : " — not counted: " + inline(v.note().orElse(""))).append("\n");
        }
      }
      b.append("\n");
    }
    checks(b, "Readiness checklist", r.checklist(), true);
    if (!r.phases().isEmpty()) {
      b.append("## Procedure: ").append(inline(r.procedure().orElse(""))).append("\n\n");
      int i = 1;
      for (PhaseReport p : r.phases()) {
        phase(b, i++, p);
      }
    }
    if (!r.compensation().isEmpty()) {
      b.append("## Compensation\n\n| Phase | Step | Outcome | Detail |\n|---|---|---|---|\n");
      for (CompensationReport c : r.compensation()) {
        b.append("| ").append(cell(c.phase())).append(" | ").append(cell(c.step())).append(" | ").append(c.status())
            .append(" | ").append(cell(c.summary())).append(" |\n");
      }
      b.append("\n");
    }
    if (!r.interventions().isEmpty()) {
      b.append("## After the interruption\n\n| What | Work | Done | By | When |\n|---|---|---|---|---|\n");
      for (RollbackReport.InterventionReport x : r.interventions()) {
        b.append("| ").append(x.kind() == RollbackReport.Intervention.RECOVERED ? "recovered"
            : x.kind() == RollbackReport.Intervention.SETTLED_DONE ? "settled: done" : "settled: redo")
            .append(" | ").append(cell(x.subject())).append(" | ").append(cell(x.summary())).append(" | ")
            .append(cell(x.by())).append(" | ").append(x.at()).append(" |\n");
      }
      b.append("\n");
    }
    checks(b, "Verification", r.verification(), false);
    checks(b, "Health checks", r.health(), false);
    if (!r.notifications().isEmpty()) {
      b.append("## Notifications\n\n| Message | Event | Channel | Delivered | Where / why not | Attempts |\n"
          + "|---|---|---|---|---|---|\n");
      for (NotificationReport n : r.notifications()) {
        b.append("| ").append(cell(n.message())).append(" | ").append(n.event()).append(" | ")
            .append(cell(n.channel())).append(" | ").append(n.delivered() ? "yes" : "no").append(" | ")
            .append(cell(n.location().or(n::error).orElse(""))).append(" | ").append(n.attempts()).append(" |\n");
      }
      b.append("\n");
    }
    if (!r.alerts().isEmpty()) {
      b.append("## Monitoring alerts\n\n");
      r.alerts().forEach(a -> b.append("- ").append(a.at()).append(" **").append(inline(a.rule())).append("**: ")
          .append(inline(a.action())).append(" — ").append(inline(a.explanation())).append("\n"));
      b.append("\n");
    }
    b.append("## Safety audit\n\n");
    if (r.audits().isEmpty()) {
      b.append("_No adapter had anything to prove._\n\n");
    }
    for (Audit a : r.audits()) {
      b.append("- ").append(a.passed() ? "[x]" : "[ ] **FAILED**").append(" `").append(a.adapter()).append("`: ")
          .append(inline(a.summary())).append("\n");
      evidence(b, a.evidence(), "  ");
    }
    if (!r.audits().isEmpty()) {
      b.append("\n");
    }
    if (!r.outputs().isEmpty()) {
      b.append("## Outputs\n\n| Name | Value |\n|---|---|\n");
      r.outputs().forEach((k, v) -> b.append("| `").append(k).append("` | ").append(cell(show(v))).append(" |\n"));
      b.append("\n");
    }
    return b.toString();
  }

  private static void decision(StringBuilder b, DecisionReport d) {
    b.append("## Decision\n\n").append(inline(d.explanation())).append("\n\n");
    for (String e : d.evaluations()) {
      b.append("- ").append(inline(e)).append("\n");
    }
    if (d.evaluations().isEmpty()) {
      for (String u : d.unknowns()) {
        b.append("- unknown: ").append(inline(u)).append("\n");
      }
    }
    if (!d.evaluations().isEmpty() || !d.unknowns().isEmpty()) {
      b.append("\n");
    }
  }

  private static void phase(StringBuilder b, int i, PhaseReport p) {
    b.append("### ").append(i).append(". ").append(inline(p.name())).append(" — ").append(p.status());
    p.startedAt().ifPresent(s -> p.finishedAt().ifPresent(f -> b.append(" (").append(elapsed(Duration.between(s, f)))
        .append(")")));
    b.append("\n\n");
    p.failure().ifPresent(f -> b.append("Failed: ").append(inline(f)).append(" (on failure: ")
        .append(p.onFailure()).append(")\n\n"));
    b.append("| Step | Effect | Status | Attempts | Took | Summary |\n|---|---|---|---|---|---|\n");
    for (StepReport s : p.steps()) {
      b.append("| ").append(cell(s.name())).append(" | ").append(s.effect()).append(" | ").append(s.status())
          .append(" | ").append(s.attempts()).append(" | ")
          .append(s.startedAt().flatMap(st -> s.finishedAt().map(f -> elapsed(Duration.between(st, f)))).orElse(""))
          .append(" | ").append(cell(s.error().map(e -> "**error:** " + e).orElse(s.summary()))).append(" |\n");
    }
    b.append("\n");
    for (StepReport s : p.steps()) {
      if (s.value().isEmpty() && s.outputs().isEmpty() && s.evidence().isEmpty()) {
        continue;
      }
      b.append("- `").append(inline(s.name())).append("`\n");
      s.value().ifPresent(v -> b.append("  - value: ").append(code(show(v))).append("\n"));
      s.outputs().forEach((k, v) -> b.append("  - output ").append(k).append(": ").append(code(show(v))).append("\n"));
      evidence(b, s.evidence(), "  ");
    }
    if (p.steps().stream().anyMatch(s -> s.value().isPresent() || !s.outputs().isEmpty() || !s.evidence().isEmpty())) {
      b.append("\n");
    }
    if (!p.validations().isEmpty()) {
      b.append("Validations:\n\n");
      for (CheckReport c : p.validations()) {
        b.append("- ").append(box(c)).append(" ").append(inline(c.name())).append(" — ").append(inline(c.summary()))
            .append("\n");
      }
      b.append("\n");
    }
  }

  private static void checks(StringBuilder b, String title, List<CheckReport> checks, boolean showValues) {
    if (checks.isEmpty()) {
      return;
    }
    b.append("## ").append(title).append("\n\n");
    for (CheckReport c : checks) {
      b.append("- ").append(box(c)).append(" ").append(inline(c.name())).append(" — ").append(inline(c.summary()));
      if (showValues) {
        c.value().ifPresent(v -> b.append(" (").append(code(show(v))).append(")"));
      }
      b.append("\n");
    }
    b.append("\n");
  }

  private static String box(CheckReport c) {
    return c.status() == CheckResult.Status.PASSED ? "[x]" : c.status() == CheckResult.Status.FAILED ? "[ ] **FAILED**"
        : c.status() == CheckResult.Status.SKIPPED ? "[ ] **SKIPPED**" : "[ ] **UNKNOWN**";
  }

  private static void evidence(StringBuilder b, Map<String, Object> evidence, String indent) {
    evidence.forEach((k, v) -> {
      String s = show(v);
      if (s.contains("\n")) {
        b.append(indent).append("- ").append(k).append(":\n\n").append(indent).append("  ```\n");
        for (String line : s.split("\n", -1)) {
          b.append(indent).append("  ").append(Texts.terminalSafe(line.replace("```", "ˋˋˋ"))).append("\n");
        }
        b.append(indent).append("  ```\n");
      } else {
        b.append(indent).append("- ").append(k).append(": ").append(code(s)).append("\n");
      }
    });
  }

  /**
   * The preview.
   *
   * @param p the preview
   * @return the Markdown text
   */
  public static String preview(Preview p) {
    StringBuilder b = new StringBuilder(4096);
    b.append("# Preview: ").append(inline(p.planName())).append("\n\n");
    b.append("_Dry run at ").append(p.at()).append("; plan hash `")
        .append(p.planHash(), 0, Math.min(16, p.planHash().length())).append("`. Nothing was changed._\n\n");
    p.decision().ifPresent(d -> {
      b.append("**Severity:** ").append(d.severity().orElse("none")).append(" (").append(d.decidedBy())
          .append(") — ").append(inline(d.response())).append("  \n**Procedure:** ")
          .append(d.procedure().orElse("none")).append(d.emergency() ? " (emergency forced)" : "")
          .append("  \n**Deadline:** ").append(d.deadline().map(Instant::toString).orElse("none")).append("\n\n");
      decision(b, d);
    });
    if (!p.problems().isEmpty()) {
      b.append("## Problems\n\n");
      p.problems().forEach(x -> b.append("- ").append(inline(x)).append("\n"));
      b.append("\n");
    }
    if (!p.approvals().isEmpty()) {
      b.append("## Approvals needed\n\n");
      p.approvals().forEach(x -> b.append("- ").append(inline(x)).append("\n"));
      b.append("\n");
    }
    checks(b, "Readiness checklist", p.checklist(), true);
    int i = 1;
    for (Preview.PlannedPhase ph : p.phases()) {
      b.append("## ").append(i++).append(". ").append(inline(ph.name())).append(" (on failure: ")
          .append(ph.onFailure()).append(")\n\n");
      for (Preview.PlannedStep s : ph.steps()) {
        b.append("- **").append(inline(s.name())).append("** `").append(s.kind()).append("` ").append(s.effect())
            .append(s.applied() ? " (ran for real)" : "").append(": ").append(inline(s.summary())).append("\n");
        s.failure().ifPresent(f -> b.append("  - **would fail:** ").append(inline(f)).append("\n"));
        s.warnings().forEach(w -> b.append("  - warning: ").append(inline(w)).append("\n"));
        s.approval().ifPresent(a -> b.append("  - approval: ").append(inline(a)).append("\n"));
        s.params().forEach((k, v) -> b.append("  - ").append(k).append(" = ").append(code(show(v))).append("\n"));
        s.value().ifPresent(v -> b.append("  - value: ").append(code(show(v))).append("\n"));
      }
      if (!ph.validations().isEmpty()) {
        b.append("\nValidated by: ").append(inline(String.join("; ", ph.validations()))).append("\n");
      }
      b.append("\n");
    }
    if (!p.verification().isEmpty()) {
      b.append("## Verification\n\n");
      p.verification().forEach(x -> b.append("- ").append(inline(x)).append("\n"));
      b.append("\n");
    }
    if (!p.notifications().isEmpty()) {
      b.append("## Notifications\n\n");
      p.notifications().forEach(x -> b.append("- ").append(inline(x)).append("\n"));
      b.append("\n");
    }
    return b.toString();
  }

  /** A duration as a clock reads: {@code 1h02m05s}, {@code 3m05s}, {@code 12s}, {@code 450ms}. */
  static String elapsed(Duration d) {
    if (d.isNegative()) {
      return "-" + elapsed(d.negated());
    }
    long s = d.getSeconds();
    if (s == 0) {
      return d.toMillis() + "ms";
    }
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
  }

  private static String show(Object v) {
    if (v instanceof String) {
      return (String) v;
    }
    if (v instanceof Duration) {
      return Texts.duration((Duration) v);
    }
    if (v instanceof Map || v instanceof List) {
      return PlainJson.text(v, false, x -> x);
    }
    return String.valueOf(v instanceof Optional ? ((Optional<?>) v).map(Object::toString).orElse("") : v);
  }

  private static void row(StringBuilder b, String k, String v) {
    b.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n");
  }

  private static String inline(String s) {
    return Texts.printable(s.replace("\n", " "));
  }

  private static String cell(String s) {
    return inline(s).replace("|", "\\|");
  }

  private static String code(String s) {
    String one = inline(s);
    return one.contains("`") ? "``" + one + "``" : "`" + one + "`";
  }

  /**
   * The time between two instants, as a clock reads.
   *
   * @param from the start
   * @param to the end
   * @return the text
   */
  public static String elapsed(Instant from, Instant to) {
    return elapsed(Duration.between(from, to));
  }

  /**
   * A status in lower case for prose.
   *
   * @param e the status
   * @return the text
   */
  public static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
