package dev.rollback.spi;

import dev.rollback.Check;
import dev.rollback.RollbackPlan;
import dev.rollback.Signal;
import dev.rollback.Step;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A run context that keeps the run's state in memory and makes the contexts handlers are called with, by the
 * executor's rules: parameters resolved by {@link ResolvedParams} against the outputs bound so far and the secrets
 * given, a call's timeout its element's own or the plan's default, outputs bound by {@link BoundOutputs}. The
 * executor's runs are one; so are test harnesses (rollback-testkit's {@code AdapterHarness}) and other executors, so
 * that a handler sees the same run wherever it is called from.
 *
 * <p>A subclass says where secrets go ({@link #registerSecret}, {@link #redact}) and, by overriding
 * {@link #persist}, where remembered state is kept across a crash. Outputs and remembered state are safe to use from
 * the threads an adapter starts.
 */
public abstract class AbstractRunContext implements RunContext {

  private final String runId;
  private final RollbackPlan plan;
  private final Clock clock;
  private final Sleeper sleeper;
  private final boolean dryRun;
  private final Path workspace;
  private final Instant startedAt;
  private final Map<String, String> secrets;
  private final Map<String, Object> outputs = new LinkedHashMap<>();
  private final Map<String, String> remembered = new LinkedHashMap<>();
  private volatile Optional<Instant> deadline = Optional.empty();

  /**
   * Creates the run with no output bound and nothing remembered.
   *
   * @param runId the run's id
   * @param plan the plan being run
   * @param clock the run's clock
   * @param sleeper how the run's waits wait
   * @param dryRun whether this is a preview
   * @param workspace the directory the plan's relative paths resolve against
   * @param startedAt when the run started
   * @param secrets the values of the secrets the plan's parameters name, by name
   * @throws NullPointerException if an argument is null
   */
  protected AbstractRunContext(String runId, RollbackPlan plan, Clock clock, Sleeper sleeper, boolean dryRun,
      Path workspace, Instant startedAt, Map<String, String> secrets) {
    this.runId = Objects.requireNonNull(runId, "runId");
    this.plan = Objects.requireNonNull(plan, "plan");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.dryRun = dryRun;
    this.workspace = Objects.requireNonNull(workspace, "workspace");
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.secrets = Map.copyOf(secrets);
  }

  @Override
  public String runId() {
    return runId;
  }

  @Override
  public RollbackPlan plan() {
    return plan;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Sleeper sleeper() {
    return sleeper;
  }

  @Override
  public boolean dryRun() {
    return dryRun;
  }

  @Override
  public Path workspace() {
    return workspace;
  }

  @Override
  public Instant startedAt() {
    return startedAt;
  }

  @Override
  public Optional<Instant> deadline() {
    return deadline;
  }

  /**
   * Sets the run's deadline, as the executor does once the severity is decided.
   *
   * @param at when it expires, or empty for none
   * @throws NullPointerException if {@code at} is null
   */
  public void deadline(Optional<Instant> at) {
    this.deadline = Objects.requireNonNull(at, "at");
  }

  /**
   * The outputs bound so far, built-in ones included.
   *
   * @return a copy, in binding order
   */
  @Override
  public Map<String, Object> outputs() {
    synchronized (outputs) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }
  }

  /**
   * One bound output.
   *
   * @param name the output's name
   * @return its value, when bound
   */
  public Optional<Object> output(String name) {
    return Optional.ofNullable(bound(name));
  }

  private Object bound(String name) {
    synchronized (outputs) {
      return outputs.get(name);
    }
  }

  /**
   * Binds outputs, replacing values bound before under the same names: what {@link BoundOutputs} says a step or
   * check binds, or the built-in outputs.
   *
   * @param bound values by name, plain data
   * @throws NullPointerException if a name or value is null
   */
  public void bindAll(Map<String, ?> bound) {
    bound.forEach((k, v) -> {
      Objects.requireNonNull(k, "name");
      Objects.requireNonNull(v, "value");
    });
    synchronized (outputs) {
      outputs.putAll(bound);
    }
  }

  @Override
  public Optional<String> recall(String key) {
    synchronized (remembered) {
      return Optional.ofNullable(remembered.get(key));
    }
  }

  /**
   * Remembers state: {@link #persist} keeps it first, so that a value is remembered only once it would survive a
   * crash.
   *
   * @param key the key, prefixed by the adapter's name
   * @param value the value; never a secret
   * @throws NullPointerException if an argument is null
   */
  @Override
  public final void remember(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    persist(key, value);
    synchronized (remembered) {
      remembered.put(key, value);
    }
  }

  /**
   * Keeps remembered state where a resumed run finds it again (the executor's journal), before {@link #remember}
   * returns; by default nowhere.
   *
   * @param key the key
   * @param value the value
   */
  protected void persist(String key, String value) {}

  /**
   * What adapters remembered so far, what the executor's journal would hold.
   *
   * @return a copy, by key, in the order first remembered
   */
  public Map<String, String> remembered() {
    synchronized (remembered) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(remembered));
    }
  }

  /**
   * Restores state remembered before, as a resumed run does from its journal; nothing is persisted again.
   *
   * @param state values by key
   */
  protected final void restore(Map<String, String> state) {
    synchronized (remembered) {
      remembered.putAll(state);
    }
  }

  /**
   * An element's parameters, resolved as the executor resolves them before a handler sees them.
   *
   * @param owner what holds them, for error messages: {@code step 'revert'}
   * @param params the parameters as declared
   * @return the resolved parameters
   * @throws dev.rollback.RollbackException outside a preview, when a parameter refers to an output not bound or a
   *     secret not set
   */
  public ResolvedParams resolve(String owner, Map<String, Object> params) {
    return ResolvedParams.resolve(owner, params, this::bound, secrets::get, dryRun);
  }

  /**
   * The context of the first attempt of a step, its timeout the step's own or the plan's default.
   *
   * @param step the step
   * @return the context, parameters resolved now
   * @throws dev.rollback.RollbackException outside a preview, when a parameter refers to an output not bound or
   *     a secret not set
   */
  public StepContext context(Step step) {
    return context(step, 1);
  }

  /**
   * The context of one attempt of a step, its timeout the step's own or the plan's default.
   *
   * @param step the step
   * @param attempt the attempt, from 1
   * @return the context, parameters resolved now
   * @throws IllegalArgumentException if {@code attempt} is less than 1
   * @throws dev.rollback.RollbackException outside a preview, when a parameter refers to an output not bound or
   *     a secret not set
   */
  public StepContext context(Step step, int attempt) {
    Objects.requireNonNull(step, "step");
    ResolvedParams params = resolve("step '" + step.name() + "'", step.params());
    return StepContext.of(this, step, params, attempt, step.timeout().orElse(plan.defaultTimeout()));
  }

  /**
   * The context of a check's evaluation, its timeout the check's own or the plan's default.
   *
   * @param check the check
   * @return the context, parameters resolved now
   * @throws dev.rollback.RollbackException outside a preview, when a parameter refers to an output not bound or
   *     a secret not set
   */
  public CheckContext context(Check check) {
    Objects.requireNonNull(check, "check");
    ResolvedParams params = resolve("check '" + check.name() + "'", check.params());
    return CheckContext.of(this, check, params, check.timeout().orElse(plan.defaultTimeout()));
  }

  /**
   * The context of a signal's measurement.
   *
   * @param signal the signal
   * @return the context, parameters resolved now
   * @throws dev.rollback.RollbackException outside a preview, when a parameter refers to an output not bound or
   *     a secret not set
   */
  public SignalContext context(Signal signal) {
    Objects.requireNonNull(signal, "signal");
    return SignalContext.of(this, signal, resolve("signal " + signal.displayName(), signal.params()));
  }
}
