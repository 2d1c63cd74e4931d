package dev.rollback.temporal;

import dev.rollback.RollbackPlan;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.Notifier;
import dev.rollback.spi.SecretResolver;
import dev.rollback.temporal.internal.FleetWorkflowImpl;
import dev.rollback.temporal.internal.PlanActivitiesImpl;
import dev.rollback.temporal.internal.PlanWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A worker: it polls a task queue of a Temporal namespace and runs the fleet and plan workflows and their
 * activities, which call the adapters it opens for each target.
 *
 * <pre>{@code
 * try (FleetWorker worker = FleetWorker.builder(client)
 *     .plans(PlanSource::load)
 *     .adapters(t -> List.of(GitAdapter.open(Path.of(t.repository()))))
 *     .notifier("chat", Notifiers.markdownFiles(dir))
 *     .build()) {
 *   worker.start();
 *   ...
 * }
 * }</pre>
 */
public final class FleetWorker implements AutoCloseable {

  /** The task queue fleets and workers use unless told otherwise. */
  public static final String TASK_QUEUE = "rollback-fleet";

  private final WorkerFactory factory;

  private FleetWorker(WorkerFactory factory) {
    this.factory = factory;
  }

  /**
   * A builder of a worker on a client's namespace.
   *
   * @param client the client, connected to the server and namespace
   * @return the builder
   */
  public static Builder builder(WorkflowClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /** Starts polling. */
  public void start() {
    factory.start();
  }

  /** Stops polling and waits up to 5 s for the work in hand. */
  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(5, TimeUnit.SECONDS);
  }

  /**
   * The options a fleet worker runs with: a workflow thread may hold the processor for up to 10 s before Temporal
   * calls it a deadlock (1 s by default, which a busy machine exceeds while replaying a large fleet); on the test
   * server, no sticky task queue (see {@link Builder#forTestServer}).
   *
   * @param testServer true when the server is Temporal's test server
   * @return the options
   */
  public static WorkerOptions workerOptions(boolean testServer) {
    WorkerOptions.Builder o = WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(10_000);
    if (testServer) {
      o.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    }
    return o.build();
  }

  /** Builds a {@link FleetWorker}. */
  public static final class Builder {
    private final WorkflowClient client;
    private String taskQueue = TASK_QUEUE;
    private Function<String, RollbackPlan> plans;
    private Function<FleetTarget, List<Adapter>> adapters = t -> List.of();
    private final Map<String, Notifier> notifiers = new LinkedHashMap<>();
    private SecretResolver secrets = SecretResolver.environment();
    private boolean testServer;

    private Builder(WorkflowClient client) {
      this.client = client;
    }

    /**
     * The task queue to poll.
     *
     * @param name the queue; {@link #TASK_QUEUE} unless given
     * @return this builder
     */
    public Builder taskQueue(String name) {
      this.taskQueue = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * How the worker loads a fleet's plan from its source; it is loaded once, and refused when its hash differs
     * from the fleet's.
     *
     * @param loader from a source (a script's path, a class name) to the plan
     * @return this builder
     */
    public Builder plans(Function<String, RollbackPlan> loader) {
      this.plans = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /**
     * How the worker opens the adapters for a target (the core's own steps need none); they are closed after each
     * activity.
     *
     * @param opener from a target to its adapters
     * @return this builder
     */
    public Builder adapters(Function<FleetTarget, List<Adapter>> opener) {
      this.adapters = Objects.requireNonNull(opener, "opener");
      return this;
    }

    /**
     * A channel each target's notification goes to.
     *
     * @param name the channel's name
     * @param notifier the channel
     * @return this builder
     */
    public Builder notifier(String name, Notifier notifier) {
      notifiers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(notifier, "notifier"));
      return this;
    }

    /**
     * Where the plan's secrets come from.
     *
     * @param secrets the resolver; the environment unless given
     * @return this builder
     */
    public Builder secrets(SecretResolver secrets) {
      this.secrets = Objects.requireNonNull(secrets, "secrets");
      return this;
    }

    /**
     * For Temporal's test server: no sticky task queue, since the test server never moves a workflow off the
     * sticky queue of a worker that died (a real cluster does after 5 s), which would stall it.
     *
     * @param testServer true when the server is Temporal's test server
     * @return this builder
     */
    public Builder forTestServer(boolean testServer) {
      this.testServer = testServer;
      return this;
    }

    /**
     * Registers the workflows and activities on a worker made elsewhere (a {@code TestWorkflowEnvironment}'s).
     *
     * @param worker the worker
     * @throws IllegalStateException if no plan loader was given
     */
    public void registerOn(Worker worker) {
      if (plans == null) {
        throw new IllegalStateException("no plan loader: call plans(...) first");
      }
      worker.registerWorkflowImplementationTypes(FleetWorkflowImpl.class, PlanWorkflowImpl.class);
      worker.registerActivitiesImplementations(new PlanActivitiesImpl(plans, adapters, notifiers, secrets));
    }

    /**
     * Builds the worker, not yet polling.
     *
     * @return the worker
     * @throws IllegalStateException if no plan loader was given
     */
    public FleetWorker build() {
      WorkerFactory factory = WorkerFactory.newInstance(client);
      registerOn(factory.newWorker(taskQueue, workerOptions(testServer)));
      return new FleetWorker(factory);
    }
  }
}
