package dev.rollback.docker.testing;

import dev.rollback.Arg;
import dev.rollback.Check;
import dev.rollback.Ref;
import dev.rollback.RefName;
import dev.rollback.RepoPath;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Signal;
import dev.rollback.Step;
import dev.rollback.Template;
import dev.rollback.docker.DockerChecks;
import dev.rollback.spi.CheckContext;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.SignalContext;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.Unresolved;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A test-scope run for calling handlers without the executor: it resolves parameters as the executor promises
 * (refs to outputs, templates filled, repository paths and ref names as text, other arguments as they are, refs to
 * outputs not bound yet as {@link Unresolved} in a dry run), and keeps what adapters remember.
 */
public final class TestRun implements RunContext {

  private final String runId;
  private final Path workspace;
  private final Clock clock;
  private final boolean dryRun;
  private final Instant startedAt;
  private final Map<String, Object> outputs = new LinkedHashMap<>();
  private final Map<String, String> remembered = new LinkedHashMap<>();
  /** A plan that uses Docker, so the adapter's run hooks do their work; handlers ignore the plan otherwise. */
  private RollbackPlan plan = Rollback.plan("docker adapter test").checklist(DockerChecks.engineAvailable()).build();

  private TestRun(String runId, Path workspace, Clock clock, boolean dryRun) {
    this.runId = runId;
    this.workspace = workspace;
    this.clock = clock;
    this.dryRun = dryRun;
    this.startedAt = clock.instant();
    outputs.put("run.id", runId);
  }

  /**
   * A run in a workspace, with a fresh id and the system clock.
   *
   * @param workspace the workspace
   * @return the run
   */
  public static TestRun in(Path workspace) {
    return new TestRun("test-" + UUID.randomUUID().toString().substring(0, 8), workspace, Clock.systemUTC(), false);
  }

  /**
   * A run in a workspace whose clock is given.
   *
   * @param workspace the workspace
   * @param clock the clock
   * @return the run
   */
  public static TestRun in(Path workspace, Clock clock) {
    return new TestRun("test-" + UUID.randomUUID().toString().substring(0, 8), workspace, clock, false);
  }

  /**
   * The same workspace and memory as a dry run.
   *
   * @return a dry run sharing nothing but the workspace and id
   */
  public TestRun dry() {
    TestRun d = new TestRun(runId, workspace, clock, true);
    d.outputs.putAll(outputs);
    d.remembered.putAll(remembered);
    return d;
  }

  /**
   * A run that resumes this one after a crash: same id, workspace and remembered state, outputs restored.
   *
   * @return the resumed run
   */
  public TestRun resumed() {
    TestRun r = new TestRun(runId, workspace, clock, false);
    r.outputs.putAll(outputs);
    r.remembered.putAll(remembered);
    return r;
  }

  /**
   * Sets the plan the run runs.
   *
   * @param plan the plan
   * @return this run
   */
  public TestRun running(RollbackPlan plan) {
    this.plan = plan;
    return this;
  }

  /**
   * Binds an output, as a step's {@code .as(name)} would.
   *
   * @param name the name
   * @param value the value
   * @return this run
   */
  public TestRun bind(String name, Object value) {
    outputs.put(name, value);
    return this;
  }

  /**
   * What adapters remembered.
   *
   * @return the remembered state
   */
  public Map<String, String> remembered() {
    return Map.copyOf(remembered);
  }

  /**
   * A call of a step, with the step's default timeout of two minutes.
   *
   * @param step the step
   * @return the context
   */
  public StepContext call(Step step) {
    return call(step, step.timeout().orElse(Duration.ofMinutes(2)));
  }

  /**
   * A call of a step.
   *
   * @param step the step
   * @param timeout the attempt's timeout
   * @return the context
   */
  public StepContext call(Step step, Duration timeout) {
    Map<String, Object> params = resolve(step.params());
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
        return timeout;
      }

      @Override
      public RunContext run() {
        return TestRun.this;
      }

      @Override
      public Map<String, Object> params() {
        return params;
      }

      @Override
      public boolean isResolved(String key) {
        return !(params.get(key) instanceof Unresolved);
      }
    };
  }

  /**
   * A call of a check.
   *
   * @param check the check
   * @return the context
   */
  public CheckContext call(Check check) {
    Map<String, Object> params = resolve(check.params());
    Duration timeout = check.timeout().orElse(Duration.ofMinutes(2));
    return new CheckContext() {
      @Override
      public Check check() {
        return check;
      }

      @Override
      public Duration timeout() {
        return timeout;
      }

      @Override
      public RunContext run() {
        return TestRun.this;
      }

      @Override
      public Map<String, Object> params() {
        return params;
      }

      @Override
      public boolean isResolved(String key) {
        return !(params.get(key) instanceof Unresolved);
      }
    };
  }

  /**
   * A measurement of a signal.
   *
   * @param signal the signal
   * @return the context
   */
  public SignalContext call(Signal signal) {
    Map<String, Object> params = resolve(signal.params());
    return new SignalContext() {
      @Override
      public Signal signal() {
        return signal;
      }

      @Override
      public RunContext run() {
        return TestRun.this;
      }

      @Override
      public Map<String, Object> params() {
        return params;
      }

      @Override
      public boolean isResolved(String key) {
        return !(params.get(key) instanceof Unresolved);
      }
    };
  }

  private Map<String, Object> resolve(Map<String, Object> params) {
    Map<String, Object> out = new LinkedHashMap<>();
    params.forEach((k, v) -> out.put(k, resolve(v)));
    return out;
  }

  private Object resolve(Object v) {
    if (v instanceof Ref) {
      String name = ((Ref) v).name();
      if (outputs.containsKey(name)) {
        return outputs.get(name);
      }
      if (dryRun) {
        return new Unresolved(name);
      }
      throw new IllegalStateException("no output named " + name);
    }
    if (v instanceof Template) {
      return ((Template) v).fill(outputs::get);
    }
    if (v instanceof RepoPath || v instanceof RefName) {
      return ((Arg) v).text();
    }
    if (v instanceof List) {
      return ((List<?>) v).stream().map(this::resolve).collect(Collectors.toList());
    }
    if (v instanceof Map) {
      Map<String, Object> m = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> m.put(String.valueOf(k), resolve(x)));
      return m;
    }
    return v;
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
    return Map.copyOf(outputs);
  }

  @Override
  public Optional<String> recall(String key) {
    return Optional.ofNullable(remembered.get(key));
  }

  @Override
  public void remember(String key, String value) {
    remembered.put(key, value);
  }

  @Override
  public void registerSecret(String value) {}

  @Override
  public Instant startedAt() {
    return startedAt;
  }
}
