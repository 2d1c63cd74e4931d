package dev.rollback.docker;

import dev.rollback.docker.internal.Handlers;
import dev.rollback.docker.internal.PlanUsage;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.Audit;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.SignalSource;
import dev.rollback.spi.StepHandler;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Docker adapter: interprets the {@code docker.*} steps, checks and signals of a plan
 * ({@link DockerSteps}, {@link DockerChecks}, {@link DockerSignals}) with a {@link Docker} client, which offers
 * the same operations directly ({@link #docker()}).
 *
 * <pre>{@code
 * RollbackExecutor.builder().adapter(DockerAdapter.fromEnvironment())...
 * RollbackExecutor.builder().adapter(DockerAdapter.of(Docker.builder().host(host).build()))...
 * }</pre>
 *
 * <p>Everything it creates carries {@link DockerLabels#MANAGED}, and containers of a run carry the run's id and the
 * step's name, so {@link Docker#removeByLabel(String)} and the orphan check find them.
 *
 * <p>{@code RollbackExecutor.builder().discoverAdapters()} (the launcher, JShell scripts) finds it on the class path
 * and creates it with {@link #fromEnvironment()}. A plan that uses no {@code docker.*} step, check or signal never
 * contacts the engine.
 */
public final class DockerAdapter implements Adapter {

  /** The adapter's name, the prefix of its kinds. */
  public static final String NAME = "docker";

  private final Docker docker;
  private final Handlers handlers;

  private DockerAdapter(Docker docker) {
    this.docker = docker;
    this.handlers = docker.handlers();
  }

  /**
   * An adapter around a client; closing the adapter closes the client.
   *
   * @param docker the client
   * @return the adapter
   * @throws NullPointerException if {@code docker} is null
   */
  public static DockerAdapter of(Docker docker) {
    return new DockerAdapter(Objects.requireNonNull(docker, "docker"));
  }

  /**
   * An adapter for the engine the docker command line would use ({@link Docker#fromEnvironment()}). Nothing is
   * contacted until first use.
   *
   * @return the adapter
   * @throws DockerUnavailableException if the environment names a context that does not exist or an unusable
   *     address
   */
  public static DockerAdapter fromEnvironment() {
    return of(Docker.fromEnvironment());
  }

  /**
   * An adapter for an engine at an address ({@link Docker#connect(String)}). Nothing is contacted until first use.
   *
   * @param host such as {@code unix:///var/run/docker.sock} or {@code tcp://127.0.0.1:2375}
   * @return the adapter
   * @throws DockerUnavailableException if the address is not one the adapter can use
   * @throws NullPointerException if {@code host} is null
   */
  public static DockerAdapter connect(String host) {
    return of(Docker.connect(host));
  }

  /**
   * The client the adapter works with, for the same operations called directly.
   *
   * @return the client
   */
  public Docker docker() {
    return docker;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, StepHandler> steps() {
    return handlers.steps();
  }

  @Override
  public Map<String, CheckEvaluator> checks() {
    return handlers.checks();
  }

  @Override
  public Map<String, SignalSource> signals() {
    return handlers.signals();
  }

  /**
   * Connects to the engine during assessment when the plan uses a Docker step, check or signal, so a run whose
   * engine is down stops before anything changes. A plan that uses none never contacts the engine.
   *
   * @param run the run
   * @throws DockerUnavailableException if the plan uses Docker and the engine does not answer
   */
  @Override
  public void onRunStart(RunContext run) {
    if (PlanUsage.uses(run.plan(), NAME + ".")) {
      docker.engineInfo();
    }
  }

  /**
   * Proves that the run left no container behind: none carries the run's label. Nothing to prove for a plan that
   * uses no Docker step, check or signal.
   *
   * @param run the run
   * @return the audit, when the plan uses Docker
   */
  @Override
  public Optional<Audit> onRunEnd(RunContext run) {
    if (!PlanUsage.uses(run.plan(), NAME + ".")) {
      return Optional.empty();
    }
    List<String> left = docker.containers(DockerLabels.run(run.runId()), false);
    return Optional.of(new Audit(NAME, left.isEmpty(), left.isEmpty()
        ? "no container of run " + run.runId() + " remains on " + docker.host()
        : left.size() + " container(s) of run " + run.runId() + " remain on " + docker.host() + ": "
            + String.join(", ", left), Map.of("containers", left, "host", docker.host())));
  }

  @Override
  public void close() {
    docker.close();
  }

  @Override
  public String toString() {
    return "DockerAdapter[" + docker.where() + "]";
  }
}
