package dev.rollback.temporal.internal;

import dev.rollback.temporal.FleetReport;
import dev.rollback.temporal.FleetSpec;
import dev.rollback.temporal.FleetState;
import dev.rollback.temporal.FleetTarget;
import dev.rollback.temporal.FleetWorkflow;
import dev.rollback.temporal.PlanWorkflow;
import dev.rollback.temporal.TargetOutcome;
import dev.rollback.temporal.TargetReport;
import dev.rollback.temporal.TargetRun;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link FleetWorkflow}'s implementation. Deterministic: time is {@link Workflow#currentTimeMillis()}, waits are
 * {@link Workflow#await(Duration, java.util.function.Supplier)} (durable timers), every target a child workflow.
 */
public class FleetWorkflowImpl implements FleetWorkflow {

  private FleetSpec spec;
  private FleetState state = FleetState.WAITING_APPROVAL;
  private String approvedBy = "";
  private boolean aborted;
  private boolean paused;
  private boolean tooManyFailures;
  private boolean childrenAborted;
  private long started;
  private long ended;
  private long deadlineAt;
  private int running;
  private int failed;
  private final Map<String, TargetReport> rows = new LinkedHashMap<>();
  private final Set<String> runningIds = new LinkedHashSet<>();

  /** Creates the workflow; Temporal does, once per run and replay. */
  public FleetWorkflowImpl() {}

  @Override
  public FleetReport run(FleetSpec s) {
    spec = s;
    started = Workflow.currentTimeMillis();
    deadlineAt = started + s.deadlineSeconds() * 1000;
    for (FleetTarget t : s.targets()) {
      rows.put(t.name(), TargetReport.notStarted(t.name(), "waiting for its wave"));
    }
    if (s.approvalRequired()) {
      boolean decided = Workflow.await(remaining(), () -> !approvedBy.isEmpty() || aborted);
      if (aborted) {
        return end(FleetState.ABORTED, "left untouched: the fleet was aborted before its approval");
      }
      if (!decided) {
        return end(FleetState.DEADLINE_MISSED, "left untouched: no approval before the deadline "
            + Instant.ofEpochMilli(deadlineAt));
      }
    }
    state = paused ? FleetState.PAUSED : FleetState.RUNNING;
    int k = Math.min(s.canary(), s.targets().size());
    String stop = runBatch(s.targets().subList(0, k));
    if (stop == null && k > 0 && k < s.targets().size()) {
      for (FleetTarget t : s.targets().subList(0, k)) {
        if (rows.get(t.name()).outcome() != TargetOutcome.SUCCEEDED) {
          return end(FleetState.STOPPED_AFTER_CANARY, "left untouched: canary target " + t.name() + " ended "
              + rows.get(t.name()).outcome());
        }
      }
    }
    if (stop == null) {
      stop = runBatch(s.targets().subList(k, s.targets().size()));
    }
    if (stop != null) {
      return end(aborted ? FleetState.ABORTED : tooManyFailures ? FleetState.STOPPED_TOO_MANY_FAILURES
          : FleetState.DEADLINE_MISSED, stop);
    }
    return end(failed == 0 ? FleetState.SUCCEEDED : FleetState.DONE_WITH_FAILURES, "");
  }

  /** Starts the targets under the concurrency limit and waits for them; the reason it stopped early, or null. */
  private String runBatch(List<FleetTarget> batch) {
    String stop = null;
    for (FleetTarget t : batch) {
      boolean turn = Workflow.await(remaining(), () -> aborted || tooManyFailures
          || (!paused && running < spec.concurrency()));
      if (aborted) {
        stop = "left untouched: the fleet was aborted";
      } else if (tooManyFailures) {
        stop = "left untouched: " + failed + " of " + spec.targets().size() + " targets failed, more than the "
            + Math.round(spec.maxFailureShare() * 100) + "% allowed";
      } else if (!turn) {
        stop = "left untouched: the fleet's deadline " + Instant.ofEpochMilli(deadlineAt) + " passed";
      }
      if (stop != null) {
        break;
      }
      start(t);
    }
    while (running > 0) {
      if (aborted && !childrenAborted) {
        childrenAborted = true;
        for (String id : List.copyOf(runningIds)) {
          try {
            Workflow.newExternalWorkflowStub(PlanWorkflow.class, id).abort();
          } catch (RuntimeException e) {
            // It ended meanwhile: nothing to stop.
          }
        }
      }
      Workflow.await(() -> running == 0 || (aborted && !childrenAborted));
    }
    if (stop == null && aborted) {
      stop = "left untouched: the fleet was aborted";
    }
    return stop;
  }

  private void start(FleetTarget t) {
    String id = Workflow.getInfo().getWorkflowId() + "/" + t.name();
    ChildWorkflowOptions.Builder o = ChildWorkflowOptions.newBuilder().setWorkflowId(id);
    if (spec.takeoverMillis() > 0) {
      o.setWorkflowTaskTimeout(Duration.ofMillis(spec.takeoverMillis()));
    }
    PlanWorkflow child = Workflow.newChildWorkflowStub(PlanWorkflow.class, o.build());
    TargetRun run = new TargetRun(spec.fleetId() + "-" + t.name(), spec.planSource(), spec.planHash(),
        spec.procedure(), t, false, approvedBy.isEmpty() ? "nobody (the fleet needs no approval)" : approvedBy,
        deadlineAt, spec.monitorSeconds(), spec.takeoverMillis());
    long at = Workflow.currentTimeMillis();
    rows.put(t.name(), new TargetReport(t.name(), TargetOutcome.RUNNING, "", "", at, 0, run.approvedBy(), "",
        List.of()));
    running++;
    runningIds.add(id);
    Promise<TargetReport> p = Async.function(child::run, run);
    p.handle((r, e) -> {
      TargetReport row = r;
      if (row == null) {
        String why = e instanceof ChildWorkflowFailure && e.getCause() != null ? e.getCause().getMessage()
            : String.valueOf(e);
        row = new TargetReport(t.name(), TargetOutcome.FAILED, "", "its workflow failed: " + why, at,
            Workflow.currentTimeMillis(), run.approvedBy(), "", List.of());
      }
      rows.put(t.name(), row);
      if (row.outcome().failed()) {
        failed++;
        if (failed > spec.maxFailureShare() * spec.targets().size()) {
          tooManyFailures = true;
        }
      }
      running--;
      runningIds.remove(id);
      return null;
    });
  }

  private Duration remaining() {
    return Duration.ofMillis(Math.max(0, deadlineAt - Workflow.currentTimeMillis()));
  }

  private FleetReport end(FleetState s, String untouched) {
    for (Map.Entry<String, TargetReport> e : new ArrayList<>(rows.entrySet())) {
      if (e.getValue().outcome() == TargetOutcome.NOT_STARTED) {
        e.setValue(TargetReport.notStarted(e.getKey(), untouched.isEmpty() ? "not started" : untouched));
      }
    }
    state = s;
    ended = Workflow.currentTimeMillis();
    return report();
  }

  @Override
  public void approve(String by) {
    if (approvedBy.isEmpty() && by != null && !by.isBlank()) {
      approvedBy = by.strip();
    }
  }

  @Override
  public void pause() {
    paused = true;
    if (state == FleetState.RUNNING) {
      state = FleetState.PAUSED;
    }
  }

  @Override
  public void resume() {
    paused = false;
    if (state == FleetState.PAUSED) {
      state = FleetState.RUNNING;
    }
  }

  @Override
  public void abort() {
    aborted = true;
  }

  @Override
  public FleetReport report() {
    if (spec == null) {
      return new FleetReport("", "", state, approvedBy, 0, 0, 0, 0, List.of());
    }
    return new FleetReport(spec.fleetId(), spec.planName(), state, approvedBy, started, ended, deadlineAt,
        spec.maxFailureShare(), List.copyOf(rows.values()));
  }
}
