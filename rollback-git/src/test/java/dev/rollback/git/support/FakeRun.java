package dev.rollback.git.support;

import dev.rollback.Check;
import dev.rollback.Ref;
import dev.rollback.RefName;
import dev.rollback.RepoPath;
import dev.rollback.RollbackPlan;
import dev.rollback.Secret;
import dev.rollback.Signal;
import dev.rollback.Step;
import dev.rollback.Template;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.CheckContext;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.ManualClock;
import dev.rollback.spi.Measurement;
import dev.rollback.spi.Probe;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.SignalContext;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import dev.rollback.spi.Unresolved;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run for testing handlers without the executor: outputs, remembered state and secrets in maps, parameters
 * resolved as the executor resolves them (refs to outputs, templates filled, paths and ref names as text), and
 * helpers to preview, apply, probe and compensate a step through an adapter.
 */
public final class FakeRun implements RunContext {

  private final String runId;
  private final RollbackPlan plan;
  private final ManualClock clock;
  private final boolean dryRun;
  private final Path workspace;
  private final Instant startedAt;
  /** Outputs bound so far. */
  public final Map<String, Object> outputs = new LinkedHashMap<>();
  /** What adapters remembered. */
  public final Map<String, String> memory = new LinkedHashMap<>();
  /** Secrets registered. */
  public final List<String> secrets = new ArrayList<>();

  /**
   * A run.
   *
   * @param runId its id
   * @param plan its plan
   * @param clock its clock
   * @param dryRun whether it is a preview
   * @param workspace its workspace
   */
  public FakeRun(String runId, RollbackPlan plan, ManualClock clock, boolean dryRun, Path workspace) {
    this.runId = runId;
    this.plan = plan;
    this.clock = clock;
    this.dryRun = dryRun;
    this.workspace = workspace;
    this.startedAt = clock.instant();
    outputs.put("run.id", runId);
    outputs.put("run.date", DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(startedAt));
  }

  /** The same run's state, seen by a preview (dry run) with the same memory and outputs. */
  public FakeRun preview() {
    FakeRun p = new FakeRun(runId, plan, clock, true, workspace);
    p.outputs.putAll(outputs);
    p.memory.putAll(memory);
    return p;
  }

  /** A fresh run over the same plan, as after a crash: memory and outputs carried over (the journal's job). */
  public FakeRun resumed() {
    FakeRun r = new FakeRun(runId, plan, clock, false, workspace);
    r.outputs.putAll(outputs);
    r.memory.putAll(memory);
    return r;
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

  /** The clock, to move time. */
  public ManualClock manualClock() {
    return clock;
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
  public Optional<Instant> deadline() {
    return Optional.empty();
  }

  @Override
  public Map<String, Object> outputs() {
    return outputs;
  }

  @Override
  public Optional<String> recall(String key) {
    return Optional.ofNullable(memory.get(key));
  }

  @Override
  public void remember(String key, String value) {
    memory.put(key, value);
  }

  @Override
  public void registerSecret(String value) {
    secrets.add(value);
  }

  @Override
  public Instant startedAt() {
    return startedAt;
  }

  // ---- resolution, as the executor does it

  Object resolve(Object v) {
    if (v instanceof Ref) {
      Object out = outputs.get(((Ref) v).name());
      if (out == null) {
        if (dryRun) {
          return new Unresolved(((Ref) v).name());
        }
        throw new IllegalStateException("no output " + ((Ref) v).name());
      }
      return out;
    }
    if (v instanceof Template) {
      return fill(((Template) v).text());
    }
    if (v instanceof RefName) {
      return fill(((RefName) v).name());
    }
    if (v instanceof RepoPath) {
      return ((RepoPath) v).path();
    }
    if (v instanceof Secret) {
      return "secret-" + ((Secret) v).name();
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      ((List<?>) v).forEach(e -> out.add(resolve(e)));
      return out;
    }
    if (v instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> out.put((String) k, resolve(x)));
      return out;
    }
    return v;
  }

  private Object fill(String text) {
    try {
      return new Template(text).fill(outputs::get);
    } catch (IllegalArgumentException e) {
      if (dryRun) {
        return new Unresolved(text);
      }
      throw e;
    }
  }

  private static boolean resolved(Object v) {
    if (v instanceof Unresolved) {
      return false;
    }
    if (v instanceof List) {
      return ((List<?>) v).stream().allMatch(FakeRun::resolved);
    }
    if (v instanceof Map) {
      return ((Map<?, ?>) v).values().stream().allMatch(FakeRun::resolved);
    }
    return true;
  }

  private Map<String, Object> params(Map<String, Object> raw) {
    Map<String, Object> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(k, resolve(v)));
    return out;
  }

  /** A context for a step. */
  public StepContext context(Step step) {
    Map<String, Object> params = params(step.params());
    FakeRun run = this;
    return new StepContext() {
      @Override
      public Step step() {
        return step;
      }

      @Override
      public int attempt() {
        return 1;
      }

      @Override
      public Duration timeout() {
        return Duration.ofMinutes(5);
      }

      @Override
      public RunContext run() {
        return run;
      }

      @Override
      public Map<String, Object> params() {
        return params;
      }

      @Override
      public boolean isResolved(String key) {
        return resolved(params.get(key));
      }
    };
  }

  /** A context for a check. */
  public CheckContext context(Check check) {
    Map<String, Object> params = params(check.params());
    FakeRun run = this;
    return new CheckContext() {
      @Override
      public Check check() {
        return check;
      }

      @Override
      public Duration timeout() {
        return Duration.ofMinutes(5);
      }

      @Override
      public RunContext run() {
        return run;
      }

      @Override
      public Map<String, Object> params() {
        return params;
      }

      @Override
      public boolean isResolved(String key) {
        return resolved(params.get(key));
      }
    };
  }

  /** A context for a signal. */
  public SignalContext context(Signal signal) {
    Map<String, Object> params = params(signal.params());
    FakeRun run = this;
    return new SignalContext() {
      @Override
      public Signal signal() {
        return signal;
      }

      @Override
      public RunContext run() {
        return run;
      }

      @Override
      public Map<String, Object> params() {
        return params;
      }

      @Override
      public boolean isResolved(String key) {
        return resolved(params.get(key));
      }
    };
  }

  // ---- driving an adapter

  private boolean backedUp;

  /** Whether {@link #apply} calls {@code beforeFirstMutation} (off only where backups are beside the point). */
  public boolean backups = true;

  /**
   * Applies a step through the adapter, calling {@code beforeFirstMutation} before the first mutating step as the
   * executor does, and binding the step's outputs.
   */
  public StepResult apply(Adapter adapter, Step step) throws Exception {
    if (step.effect().mutates() && !backedUp && backups) {
      adapter.beforeFirstMutation(this);
      backedUp = true;
    }
    StepResult r = adapter.steps().get(step.kind()).apply(context(step));
    bind(step.output(), r.value(), r.outputs());
    return r;
  }

  /** Previews a step. */
  public StepPreview preview(Adapter adapter, Step step) throws Exception {
    return adapter.steps().get(step.kind()).preview(context(step));
  }

  /** Probes a step. */
  public Probe probe(Adapter adapter, Step step) throws Exception {
    return adapter.steps().get(step.kind()).isApplied(context(step));
  }

  /** Compensates a step. */
  public StepResult compensate(Adapter adapter, Step step, StepResult applied) throws Exception {
    return adapter.steps().get(step.kind()).compensate(context(step), applied);
  }

  /** Evaluates a check, binding its value. */
  public CheckResult check(Adapter adapter, Check check) throws Exception {
    CheckResult r = adapter.checks().get(check.kind()).evaluate(context(check));
    bind(check.output(), r.value(), Map.of());
    return r;
  }

  /** Measures a signal. */
  public Measurement measure(Adapter adapter, Signal signal) throws Exception {
    return adapter.signals().get(signal.kind()).measure(context(signal));
  }

  private void bind(Optional<String> name, Optional<Object> value, Map<String, Object> more) {
    if (name.isPresent()) {
      value.ifPresent(v -> outputs.put(name.get(), v));
      more.forEach((k, v) -> outputs.put(name.get() + "." + k, v));
    }
  }
}
