package dev.rollback.github.testing;

import dev.rollback.Check;
import dev.rollback.Ref;
import dev.rollback.RefName;
import dev.rollback.RepoPath;
import dev.rollback.Rollback;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small stand-in for the executor's run, for testing handlers until the executor lands: resolves parameters as the
 * executor does (references, ref names, templates, secrets), binds outputs, keeps what handlers remember.
 */
public final class TestRun implements RunContext {

  private final Adapter adapter;
  private final ManualClock clock;
  private final String runId;
  private final RollbackPlan plan = Rollback.plan("test plan").build();
  private final Instant startedAt;
  private Optional<Instant> deadline = Optional.empty();
  private boolean dryRun;
  private final Map<String, Object> outputs = new LinkedHashMap<>();
  private final Map<String, String> memory = new LinkedHashMap<>();
  private final Set<String> secrets = new LinkedHashSet<>();
  private final Map<String, String> environment = new LinkedHashMap<>();

  public TestRun(Adapter adapter, ManualClock clock, String runId) {
    this.adapter = adapter;
    this.clock = clock;
    this.runId = runId;
    this.startedAt = clock.instant();
  }

  public TestRun deadline(Instant d) {
    this.deadline = Optional.of(d);
    return this;
  }

  public TestRun dryRun(boolean d) {
    this.dryRun = d;
    return this;
  }

  public TestRun secretEnv(String name, String value) {
    environment.put(name, value);
    return this;
  }

  public TestRun bind(String name, Object value) {
    outputs.put(name, value);
    return this;
  }

  public Map<String, String> memory() {
    return memory;
  }

  public Set<String> registeredSecrets() {
    return secrets;
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
  public dev.rollback.spi.Sleeper sleeper() {
    return clock;
  }

  @Override
  public boolean dryRun() {
    return dryRun;
  }

  @Override
  public Path workspace() {
    return Path.of(".");
  }

  @Override
  public Optional<Instant> deadline() {
    return deadline;
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

  // ---- calls ---------------------------------------------------------------------------------------------------

  public StepResult apply(Step step) throws Exception {
    StepResult r = adapter.steps().get(step.kind()).apply(stepContext(step, 1));
    bindOutputs(step.output(), r);
    return r;
  }

  public StepResult apply(Step step, int attempt) throws Exception {
    StepResult r = adapter.steps().get(step.kind()).apply(stepContext(step, attempt));
    bindOutputs(step.output(), r);
    return r;
  }

  public StepPreview preview(Step step) throws Exception {
    return adapter.steps().get(step.kind()).preview(stepContext(step, 1));
  }

  public Probe probe(Step step) throws Exception {
    return adapter.steps().get(step.kind()).isApplied(stepContext(step, 1));
  }

  public StepResult compensate(Step step, StepResult applied) throws Exception {
    return adapter.steps().get(step.kind()).compensate(stepContext(step, 1), applied);
  }

  public Measurement measure(Signal signal) throws Exception {
    return adapter.signals().get(signal.kind()).measure(signalContext(signal));
  }

  public CheckResult evaluate(Check check) throws Exception {
    CheckResult r = adapter.checks().get(check.kind()).evaluate(checkContext(check));
    check.output().ifPresent(o -> r.value().ifPresent(v -> outputs.put(o, v)));
    return r;
  }

  private void bindOutputs(Optional<String> name, StepResult r) {
    name.ifPresent(n -> {
      r.value().ifPresent(v -> outputs.put(n, v));
      r.outputs().forEach((k, v) -> outputs.put(n + "." + k, v));
    });
  }

  public StepContext stepContext(Step step, int attempt) {
    Resolved p = resolve(step.params());
    TestRun run = this;
    return new StepContext() {
      @Override
      public Step step() {
        return step;
      }

      @Override
      public int attempt() {
        return attempt;
      }

      @Override
      public Duration timeout() {
        return step.timeout().orElse(Duration.ofMinutes(5));
      }

      @Override
      public RunContext run() {
        return run;
      }

      @Override
      public Map<String, Object> params() {
        return p.values;
      }

      @Override
      public boolean isResolved(String key) {
        return !p.unresolved.contains(key);
      }
    };
  }

  public SignalContext signalContext(Signal signal) {
    Resolved p = resolve(signal.params());
    TestRun run = this;
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
        return p.values;
      }

      @Override
      public boolean isResolved(String key) {
        return !p.unresolved.contains(key);
      }
    };
  }

  public CheckContext checkContext(Check check) {
    Resolved p = resolve(check.params());
    TestRun run = this;
    return new CheckContext() {
      @Override
      public Check check() {
        return check;
      }

      @Override
      public Duration timeout() {
        return check.timeout().orElse(Duration.ofMinutes(1));
      }

      @Override
      public RunContext run() {
        return run;
      }

      @Override
      public Map<String, Object> params() {
        return p.values;
      }

      @Override
      public boolean isResolved(String key) {
        return !p.unresolved.contains(key);
      }
    };
  }

  private record Resolved(Map<String, Object> values, Set<String> unresolved) {}

  private Resolved resolve(Map<String, Object> params) {
    Map<String, Object> out = new LinkedHashMap<>();
    Set<String> unresolved = new LinkedHashSet<>();
    params.forEach((k, v) -> {
      Object r = value(v);
      if (r instanceof Unresolved) {
        unresolved.add(k);
      }
      out.put(k, r);
    });
    return new Resolved(out, unresolved);
  }

  private Object value(Object v) {
    if (v instanceof Ref) {
      Object bound = outputs.get(((Ref) v).name());
      return bound == null ? new Unresolved(((Ref) v).name()) : bound;
    }
    if (v instanceof RefName) {
      return ((RefName) v).name();
    }
    if (v instanceof RepoPath) {
      return ((RepoPath) v).path();
    }
    if (v instanceof Template) {
      return ((Template) v).fill(name -> outputs.getOrDefault(name, "{{" + name + "}}"));
    }
    if (v instanceof Secret) {
      String value = environment.get(((Secret) v).name());
      secrets.add(value);
      return value;
    }
    if (v instanceof List) {
      List<Object> l = new ArrayList<>();
      ((List<?>) v).forEach(x -> l.add(value(x)));
      return l;
    }
    if (v instanceof Map) {
      Map<String, Object> m = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> m.put(String.valueOf(k), value(x)));
      return m;
    }
    return v;
  }
}
