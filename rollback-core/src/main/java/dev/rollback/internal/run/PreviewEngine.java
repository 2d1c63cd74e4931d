package dev.rollback.internal.run;

import dev.rollback.ApprovalPolicy;
import dev.rollback.Check;
import dev.rollback.Effect;
import dev.rollback.MessageTemplate;
import dev.rollback.Phase;
import dev.rollback.Procedure;
import dev.rollback.RollbackException;
import dev.rollback.RollbackPlan;
import dev.rollback.SeverityLevel;
import dev.rollback.Snapshot;
import dev.rollback.Step;
import dev.rollback.internal.Texts;
import dev.rollback.report.RollbackReport.CheckReport;
import dev.rollback.report.RollbackReport.DecisionReport;
import dev.rollback.run.Preview.PlannedPhase;
import dev.rollback.run.Preview.PlannedStep;
import dev.rollback.run.Preview;
import dev.rollback.run.RunOptions;
import dev.rollback.run.event.RunEvent;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.BoundOutputs;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.ResolvedParams;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The dry run: the real assessment, decision and checklist, read-only steps applied for real, every other step
 * described by its adapter's preview. Nothing that changes anything is called, nothing is journaled, no lock is
 * taken.
 */
public final class PreviewEngine {

  private final RunParts p;
  private final RollbackPlan plan;
  private final ParamResolver display;
  private final List<String> problems = new ArrayList<>();

  private PreviewEngine(RunParts p, Map<String, String> secrets) {
    this.p = p;
    this.plan = p.run.plan();
    this.display = new ParamResolver(name -> p.run.output(name).orElse(null), secrets, true);
  }

  /**
   * Previews a plan.
   *
   * @param cfg the executor's settings
   * @param plan the plan
   * @param options the options
   * @return the preview
   * @throws dev.rollback.PlanInvalidException when the plan has problems
   * @throws RollbackException when the options or adapters do not fit the plan
   */
  public static Preview preview(Settings cfg, RollbackPlan plan, RunOptions options) {
    Redactor redactor = cfg.newRedactor();
    try {
      RunEngine.refuse(cfg, plan, options);
      Map<String, String> secrets = RunEngine.secrets(cfg, plan, redactor, true);
      Instant at = cfg.clock().instant();
      RunState run = new RunState("preview", plan, cfg.clock(), cfg.sleeper(), true, cfg.workspace(), at, secrets,
          Map.of(), redactor, RunJournal.none());
      PreviewEngine e = new PreviewEngine(new RunParts(cfg, options, run, Replay.empty(), redactor,
          RunJournal.none()), secrets);
      for (String name : PlanWalk.secretNames(plan)) {
        if (!secrets.containsKey(name)) {
          e.problems.add("secret '" + name + "' is not set");
        }
      }
      return e.preview(at);
    } catch (RuntimeException e) {
      throw redactor.scrub(e);
    }
  }

  private Preview preview(Instant at) {
    p.events.emit(new RunEvent.RunStarted(p.run.runId(), at, plan.name(), plan.hash(), true, false));
    problems.addAll(Assessments.startAdapters(p, p.options.recovery().isPresent()));
    p.run.bindAll(BoundOutputs.builtIns(p.run.runId(), p.run.startedAt(), plan));
    Snapshot snapshot = Assessments.snapshot(p.history, p.measurer, p.redactor, plan);
    DecisionReport d = decide(snapshot, at);
    if (d.undecided()) {
      problems.add(d.explanation().lines().findFirst().orElse("undecided"));
    }
    p.run.bindAll(Decisions.outputs(d));
    p.run.deadline(d.deadline());
    p.events.emit(new RunEvent.Decided(p.run.runId(), p.history.now(), d.severity(), d.procedure(), d.deadline(),
        d.explanation()));
    Optional<Procedure> procedure = d.procedure().flatMap(plan::procedure);
    List<String> approvals = procedure.map(p -> approvals(d, p)).orElse(List.of());
    List<CheckReport> checklist = new ArrayList<>();
    List<PlannedPhase> phases = new ArrayList<>();
    if (procedure.isPresent()) {
      List<Check> checks = plan.readinessChecks();
      for (int k = 0; k < checks.size(); k++) {
        checklist.add(checklistItem(k, checks.get(k)));
      }
      for (Phase ph : procedure.get().phases()) {
        List<PlannedStep> steps = new ArrayList<>();
        for (Step st : ph.steps()) {
          steps.add(step(ph, st));
        }
        phases.add(new PlannedPhase(ph.name(), ph.onFailure(), steps,
            ph.validations().stream().map(Check::describe).collect(Collectors.toList())));
      }
    }
    List<String> verification = new ArrayList<>();
    plan.verifications().forEach(c -> verification.add(c.describe()));
    plan.healthChecks().forEach(c -> verification.add("health: " + c.describe()));
    List<String> notifications = new ArrayList<>();
    for (MessageTemplate m : plan.messages()) {
      for (String channel : m.channels()) {
        notifications.add("'" + m.name() + "' via " + channel + " on " + m.event());
      }
    }
    problems.addAll(RunEngine.setupProblems(p.cfg, plan));
    return new Preview(plan.name(), plan.hash(), at, Optional.of(d), Assessments.reports(snapshot, p.redactor),
        approvals, checklist,
        procedure.map(Procedure::name), phases, verification, notifications,
        problems.stream().map(p.redactor::redact).collect(Collectors.toList()));
  }

  private DecisionReport decide(Snapshot snapshot, Instant at) {
    try {
      return Decisions.decide(plan, p.options, p.baselines, p.redactor, snapshot, p.options.detectedAt().orElse(at));
    } catch (Stop stop) {
      problems.add(stop.getMessage());
      return Decisions.decision(plan, p.options, Optional.empty(), "decision matrix",
          p.options.detectedAt().orElse(at), stop.getMessage(), List.of(), List.of());
    }
  }

  private List<String> approvals(DecisionReport d, Procedure proc) {
    List<String> out = new ArrayList<>();
    List<ApprovalPolicy> asked = new ArrayList<>();
    Optional<SeverityLevel> level = d.severity().flatMap(plan::severity);
    level.ifPresent(l -> {
      out.add("severity '" + l.name() + "': " + l.approval().describe() + (l.approval().requiresPeople()
          ? ", within " + Texts.duration(l.approval().timeout()) : ""));
      asked.add(l.approval());
    });
    boolean uncovered = proc.steps().stream().anyMatch(x -> x.effect() == Effect.IRREVERSIBLE
        && !x.approval().map(ApprovalPolicy::requiresPeople).orElse(false));
    if (uncovered && !level.map(l -> l.approval().requiresPeople()).orElse(false)) {
      Optional<ApprovalPolicy> fallback = Decisions.fallbackApproval(plan, proc);
      out.add("irreversible steps: " + fallback.map(ApprovalPolicy::describe).orElse("no policy asks people"));
      fallback.ifPresentOrElse(asked::add, () -> problems.add("the irreversible steps of procedure '" + proc.name()
          + "' have no approval that asks people"));
    }
    for (Step st : proc.steps()) {
      st.approval().ifPresent(a -> {
        out.add("step '" + st.name() + "': " + a.describe());
        asked.add(a);
      });
    }
    if (asked.stream().anyMatch(ApprovalPolicy::requiresPeople) && p.cfg.approver().isEmpty()) {
      problems.add("approvals that ask people are needed, but no approver is configured");
    }
    return out;
  }

  private CheckReport checklistItem(int k, Check c) {
    if (c.isManual()) {
      return new CheckReport(c.name(), c.kind(), CheckResult.Status.UNKNOWN, "a person confirms this at run time",
          Optional.empty(), Map.of(), p.history.now());
    }
    CheckReport r = p.evaluations.evaluate("checklist", "checklist:" + (k + 1), c);
    if (!r.passed()) {
      problems.add("checklist item '" + c.name() + "' " + r.status().name().toLowerCase(java.util.Locale.ROOT) + ": "
          + r.summary());
    }
    return r;
  }

  private PlannedStep step(Phase ph, Step st) {
    Optional<String> skip = p.availability.skipped(st.kind());
    if (skip.isPresent()) {
      return new PlannedStep(st.name(), st.kind(), st.effect(), false, skip.get(), Map.of(), Map.of(), List.of(),
          Optional.empty(), Optional.empty(), Map.of(), Optional.empty());
    }
    StepHandler handler = p.cfg.registry().step(st.kind());
    Duration timeout = st.timeout().orElse(plan.defaultTimeout());
    ResolvedParams params = p.run.resolve("step '" + st.name() + "'", st.params());
    Map<String, Object> shown = p.redactor.redactMap(display.display(st.params()));
    Optional<String> approval = st.approval().map(ApprovalPolicy::describe)
        .or(() -> st.effect() == Effect.IRREVERSIBLE ? Optional.of("covered by the run's approval") : Optional.empty());
    StepContext call = StepContext.of(p.run, st, params, 1, timeout);
    if (st.effect() == Effect.READ_ONLY && params.unresolved().isEmpty() && handler.appliesInPreview(call)) {
      Attempts.Outcome<StepResult> o = p.calls.attempt(timeout, () -> handler.apply(call));
      if (o.succeeded() && o.value() != null) {
        StepResult raw = Outcomes.normalize(o.value());
        p.run.bindAll(BoundOutputs.ofStep(st, raw));
        StepResult r = Outcomes.masked(raw, p.redactor);
        p.events.emit(new RunEvent.StepPreviewed(p.run.runId(), p.history.now(), ph.name(), st.name(), StepPreview.of(r.summary())));
        return new PlannedStep(st.name(), st.kind(), st.effect(), true, r.summary(), shown, r.evidence(), List.of(),
            Optional.empty(), r.value(), r.outputs(), approval);
      }
      String why = o.timedOut() ? "timed out after " + Texts.duration(timeout) : p.calls.describe(o.failure());
      problems.add("step '" + st.name() + "' failed when run for real, before the steps ahead of it changed"
          + " anything: " + why);
      return new PlannedStep(st.name(), st.kind(), st.effect(), true, "failed: " + why, shown, Map.of(), List.of(),
          Optional.of(why), Optional.empty(), Map.of(), approval);
    }
    Attempts.Outcome<StepPreview> o = p.calls.attempt(timeout, () -> handler.preview(call));
    StepPreview pv = o.succeeded() && o.value() != null ? o.value()
        : StepPreview.of(st.describe()).wouldFail(o.timedOut() ? "its preview timed out"
            : "its preview failed: " + p.calls.describe(o.failure()));
    StepPreview masked = new StepPreview(p.redactor.redact(pv.summary()), p.redactor.redactMap(
        Outcomes.normalizeMap(pv.details())), pv.warnings().stream().map(p.redactor::redact)
        .collect(Collectors.toList()), pv.failure().map(p.redactor::redact));
    masked.failure().ifPresent(f -> problems.add("step '" + st.name() + "' would fail: " + f));
    p.events.emit(new RunEvent.StepPreviewed(p.run.runId(), p.history.now(), ph.name(), st.name(), masked));
    return new PlannedStep(st.name(), st.kind(), st.effect(), false, masked.summary(), shown, masked.details(),
        masked.warnings(), masked.failure(), Optional.empty(), Map.of(), approval);
  }
}
