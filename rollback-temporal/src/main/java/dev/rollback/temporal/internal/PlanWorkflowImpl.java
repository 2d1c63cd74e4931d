package dev.rollback.temporal.internal;

import dev.rollback.temporal.PlanWorkflow;
import dev.rollback.temporal.StepRecord;
import dev.rollback.temporal.TargetOutcome;
import dev.rollback.temporal.TargetReport;
import dev.rollback.temporal.TargetRun;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PlanWorkflow}'s implementation. Deterministic: time is {@link Workflow#currentTimeMillis()}, waits are
 * durable timers, everything that touches the world is a {@link PlanActivities} activity.
 */
public class PlanWorkflowImpl implements PlanWorkflow {

  /** The activities' heartbeat timeout when the run names none. */
  static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);

  private TargetRun run;
  private TargetOutcome outcome = TargetOutcome.NOT_STARTED;
  private String approvedBy = "";
  private boolean aborted;
  private String revert = "";
  private String evidence = "";
  private String notification = "";
  private long started;
  private long ended;
  private final List<StepRecord> steps = new ArrayList<>();
  private Map<String, Object> outputs = new LinkedHashMap<>();
  private Map<String, String> memory = new LinkedHashMap<>();
  private PlanActivities acts;

  /** Creates the workflow; Temporal does, once per run and replay. */
  public PlanWorkflowImpl() {}

  @Override
  public TargetReport run(TargetRun r) {
    run = r;
    started = Workflow.currentTimeMillis();
    if (approvedBy.isEmpty()) {
      approvedBy = r.approvedBy();
    }
    if (r.approvalRequired() && approvedBy.isEmpty()) {
      outcome = TargetOutcome.WAITING_APPROVAL;
      long wait = r.deadlineAtMillis() - Workflow.currentTimeMillis();
      boolean decided = wait > 0 && Workflow.await(Duration.ofMillis(wait), () -> !approvedBy.isEmpty() || aborted);
      if (!decided) {
        return end(TargetOutcome.DEADLINE_MISSED, "no approval before the deadline "
            + Instant.ofEpochMilli(r.deadlineAtMillis()) + ": nothing changed");
      }
      if (aborted) {
        return end(TargetOutcome.ABORTED, "aborted before the approval: nothing changed");
      }
    }
    outcome = TargetOutcome.RUNNING;
    Duration heartbeat = r.takeoverMillis() > 0 ? Duration.ofMillis(r.takeoverMillis()) : DEFAULT_HEARTBEAT;
    acts = Workflow.newActivityStub(PlanActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofHours(1))
        .setHeartbeatTimeout(heartbeat)
        .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(200)).setBackoffCoefficient(2)
            .setMaximumInterval(Duration.ofSeconds(5)).setMaximumAttempts(20)
            .setDoNotRetry(PlanActivitiesImpl.REFUSED).build())
        .build());
    TargetOutcome result;
    try {
      result = execute();
    } catch (ActivityFailure e) {
      result = TargetOutcome.FAILED;
      evidence = failureText(e);
    }
    {
      try {
        Wire.Outcome f = acts.finish(call("", 0, 0));
        steps.add(new StepRecord("audit", "audit", f.status(), f.summary(), f.attempts(), 0));
        if (f.failed() && result == TargetOutcome.SUCCEEDED) {
          result = TargetOutcome.FAILED;
          evidence = f.summary();
        } else if (result == TargetOutcome.SUCCEEDED) {
          evidence = evidence.isEmpty() ? f.summary() : evidence + "; " + f.summary();
        }
      } catch (ActivityFailure e) {
        evidence = evidence + "; the audit could not run: " + failureText(e);
      }
    }
    if (result != TargetOutcome.SUCCEEDED) {
      revert = "";  // made in the clone at most: the origin does not have it
    }
    outcome = result;
    notification = send(result);
    ended = Workflow.currentTimeMillis();
    return report();
  }

  private TargetOutcome execute() {
    Wire.Outline o = acts.outline(call("", 0, 0));
    outputs = new LinkedHashMap<>(o.outputs());
    memory = new LinkedHashMap<>(o.memory());
    for (int i = 0; i < o.readiness().size(); i++) {
      if (aborted) {
        return aborted();
      }
      Wire.Outcome c = record("readiness", o.readiness().get(i), acts.check(call("readiness", 0, i)));
      if (c.failed()) {
        evidence = "readiness check '" + o.readiness().get(i).name() + "' failed, nothing changed: " + c.summary();
        return TargetOutcome.FAILED;
      }
    }
    List<int[]> applied = new ArrayList<>();
    List<Wire.Outcome> appliedOutcomes = new ArrayList<>();
    boolean prepared = false;
    boolean continued = false;
    String lastChange = "";
    for (int p = 0; p < o.phases().size(); p++) {
      Wire.PhaseOutline phase = o.phases().get(p);
      String failure = null;
      for (int s = 0; s < phase.steps().size() && failure == null; s++) {
        if (aborted) {
          return aborted();
        }
        Wire.Item item = phase.steps().get(s);
        if (item.waitMillis() > 0) {
          long t0 = Workflow.currentTimeMillis();
          Workflow.sleep(Duration.ofMillis(item.waitMillis()));
          steps.add(new StepRecord(phase.name(), item.name(), "WAITED", "waited " + item.waitMillis() + " ms (a"
              + " durable timer)", 1, Workflow.currentTimeMillis() - t0));
          continue;
        }
        if (!"READ_ONLY".equals(item.effect()) && !prepared) {
          Wire.Outcome prep = acts.prepare(call("", 0, 0));
          memory = new LinkedHashMap<>(prep.memory());
          if (prep.failed()) {
            evidence = "before the first change: " + prep.summary();
            return TargetOutcome.FAILED;
          }
          prepared = true;
        }
        Wire.Outcome r = record(phase.name(), item, acts.step(call("phase", p, s)));
        if (r.failed()) {
          failure = "step '" + item.name() + "' failed: " + r.summary();
        } else {
          applied.add(new int[] {p, s});
          appliedOutcomes.add(r);
          if (r.evidence().containsKey("reverted") && r.value() != null && revert.isEmpty()) {
            revert = String.valueOf(r.value());
          }
          if (!"READ_ONLY".equals(item.effect())) {
            lastChange = r.summary();
          }
        }
      }
      for (int v = 0; v < phase.validations().size() && failure == null; v++) {
        Wire.Item item = phase.validations().get(v);
        Wire.Outcome c = record(phase.name(), item, acts.check(call("validation", p, v)));
        if (c.failed()) {
          failure = "validation '" + item.name() + "' failed: " + c.summary();
        }
      }
      if (failure != null) {
        evidence = failure;
        switch (phase.onFailure()) {
          case "CONTINUE":
            continued = true;
            continue;
          case "COMPENSATE":
            return compensate(o, applied, appliedOutcomes, failure);
          default:
            return TargetOutcome.FAILED;
        }
      }
    }
    for (int i = 0; i < o.verifications().size(); i++) {
      Wire.Outcome c = record("verification", o.verifications().get(i), acts.check(call("verification", 0, i)));
      if (c.failed()) {
        evidence = "verification '" + o.verifications().get(i).name() + "' failed: " + c.summary();
        return TargetOutcome.FAILED;
      }
    }
    if (run.monitorSeconds() > 0 && !o.health().isEmpty()) {
      monitor(o);
    }
    if (continued) {
      return TargetOutcome.FAILED;
    }
    evidence = lastChange;
    return TargetOutcome.SUCCEEDED;
  }

  /** The monitoring period: the health checks every interval, on durable timers; a failing check sends an alert. */
  private void monitor(Wire.Outline o) {
    long end = Workflow.currentTimeMillis() + run.monitorSeconds() * 1000;
    long interval = Math.max(1000, Math.min(o.monitorIntervalMillis(), run.monitorSeconds() * 1000));
    boolean alerted = false;
    while (Workflow.currentTimeMillis() + interval <= end && !aborted) {
      Workflow.sleep(Duration.ofMillis(interval));
      for (int i = 0; i < o.health().size(); i++) {
        Wire.Outcome c = record("health", o.health().get(i), acts.check(call("health", 0, i)));
        if (c.failed() && !alerted) {
          alerted = true;
          acts.notifyOutcome(new Wire.Notice(run, "ALERT", "Alert after the rollback of " + run.target().name(),
              "Health check '" + o.health().get(i).name() + "' failed while monitoring: " + c.summary()));
        }
      }
    }
  }

  private TargetOutcome compensate(Wire.Outline o, List<int[]> applied, List<Wire.Outcome> outcomes,
      String failure) {
    List<String> undone = new ArrayList<>();
    for (int i = applied.size() - 1; i >= 0; i--) {
      int[] at = applied.get(i);
      Wire.Item item = o.phases().get(at[0]).steps().get(at[1]);
      if ("READ_ONLY".equals(item.effect())) {
        continue;
      }
      Wire.Outcome c = record("undo", item, acts.compensate(call("phase", at[0], at[1]), outcomes.get(i)));
      if (c.failed()) {
        evidence = failure + "; compensating '" + item.name() + "' failed: " + c.summary();
        return TargetOutcome.FAILED;
      }
      undone.add(item.name());
    }
    revert = "";
    evidence = failure + "; compensated: " + (undone.isEmpty() ? "nothing to undo" : String.join(", ", undone));
    return TargetOutcome.COMPENSATED;
  }

  private TargetOutcome aborted() {
    evidence = "aborted by a signal" + (steps.isEmpty() ? "" : " after " + steps.get(steps.size() - 1).part() + " / "
        + steps.get(steps.size() - 1).name() + "; what was applied stays");
    return TargetOutcome.ABORTED;
  }

  private Wire.Outcome record(String part, Wire.Item item, Wire.Outcome r) {
    memory = new LinkedHashMap<>(r.memory());
    if (!r.failed()) {
      outputs.putAll(r.bound());
    }
    steps.add(new StepRecord(part, item.name(), r.status(), r.summary(), r.attempts(), 0));
    return r;
  }

  private Wire.Call call(String part, int phase, int index) {
    return new Wire.Call(run, part, phase, index, Map.copyOf(outputs), Map.copyOf(memory), approvedBy);
  }

  private String send(TargetOutcome result) {
    String event = result == TargetOutcome.SUCCEEDED ? "ROLLBACK_COMPLETED" : "ROLLBACK_FAILED";
    String title = "Rollback of " + run.target().name() + ": " + result;
    String body = "Target " + run.target().name() + " (" + run.target().repository() + "): " + result
        + (revert.isEmpty() ? "" : ", revert commit " + revert) + (evidence.isEmpty() ? "" : ".\n\n" + evidence)
        + (approvedBy.isEmpty() ? "" : "\n\nApproved by " + approvedBy + ".");
    try {
      return acts.notifyOutcome(new Wire.Notice(run, event, title, body));
    } catch (ActivityFailure e) {
      return "not sent: " + failureText(e);
    }
  }

  private TargetReport end(TargetOutcome o, String why) {
    outcome = o;
    evidence = why;
    ended = Workflow.currentTimeMillis();
    return report();
  }

  static String failureText(ActivityFailure e) {
    Throwable c = e.getCause();
    if (c instanceof ApplicationFailure) {
      return ((ApplicationFailure) c).getOriginalMessage();
    }
    return c != null ? c.getMessage() : e.getMessage();
  }

  @Override
  public void approve(String by) {
    if (approvedBy.isEmpty() && by != null && !by.isBlank()) {
      approvedBy = by.strip();
    }
  }

  @Override
  public void abort() {
    aborted = true;
  }

  @Override
  public TargetReport report() {
    String name = run == null ? "" : run.target().name();
    return new TargetReport(name, outcome, revert, evidence, started, ended, approvedBy, notification,
        List.copyOf(steps));
  }
}
