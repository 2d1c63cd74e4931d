package dev.rollback.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Starts fleets and plan runs on a Temporal server, and follows, approves, pauses, resumes and aborts them.
 *
 * <pre>{@code
 * try (FleetClient fleets = FleetClient.connect("127.0.0.1:7233", "default")) {
 *   fleets.start(spec);
 *   fleets.approve(spec.fleetId(), "alice");
 *   System.out.print(fleets.await(spec.fleetId(), Duration.ofHours(1)).toMarkdown());
 * }
 * }</pre>
 */
public final class FleetClient implements AutoCloseable {

  private final WorkflowClient client;
  private final WorkflowServiceStubs service;
  private final String taskQueue;

  private FleetClient(WorkflowClient client, WorkflowServiceStubs service, String taskQueue) {
    this.client = client;
    this.service = service;
    this.taskQueue = taskQueue;
  }

  /**
   * Connects to a server.
   *
   * @param target the server's {@code HOST:PORT}
   * @param namespace the namespace ({@code default})
   * @return the client; close it when done
   * @throws dev.rollback.RollbackException naming the server when it does not answer within a minute
   */
  public static FleetClient connect(String target, String namespace) {
    return new FleetClient(connectClient(target, namespace, "rollback"), null, FleetWorker.TASK_QUEUE).owning();
  }

  /**
   * A workflow client connected to a server, for a client or a worker.
   *
   * @param target the server's {@code HOST:PORT}
   * @param namespace the namespace
   * @param identity who this is, in the server's history ({@code worker-1@host})
   * @return the client
   * @throws dev.rollback.RollbackException naming the server when it does not answer within a minute
   */
  public static WorkflowClient connectClient(String target, String namespace, String identity) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(namespace, "namespace");
    WorkflowServiceStubs service = null;
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    RuntimeException last = null;
    while (service == null && System.nanoTime() < end) {
      try {
        service = WorkflowServiceStubs.newConnectedServiceStubs(WorkflowServiceStubsOptions.newBuilder()
            .setTarget(target).build(), Duration.ofSeconds(15));
      } catch (RuntimeException e) {
        // A busy machine answers the first health check late: try again until the minute is up.
        last = e;
      }
    }
    if (service == null) {
      throw new dev.rollback.RollbackException("the Temporal server at " + target + " does not answer ("
          + (last == null ? "no answer" : last.getMessage()) + "); start one, or pass --temporal HOST:PORT of a"
          + " running one", last);
    }
    return WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder().setNamespace(namespace)
        .setIdentity(identity).build());
  }

  private FleetClient owning() {
    return new FleetClient(client, client.getWorkflowServiceStubs(), taskQueue);
  }

  /**
   * A client over a workflow client made elsewhere (a {@code TestWorkflowEnvironment}'s); closing it leaves that
   * one open.
   *
   * @param client the workflow client
   * @param taskQueue the task queue the workers poll
   * @return the client
   */
  public static FleetClient of(WorkflowClient client, String taskQueue) {
    return new FleetClient(Objects.requireNonNull(client, "client"), null, Objects.requireNonNull(taskQueue,
        "taskQueue"));
  }

  /**
   * The workflow client underneath.
   *
   * @return the client
   */
  public WorkflowClient workflowClient() {
    return client;
  }

  /**
   * Starts a fleet; it runs on the workers, whether or not this process stays.
   *
   * @param spec the fleet
   * @return the fleet's id
   */
  public String start(FleetSpec spec) {
    WorkflowOptions.Builder o = WorkflowOptions.newBuilder().setWorkflowId(spec.fleetId()).setTaskQueue(taskQueue);
    if (spec.takeoverMillis() > 0) {
      o.setWorkflowTaskTimeout(Duration.ofMillis(spec.takeoverMillis()));
    }
    FleetWorkflow fleet = client.newWorkflowStub(FleetWorkflow.class, o.build());
    WorkflowClient.start(fleet::run, spec);
    return spec.fleetId();
  }

  /**
   * Starts one plan run on one target as its own workflow.
   *
   * @param workflowId the workflow's id
   * @param run the run
   * @return the workflow's id
   */
  public String startRun(String workflowId, TargetRun run) {
    WorkflowOptions.Builder o = WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(taskQueue);
    if (run.takeoverMillis() > 0) {
      o.setWorkflowTaskTimeout(Duration.ofMillis(run.takeoverMillis()));
    }
    PlanWorkflow plan = client.newWorkflowStub(PlanWorkflow.class, o.build());
    WorkflowClient.start(plan::run, run);
    return workflowId;
  }

  /**
   * Where a fleet stands (its {@code report} query).
   *
   * @param fleetId the fleet's id
   * @return the report
   */
  public FleetReport report(String fleetId) {
    return fleet(fleetId).report();
  }

  /**
   * Where a plan run stands.
   *
   * @param workflowId the run's workflow id ({@code <fleet>/<target>} for a fleet's target)
   * @return the report
   */
  public TargetReport runReport(String workflowId) {
    return client.newWorkflowStub(PlanWorkflow.class, workflowId).report();
  }

  /**
   * Approves a fleet.
   *
   * @param fleetId the fleet's id
   * @param by who approves
   */
  public void approve(String fleetId, String by) {
    fleet(fleetId).approve(by);
  }

  /**
   * Approves a plan run.
   *
   * @param workflowId the run's workflow id
   * @param by who approves
   */
  public void approveRun(String workflowId, String by) {
    client.newWorkflowStub(PlanWorkflow.class, workflowId).approve(by);
  }

  /**
   * Aborts a plan run.
   *
   * @param workflowId the run's workflow id
   */
  public void abortRun(String workflowId) {
    client.newWorkflowStub(PlanWorkflow.class, workflowId).abort();
  }

  /**
   * Pauses a fleet.
   *
   * @param fleetId the fleet's id
   */
  public void pause(String fleetId) {
    fleet(fleetId).pause();
  }

  /**
   * Resumes a fleet.
   *
   * @param fleetId the fleet's id
   */
  public void resume(String fleetId) {
    fleet(fleetId).resume();
  }

  /**
   * Aborts a fleet.
   *
   * @param fleetId the fleet's id
   */
  public void abort(String fleetId) {
    fleet(fleetId).abort();
  }

  /**
   * Waits for a fleet's result.
   *
   * @param fleetId the fleet's id
   * @param timeout how long to wait at most
   * @return the report
   * @throws dev.rollback.RollbackException when it has not ended in time
   */
  public FleetReport await(String fleetId, Duration timeout) {
    return result(fleetId, timeout, FleetReport.class);
  }

  /**
   * Waits for a plan run's result.
   *
   * @param workflowId the run's workflow id
   * @param timeout how long to wait at most
   * @return the report
   * @throws dev.rollback.RollbackException when it has not ended in time
   */
  public TargetReport awaitRun(String workflowId, Duration timeout) {
    return result(workflowId, timeout, TargetReport.class);
  }

  private <T> T result(String id, Duration timeout, Class<T> type) {
    WorkflowStub stub = client.newUntypedWorkflowStub(id);
    try {
      return stub.getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, type);
    } catch (TimeoutException e) {
      throw new dev.rollback.RollbackException(id + " has not ended after " + timeout.toSeconds() + " s", e);
    }
  }

  /**
   * Follows a fleet until it ends: queries it every {@code every} and hands each report that differs from the one
   * before to {@code onChange}.
   *
   * @param fleetId the fleet's id
   * @param every how often to query
   * @param timeout how long to follow at most
   * @param onChange what to do with a new report
   * @return the final report
   * @throws dev.rollback.RollbackException when it has not ended in time
   */
  public FleetReport follow(String fleetId, Duration every, Duration timeout, Consumer<FleetReport> onChange) {
    long end = System.nanoTime() + timeout.toNanos();
    FleetReport last = null;
    while (System.nanoTime() < end) {
      FleetReport r = report(fleetId);
      if (!r.equals(last)) {
        onChange.accept(r);
        last = r;
      }
      if (r.state().finished() && r.endedAtMillis() > 0) {
        return await(fleetId, Duration.ofSeconds(30));
      }
      try {
        Thread.sleep(every.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new dev.rollback.RollbackException("interrupted while following " + fleetId, e);
      }
    }
    throw new dev.rollback.RollbackException(fleetId + " has not ended after " + timeout.toSeconds() + " s");
  }

  /**
   * A workflow's history as JSON, for Temporal's {@code WorkflowReplayer} or the record.
   *
   * @param workflowId the id
   * @return the history
   */
  public String history(String workflowId) {
    return client.fetchHistory(workflowId).toJson(true);
  }

  private FleetWorkflow fleet(String fleetId) {
    return client.newWorkflowStub(FleetWorkflow.class, Objects.requireNonNull(fleetId, "fleetId"));
  }

  /** Closes the connection, if this client opened it. */
  @Override
  public void close() {
    if (service != null) {
      service.shutdown();
      service.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
