package dev.rollback.internal;

import dev.rollback.Check;
import dev.rollback.Command;
import dev.rollback.MessageTemplate;
import dev.rollback.Monitoring;
import dev.rollback.MonitoringRule;
import dev.rollback.Phase;
import dev.rollback.Procedure;
import dev.rollback.RecoveryStrategy;
import dev.rollback.RollbackPlan;
import dev.rollback.SeverityLevel;
import dev.rollback.Signal;
import dev.rollback.Step;
import dev.rollback.Steps;
import dev.rollback.Trigger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Renders a plan as a Markdown runbook. Pure function of the plan: no clock, no locale, no hash order. */
public final class MarkdownRunbook {

  private MarkdownRunbook() {}

  /**
   * Renders the runbook: one {@link PlanWalker walk} over the plan, each part written as the walk reaches it.
   *
   * @param plan the plan
   * @return the Markdown text
   */
  public static String render(RollbackPlan plan) {
    Writer w = new Writer(plan);
    PlanWalker.walk(plan, w);
    String out = w.b.toString();
    return out.endsWith("\n\n") ? out.substring(0, out.length() - 1) : out;
  }

  /** Writes each part of the plan as the walk reaches it, the sections' headings at the start of their lists. */
  private static final class Writer implements PlanWalker.Visitor {

    private final RollbackPlan plan;
    private final StringBuilder b = new StringBuilder(16384);
    /** The signals the triggers and severities measure, listed after the assessment's own. */
    private final Set<Signal> conditionSignals = new LinkedHashSet<>();
    private final Set<Signal> measured = new LinkedHashSet<>();
    private boolean inPhase;
    private boolean monitored;
    private boolean messageValues;
    private int phaseNumber;
    private int stepNumber;

    Writer(RollbackPlan plan) {
      this.plan = plan;
    }

    @Override
    public void plan(RollbackPlan plan) {
      b.append("# ").append(inline(plan.name())).append("\n\n");
      if (!plan.summary().isBlank()) {
        b.append(plan.summary().strip()).append("\n\n");
      }
      b.append("_Plan hash `").append(plan.hash(), 0, 16).append("`. Rendered from the plan; edit the plan, not"
          + " this file._\n\n");
    }

    @Override
    public void list(PlanPath path, String field, List<?> items) {
      switch (field) {
        case "triggers":
          b.append("## Rollback triggers\n\n");
          none(items);
          break;
        case "severities":
          b.append("## Decision matrix\n\n");
          b.append("The highest severity whose condition holds wins; its deadline counts from detection.\n\n");
          b.append("| Severity | Description | Condition | Action | Deadline | Approval | Procedure |\n");
          b.append("|---|---|---|---|---|---|---|\n");
          break;
        case "readinessChecks":
          b.append("## Rollback readiness checklist\n\n");
          none(items);
          break;
        case "procedures":
          b.append("## Rollback procedures\n\n");
          break;
        case "phases":
          phaseNumber = 1;
          break;
        case "steps":
          stepNumber = 1;
          break;
        case "validations":
          if (inPhase) {
            b.append("\nValidation:\n\n");
            none(items);
          } else if (!items.isEmpty()) {
            b.append("Recovery validation:\n\n");
          }
          break;
        case "verifications":
          b.append("## Post-rollback validation\n\n");
          b.append("### Functionality verification\n\n");
          none(items);
          break;
        case "healthChecks":
          b.append("### System health checks\n\n");
          none(items);
          break;
        case "rules":
          b.append("| Alert | Condition | Action |\n|---|---|---|\n");
          break;
        case "recoveries":
          if (!monitored) {
            b.append("## Monitoring and alerting\n\n");
            b.append("_No monitoring after the rollback._\n\n");
          }
          b.append("## Recovery procedures\n\n");
          none(items);
          break;
        case "messages":
          b.append("## Communication plan\n\n");
          if (items.isEmpty()) {
            b.append("_No message._\n\n");
          }
          break;
        default:
          break;
      }
    }

    @Override
    public void endList(PlanPath path, String field, List<?> items) {
      switch (field) {
        case "triggers":
          if (!items.isEmpty()) {
            b.append("\n");
          }
          break;
        case "severities":
        case "rules":
          b.append("\n");
          break;
        case "assessment":
          assessment();
          break;
        case "procedures":
          b.append("### Flowchart\n\n```mermaid\n").append(mermaid(plan)).append("```\n\n");
          break;
        case "steps":
          if (items.isEmpty()) {
            b.append("_No step._\n");
          }
          break;
        case "metrics":
          if (!items.isEmpty()) {
            b.append("\n");
          }
          break;
        case "readinessChecks":
        case "validations":
        case "verifications":
        case "healthChecks":
          if (!items.isEmpty()) {
            b.append("\n");
          }
          break;
        default:
          break;
      }
    }

    @Override
    public void trigger(PlanPath path, Trigger t) {
      b.append("- **").append(Markdown.text(t.name())).append("**: ").append(Markdown.text(t.description()))
          .append(" — ").append(Markdown.code(t.condition().describe())).append("\n");
      conditionSignals.addAll(t.condition().signals());
    }

    @Override
    public void severity(PlanPath path, SeverityLevel s) {
      b.append("| ").append(cell(s.name()))
          .append(" | ").append(cell(s.description()))
          .append(" | ").append(Markdown.cellCode(s.condition().describe()))
          .append(" | ").append(cell(s.response().describe()))
          .append(" | ").append(cell(s.response().deadlineText()))
          .append(" | ").append(cell(s.approval().describe()))
          .append(" | ").append(cell(plan.procedureFor(s).map(Procedure::name).orElse("—")))
          .append(" |\n");
      conditionSignals.addAll(s.condition().signals());
    }

    @Override
    public void signal(PlanPath path, PlanWalker.SignalRole role, Signal s) {
      if (role == PlanWalker.SignalRole.ASSESSMENT) {
        measured.add(s);
      } else {
        b.append("- ").append(Markdown.code(s.displayName())).append("\n");
      }
    }

    private void assessment() {
      b.append("## Pre-rollback assessment\n\n");
      b.append("### System state snapshot\n\n");
      b.append("Captured before anything changes:\n\n");
      measured.addAll(conditionSignals);
      if (measured.isEmpty()) {
        b.append("_No signal._\n");
      }
      for (Signal s : measured) {
        b.append("- ").append(Markdown.code(s.displayName()));
        if (s.name().isPresent()) {
          b.append(": ").append(inline(s.label()));
        }
        b.append(" (").append(s.unit().name().toLowerCase(Locale.ROOT)).append(")\n");
      }
      b.append("\n");
      if (!plan.impactAnalysis().isEmpty()) {
        b.append("### Impact analysis\n\n");
        plan.impactAnalysis().forEach(q -> b.append("- ").append(inline(q)).append("\n"));
        b.append("\n");
      }
    }

    @Override
    public void check(PlanPath path, PlanWalker.CheckRole role, Check c) {
      if (role == PlanWalker.CheckRole.PROBE) {
        String probe = commandLine(c.kind(), c.params());
        b.append(", done when ").append(c.describe().equals(probe) ? Markdown.code(probe) : inline(c.describe()))
            .append(" passes");
        return;
      }
      String command = commandLine(c.kind(), c.params());
      if (c.describe().equals(command)) {
        b.append("- [ ] ").append(Markdown.code(command));
      } else {
        b.append("- [ ] ").append(inline(c.describe()));
        if (c.isManual()) {
          b.append(" (confirmed by a person)");
        } else if (c.condition().isPresent()) {
          b.append(" — ").append(Markdown.code(c.condition().get().describe()));
        } else {
          b.append(" — ").append(detail(c.kind(), c.params(), command));
        }
      }
      if (c.params().containsKey("pattern")) {
        b.append(", reads ").append(Markdown.code(Params.show(c.params().get("pattern"))));
      }
      c.output().ifPresent(o -> b.append(", binds ").append(Markdown.code(o)));
      b.append("\n");
    }

    @Override
    public void procedure(PlanPath path, Procedure p) {
      boolean emergency = plan.emergencyProcedure().equals(Optional.of(p.name()));
      boolean standard = plan.standardProcedure().map(x -> x == p).orElse(false);
      b.append("### ").append(emergency ? "Emergency procedure: " : "Procedure: ").append(inline(p.name()));
      if (standard) {
        b.append(" (standard)");
      }
      b.append("\n\n");
      p.description().ifPresent(d -> b.append(d.strip()).append("\n\n"));
    }

    @Override
    public void endProcedure(PlanPath path, Procedure p) {
      b.append("Worst case, every step timing out and retrying: ")
          .append(Texts.duration(PlanChecker.worstCase(plan, p.phases()))).append(".\n\n");
    }

    @Override
    public void recovery(PlanPath path, RecoveryStrategy r) {
      b.append("### ").append(inline(r.name())).append(" (")
          .append(r.kind().name().toLowerCase(Locale.ROOT)).append(" recovery)\n\n");
      r.description().ifPresent(d -> b.append(d.strip()).append("\n\n"));
      if (!r.keep().isEmpty()) {
        b.append("Keep: ").append(inline(String.join(", ", r.keep()))).append("\n\n");
      }
      if (!r.revert().isEmpty()) {
        b.append("Revert: ").append(inline(String.join(", ", r.revert()))).append("\n\n");
      }
      r.approval().ifPresent(a -> b.append("Approval: ").append(Markdown.text(a.describe())).append("\n\n"));
    }

    @Override
    public void phase(PlanPath path, Phase ph) {
      inPhase = true;
      b.append("#### Phase ").append(phaseNumber++).append(": ").append(inline(ph.name())).append("\n\n");
      ph.action().ifPresent(a -> b.append("Action: ").append(inline(a)).append("\n\n"));
    }

    @Override
    public void endPhase(PlanPath path, Phase ph) {
      b.append("On failure: ").append(ph.onFailure().name().toLowerCase(Locale.ROOT)).append(".\n\n");
      inPhase = false;
    }

    @Override
    public void step(PlanPath path, Step s) {
      b.append(stepNumber++).append(". ");
      String command = commandLine(s.kind(), s.params());
      if (s.describe().equals(command)) {
        b.append(Markdown.code(command)).append(" —");
      } else {
        b.append(inline(s.describe())).append(" — ");
        if (s.kind().equals(Steps.CONFIRM)) {
          b.append("by hand,");
        } else {
          b.append(detail(s.kind(), s.params(), command)).append(",");
        }
      }
      b.append(" ").append(s.effect().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      b.append(", timeout ").append(Texts.duration(s.timeout().orElse(plan.defaultTimeout())));
      if (s.retry().maxAttempts() > 1) {
        b.append(", up to ").append(s.retry().maxAttempts()).append(" attempts");
      }
      s.output().ifPresent(o -> b.append(", binds ").append(Markdown.code(o)));
      s.approval().ifPresent(a -> b.append(", needs ").append(Markdown.text(a.describe())));
      // The idempotency probe, if any, follows through check(PROBE) on the same line.
    }

    @Override
    public void endStep(PlanPath path, Step s) {
      b.append("\n");
    }

    @Override
    public void monitoring(PlanPath path, Monitoring m) {
      monitored = true;
      b.append("## Monitoring and alerting\n\n");
      b.append("Every ").append(Texts.duration(m.interval())).append(" for ").append(Texts.duration(m.period()))
          .append(" after the rollback.\n\n");
      if (!m.metrics().isEmpty()) {
        b.append("Metrics:\n\n");
      }
    }

    @Override
    public void rule(PlanPath path, MonitoringRule r) {
      b.append("| ").append(cell(r.name())).append(" | ").append(Markdown.cellCode(r.condition().describe()))
          .append(" | ").append(cell(r.action())).append(" |\n");
    }

    @Override
    public void message(PlanPath path, MessageTemplate m) {
      b.append("### ").append(inline(m.name())).append("\n\n");
      b.append("Sent on ").append(m.event().name().toLowerCase(Locale.ROOT).replace('_', ' '))
          .append(" through ").append(inline(String.join(", ", m.channels()))).append(".\n\n");
      b.append(Markdown.fenced("markdown", "# " + Markdown.oneLine(m.title().strip()) + "\n\n" + m.body().strip()))
          .append("\n");
    }

    @Override
    public void messageValue(PlanPath path, String name, Object value) {
      if (!messageValues) {
        messageValues = true;
        b.append("Values the messages use, unless a run gives others:\n\n");
      }
      b.append("- ").append(inline(name)).append(": ").append(inline(MessageTemplates.show(value))).append("\n");
    }

    @Override
    public void endPlan(RollbackPlan plan) {
      if (messageValues) {
        b.append("\n");
      }
      b.append("## Success criteria\n\n");
      if (plan.successCriteria().isEmpty()) {
        b.append("_None._\n\n");
      }
      plan.successCriteria().forEach(c -> b.append("- ").append(inline(c)).append("\n"));
      if (!plan.successCriteria().isEmpty()) {
        b.append("\n");
      }
    }

    private void none(List<?> items) {
      if (items.isEmpty()) {
        b.append("_None._\n\n");
      }
    }
  }

  /**
   * The Mermaid flowchart of the procedures: assess, decide by severity, then each procedure's phases, each
   * gated by its validation, with the failure policy on the failing edge; one {@link PlanWalker walk} over the
   * plan, its recovery strategies left out.
   *
   * @param plan the plan
   * @return the Mermaid source, ending with a newline
   */
  public static String mermaid(RollbackPlan plan) {
    Flowchart f = new Flowchart(plan);
    PlanWalker.walk(plan, false, f);
    return f.b.toString();
  }

  /** Writes the flowchart as the walk reaches the severities and the procedures' phases. */
  private static final class Flowchart implements PlanWalker.Visitor {

    private final RollbackPlan plan;
    private final StringBuilder b = new StringBuilder();
    /** The index of the procedure walked, in the plan's list of procedures. */
    private int pi;
    /** The index of the phase walked in its procedure. */
    private int i;
    private String prev;

    Flowchart(RollbackPlan plan) {
      this.plan = plan;
    }

    @Override
    public void plan(RollbackPlan plan) {
      b.append("flowchart TD\n");
      b.append("  detect([\"Detect: triggers\"]) --> assess[\"Assess: state snapshot\"]\n");
      b.append("  assess --> decide{\"Decide severity\"}\n");
      b.append("  decide -->|no condition holds| none([\"No rollback\"])\n");
    }

    @Override
    public void severity(PlanPath path, SeverityLevel s) {
      List<Procedure> procedures = plan.procedures();
      int target = plan.procedureFor(s).map(procedures::indexOf).orElse(-1);
      String to = target >= 0 && !procedures.get(target).phases().isEmpty() ? "approve" + target : "none";
      b.append("  decide -->|\"").append(label(s.name() + ": " + s.response().describe())).append("\"| ")
          .append(to).append("\n");
    }

    @Override
    public void procedure(PlanPath path, Procedure p) {
      i = 0;
      if (p.phases().isEmpty()) {
        return;
      }
      b.append("  subgraph proc").append(pi).append("[\"").append(label("Procedure: " + p.name()))
          .append("\"]\n");
      b.append("    approve").append(pi).append("{{\"Approve and prepare: checklist\"}}\n");
      prev = "approve" + pi;
    }

    @Override
    public void phase(PlanPath path, Phase ph) {
      String id = "p" + pi + "_" + i;
      b.append("    ").append(prev).append(" --> ").append(id).append("[\"")
          .append(label("Phase " + (i + 1) + ": " + ph.name())).append("\"]\n");
      String gate = id + "v";
      b.append("    ").append(id).append(" --> ").append(gate).append("{\"")
          .append(label(ph.validations().isEmpty() ? "no validation" : "Validate")).append("\"}\n");
      b.append("    ").append(gate).append(" -->|fail| ").append(id).append("f([\"")
          .append(label(ph.onFailure().name().toLowerCase(Locale.ROOT))).append("\"])\n");
      prev = gate;
      i++;
    }

    @Override
    public void endProcedure(PlanPath path, Procedure p) {
      if (!p.phases().isEmpty()) {
        b.append("    ").append(prev).append(" -->|pass| done").append(pi).append("([\"")
            .append(label(p.name() + " done")).append("\"])\n");
        b.append("  end\n");
        b.append("  done").append(pi).append(" --> verify\n");
      }
      pi++;
    }

    @Override
    public void endPlan(RollbackPlan plan) {
      b.append("  verify[\"Verify: validation and health checks\"] --> communicate[\"Communicate\"]\n");
      b.append("  communicate --> monitor([\"Monitor\"])\n");
    }
  }

  /**
   * The command line of a command step or check, as people type it, with its directory when it is not the
   * repository's root; {@code null} for other kinds.
   */
  private static String commandLine(String kind, Map<String, Object> params) {
    if (!kind.equals(Steps.COMMAND) || !(params.get("argv") instanceof List)) {
      return null;
    }
    List<?> argv = (List<?>) params.get("argv");
    if (argv.isEmpty() || !argv.stream().allMatch(String.class::isInstance)) {
      return null;
    }
    String line = Command.of(argv.toArray(new String[0])).display();
    Object dir = params.get("directory");
    return dir == null || Params.show(dir).equals(".") ? line : line + " (in " + Params.show(dir) + ")";
  }

  /** What a step or check runs: its command line, else its kind and parameters. */
  private static String detail(String kind, Map<String, Object> params, String command) {
    if (command != null) {
      return Markdown.code(command);
    }
    return params.isEmpty() ? Markdown.code(kind) : Markdown.code(kind) + " " + Markdown.code(Params.show(params));
  }

  private static String inline(String s) {
    return Markdown.text(s);
  }

  private static String cell(String s) {
    return Markdown.text(s);
  }

  private static String label(String s) {
    return Markdown.mermaidLabel(s);
  }
}
