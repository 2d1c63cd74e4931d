package dev.rollback.testkit;

import dev.rollback.Check;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Signal;
import dev.rollback.Step;
import dev.rollback.spi.AbstractRunContext;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.Audit;
import dev.rollback.spi.BoundOutputs;
import dev.rollback.spi.CheckContext;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.Measurement;
import dev.rollback.spi.Probe;
import dev.rollback.spi.ResolvedParams;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.SecretMask;
import dev.rollback.spi.SignalContext;
import dev.rollback.spi.SignalSource;
import dev.rollback.spi.Sleeper;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A run for unit-testing an adapter's handlers without the executor: a {@link RunContext} whose clock, sleeper,
 * workspace, plan and deadline are given, that keeps what adapters {@link #remember remember} and the secrets they
 * {@link #registerSecret register}, and that calls handlers the way the executor calls them: parameters resolved by
 * the executor's own rule ({@link ResolvedParams}: references to bound outputs, templates filled, repository paths
 * and ref names as text, secrets by their values; in a preview, what is not known yet {@link
 * dev.rollback.spi.Unresolved}), outputs bound by the executor's own rule ({@link BoundOutputs}: the built-in
 * {@code run.*} and {@code plan.*} outputs from the start, a step's value and outputs under its {@code .as(name)}),
 * and {@link Adapter#beforeFirstMutation} called once, before the first step that changes anything.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
 * AdapterHarness run = AdapterHarness.builder(myAdapter).clock(clock).workspace(repo).build();
 * run.onRunStart();
 * run.evaluate(MyChecks.findCulprit().as("culprit"));            // binds "culprit"
 * StepPreview p = run.asPreview().preview(MySteps.revert(Rollback.ref("culprit")));  // changes nothing
 * StepResult r = run.apply(MySteps.revert(Rollback.ref("culprit")).as("revert"));
 * assertThat(run.outputs()).containsKey("revert");
 * assertThat(run.resumed().isApplied(MySteps.revert(Rollback.ref("culprit"))).state()).isEqualTo(APPLIED);
 * }</pre>
 *
 * <p>A harness is one run: {@link #asPreview()} and {@link #resumed()} give the same run seen by a preview, or
 * resumed after a crash, with what it remembered and bound so far. Contexts for calling a handler directly come
 * from {@link #context(Step)}, {@link #context(Check)} and {@link #context(Signal)}; they need no adapter. The
 * calls ({@link #apply}, {@link #preview}, ...) need the adapter given to {@link #builder(Adapter)}. It is safe to
 * use from the threads an adapter starts; it is not meant for concurrent tests on one instance.
 */
public final class AdapterHarness extends AbstractRunContext {

  private final Adapter adapter;
  private final Map<String, String> secretValues;
  private final boolean callsBeforeFirstMutation;
  private final Set<String> registeredSecrets = new LinkedHashSet<>();
  private boolean prepared;

  private AdapterHarness(Builder b, boolean dryRun, Instant startedAt) {
    super(b.runId != null ? b.runId : "harness-" + UUID.randomUUID().toString().substring(0, 8),
        b.plan != null ? b.plan : Rollback.plan("adapter harness").build(), b.clock,
        b.sleeper != null ? b.sleeper : b.clock instanceof Sleeper ? (Sleeper) b.clock : Sleeper.system(), dryRun,
        b.workspace, startedAt, b.secrets);
    this.adapter = b.adapter;
    this.secretValues = Map.copyOf(b.secrets);
    this.callsBeforeFirstMutation = b.callsBeforeFirstMutation;
    deadline(Optional.ofNullable(b.deadline));
  }

  /**
   * A builder for a harness that builds contexts but drives no adapter: for calling handlers directly.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder(null);
  }

  /**
   * A builder for a harness that drives an adapter.
   *
   * @param adapter the adapter under test
   * @return the builder
   * @throws NullPointerException if {@code adapter} is null
   */
  public static Builder builder(Adapter adapter) {
    return new Builder(Objects.requireNonNull(adapter, "adapter"));
  }

  /**
   * A harness for an adapter with every default: the system clock, the current directory, a plan with no elements.
   *
   * @param adapter the adapter under test
   * @return the harness
   * @throws NullPointerException if {@code adapter} is null
   */
  public static AdapterHarness of(Adapter adapter) {
    return builder(adapter).build();
  }

  /** Configures an {@link AdapterHarness}; every setting is optional. */
  public static final class Builder {
    private final Adapter adapter;
    private String runId;
    private RollbackPlan plan;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper;
    private Path workspace = Path.of("").toAbsolutePath();
    private Instant deadline;
    private boolean dryRun;
    private boolean callsBeforeFirstMutation = true;
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final Map<String, Object> outputs = new LinkedHashMap<>();

    private Builder(Adapter adapter) {
      this.adapter = adapter;
    }

    /**
     * The run's id, also what adapters name their backups and labels after.
     *
     * @param runId the id; by default {@code harness-} and 8 random hex digits, so runs never share one
     * @return this builder
     * @throws NullPointerException if {@code runId} is null
     * @throws IllegalArgumentException if {@code runId} is blank
     */
    public Builder runId(String runId) {
      Objects.requireNonNull(runId, "runId");
      if (runId.isBlank()) {
        throw new IllegalArgumentException("runId must not be blank");
      }
      this.runId = runId;
      return this;
    }

    /**
     * The plan being run, for adapters whose hooks look at it (which remotes a push leases, whether the plan uses
     * the engine at all).
     *
     * @param plan the plan; by default one with no elements
     * @return this builder
     * @throws NullPointerException if {@code plan} is null
     */
    public Builder plan(RollbackPlan plan) {
      this.plan = Objects.requireNonNull(plan, "plan");
      return this;
    }

    /**
     * The run's clock, which also fixes when the run started ({@code run.date}, {@code run.startedAt}).
     *
     * @param clock the clock; by default the system's. A clock that is also a {@link Sleeper}, such as a
     *     {@link dev.rollback.run.ManualClock}, is the sleeper too unless {@link #sleeper} says otherwise, so
     *     waits move time instead of sleeping
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How the run's waits wait.
     *
     * @param sleeper the sleeper; by default the clock when it is one, else {@link Sleeper#system()}
     * @return this builder
     * @throws NullPointerException if {@code sleeper} is null
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * The directory the plan's relative paths resolve against.
     *
     * @param workspace the workspace; by default the current directory
     * @return this builder
     * @throws NullPointerException if {@code workspace} is null
     */
    public Builder workspace(Path workspace) {
      this.workspace = Objects.requireNonNull(workspace, "workspace").toAbsolutePath();
      return this;
    }

    /**
     * The run's deadline, as the executor sets it from the decided severity.
     *
     * @param deadline when it expires; by default there is none
     * @return this builder
     * @throws NullPointerException if {@code deadline} is null
     */
    public Builder deadline(Instant deadline) {
      this.deadline = Objects.requireNonNull(deadline, "deadline");
      return this;
    }

    /**
     * Whether the harness is a preview from the start (see {@link AdapterHarness#asPreview()}).
     *
     * @param dryRun {@code true} for a preview; {@code false} by default
     * @return this builder
     */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /**
     * Sets a secret the plan's {@link dev.rollback.Secret} parameters resolve to. Its value is registered for
     * redaction when the harness is built, as the executor registers every secret a plan names before the run.
     *
     * @param name the secret's name
     * @param value its value
     * @return this builder
     * @throws NullPointerException if an argument is null
     */
    public Builder secret(String name, String value) {
      secrets.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Binds an output from the start, as an earlier step's {@code .as(name)} would have.
     *
     * @param name the output's name
     * @param value its value, plain data
     * @return this builder
     * @throws NullPointerException if an argument is null
     */
    public Builder output(String name, Object value) {
      outputs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Whether {@link AdapterHarness#apply} calls {@link Adapter#beforeFirstMutation} before the first step that
     * changes anything, as the executor does. Turn it off only where the adapter's backups are beside the point of
     * a test.
     *
     * @param calls {@code true} by default
     * @return this builder
     */
    public Builder callsBeforeFirstMutation(boolean calls) {
      this.callsBeforeFirstMutation = calls;
      return this;
    }

    /**
     * Builds the harness: the run starts now by its clock, with the built-in outputs and the given ones bound.
     *
     * @return the harness
     */
    public AdapterHarness build() {
      AdapterHarness h = new AdapterHarness(this, dryRun, clock.instant());
      h.bindAll(BoundOutputs.builtIns(h.runId(), h.startedAt(), h.plan()));
      h.bindAll(outputs);
      h.registeredSecrets.addAll(secrets.values());
      return h;
    }
  }

  // ---- the same run, seen otherwise ------------------------------------------------------------------------

  private AdapterHarness copy(boolean dry) {
    Builder b = new Builder(adapter);
    b.runId = runId();
    b.plan = plan();
    b.clock = clock();
    b.sleeper = sleeper();
    b.workspace = workspace();
    b.deadline = deadline().orElse(null);
    b.callsBeforeFirstMutation = callsBeforeFirstMutation;
    b.secrets.putAll(secretValues);
    AdapterHarness h = new AdapterHarness(b, dry, startedAt());
    h.bindAll(outputs());
    h.restore(remembered());
    h.registeredSecrets.addAll(registeredSecrets());
    return h;
  }

  /**
   * The same run seen by a preview ({@link #dryRun()} true): same id, plan, clock and workspace, with copies of
   * what was bound and remembered so far. References to outputs not bound yet resolve to
   * {@link dev.rollback.spi.Unresolved} there.
   *
   * @return a new harness; what it binds or remembers does not reach this one
   */
  public AdapterHarness asPreview() {
    return copy(true);
  }

  /**
   * The same run resumed after a crash, as the executor resumes it from its journal: same id, plan, clock and
   * workspace, what was bound and remembered restored, {@link Adapter#beforeFirstMutation} not called yet.
   *
   * @return a new harness; what it binds or remembers does not reach this one
   */
  public AdapterHarness resumed() {
    return copy(false);
  }

  // ---- RunContext ------------------------------------------------------------------------------------------

  /**
   * Sets the run's deadline, as the executor does once the severity is decided.
   *
   * @param at when it expires
   * @return this harness
   * @throws NullPointerException if {@code at} is null
   */
  public AdapterHarness deadline(Instant at) {
    deadline(Optional.of(Objects.requireNonNull(at, "at")));
    return this;
  }

  /**
   * Binds an output, as a step's {@code .as(name)} would.
   *
   * @param name the output's name
   * @param value its value, plain data
   * @return this harness
   * @throws NullPointerException if an argument is null
   */
  public AdapterHarness bind(String name, Object value) {
    bindAll(Map.of(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
    return this;
  }

  @Override
  public synchronized void registerSecret(String value) {
    registeredSecrets.add(Objects.requireNonNull(value, "value"));
  }

  /**
   * The values registered for redaction: the secrets given to the builder and what adapters registered.
   *
   * @return a copy, in registration order
   */
  public synchronized Set<String> registeredSecrets() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(registeredSecrets));
  }

  /**
   * The text with the {@link #registeredSecrets registered values} masked, as the executor masks it.
   *
   * @param text the text; may be null
   * @return the masked text
   */
  @Override
  public synchronized String redact(String text) {
    return SecretMask.of(registeredSecrets.toArray(new String[0])).apply(text);
  }

  // ---- contexts: inherited from AbstractRunContext ---------------------------------------------------------

  // ---- driving the adapter ---------------------------------------------------------------------------------

  private Adapter adapter() {
    if (adapter == null) {
      throw new IllegalStateException("this harness drives no adapter: build it with AdapterHarness.builder(adapter)"
          + ", or call the handler with one of its contexts");
    }
    return adapter;
  }

  private StepHandler handler(Step step) {
    StepHandler h = adapter().steps().get(step.kind());
    if (h == null) {
      throw new IllegalArgumentException("adapter '" + adapter.name() + "' has no handler for step kind '"
          + step.kind() + "'; it handles " + adapter.steps().keySet());
    }
    return h;
  }

  /**
   * Calls the adapter's {@link Adapter#onRunStart} with this run, as the executor does during assessment.
   *
   * @throws Exception what the adapter throws
   */
  public void onRunStart() throws Exception {
    adapter().onRunStart(this);
  }

  /**
   * Calls the adapter's {@link Adapter#onRunEnd} with this run, as the executor does after the run.
   *
   * @return the adapter's audit, when it has one
   * @throws Exception what the adapter throws
   */
  public Optional<Audit> onRunEnd() throws Exception {
    return adapter().onRunEnd(this);
  }

  /**
   * Previews a step: calls only the handler's {@link StepHandler#preview}, never {@code apply}, and binds nothing.
   * (The executor applies a {@link dev.rollback.Effect#READ_ONLY} step for real in a preview; call {@link #apply}
   * on the {@link #asPreview()} harness for that.)
   *
   * @param step the step
   * @return the handler's preview
   * @throws Exception what the handler throws
   */
  public StepPreview preview(Step step) throws Exception {
    return handler(step).preview(context(step));
  }

  /**
   * Applies a step's first attempt, as {@link #apply(Step, int)} does.
   *
   * @param step the step
   * @return what the handler returned
   * @throws Exception what the adapter throws
   */
  public StepResult apply(Step step) throws Exception {
    return apply(step, 1);
  }

  /**
   * Applies one attempt of a step as the executor does: {@link Adapter#beforeFirstMutation} first when this is
   * the run's first step that changes anything, then the handler's {@code apply}, then the step's outputs bound.
   *
   * @param step the step
   * @param attempt the attempt, from 1
   * @return what the handler returned
   * @throws IllegalStateException in a preview, for a step that changes things: the executor never applies one
   *     there
   * @throws Exception what the adapter throws
   */
  public StepResult apply(Step step, int attempt) throws Exception {
    StepHandler h = handler(step);
    if (dryRun() && step.effect().mutates()) {
      throw new IllegalStateException("step '" + step.name() + "' changes things (" + step.effect()
          + "): a preview never applies it; call preview(step)");
    }
    StepContext call = context(step, attempt);
    if (step.effect().mutates() && callsBeforeFirstMutation && !prepared) {
      adapter.beforeFirstMutation(this);
      prepared = true;
    }
    StepResult r = h.apply(call);
    bindAll(BoundOutputs.ofStep(step, r));
    return r;
  }

  /**
   * Asks the handler whether the step took effect, as the executor does on resume (usually on
   * {@link #resumed()}).
   *
   * @param step the step
   * @return the handler's answer
   * @throws Exception what the handler throws
   */
  public Probe isApplied(Step step) throws Exception {
    return handler(step).isApplied(context(step));
  }

  /**
   * Whether the handler can undo the step.
   *
   * @param step the step
   * @return the handler's answer
   */
  public boolean canCompensate(Step step) {
    return handler(step).canCompensate(context(step));
  }

  /**
   * Undoes an applied step through its handler.
   *
   * @param step the step
   * @param applied what {@link #apply} returned for it
   * @return what the compensation did
   * @throws Exception what the handler throws
   */
  public StepResult compensate(Step step, StepResult applied) throws Exception {
    return handler(step).compensate(context(step), Objects.requireNonNull(applied, "applied"));
  }

  /**
   * Evaluates a check and binds what it identified under its {@code .as(name)}, as the executor does.
   *
   * @param check the check
   * @return the evaluator's result
   * @throws Exception what the evaluator throws
   */
  public CheckResult evaluate(Check check) throws Exception {
    CheckEvaluator e = adapter().checks().get(check.kind());
    if (e == null) {
      throw new IllegalArgumentException("adapter '" + adapter.name() + "' has no evaluator for check kind '"
          + check.kind() + "'; it evaluates " + adapter.checks().keySet());
    }
    CheckResult r = e.evaluate(context(check));
    bindAll(BoundOutputs.ofCheck(check, r));
    return r;
  }

  /**
   * Measures a signal; measurements bind nothing.
   *
   * @param signal the signal
   * @return the source's measurement
   * @throws Exception what the source throws
   */
  public Measurement measure(Signal signal) throws Exception {
    SignalSource s = adapter().signals().get(signal.kind());
    if (s == null) {
      throw new IllegalArgumentException("adapter '" + adapter.name() + "' has no source for signal kind '"
          + signal.kind() + "'; it measures " + adapter.signals().keySet());
    }
    return s.measure(context(signal));
  }

  /**
   * The run in words, without outputs or secrets.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "AdapterHarness[" + runId() + (dryRun() ? ", preview" : "") + (adapter == null ? "" : ", " + adapter.name())
        + "]";
  }
}
