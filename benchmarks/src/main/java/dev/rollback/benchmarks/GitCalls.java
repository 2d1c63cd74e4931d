package dev.rollback.benchmarks;

import dev.rollback.Check;
import dev.rollback.Ref;
import dev.rollback.RefName;
import dev.rollback.RepoPath;
import dev.rollback.RollbackPlan;
import dev.rollback.Step;
import dev.rollback.Template;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.CheckContext;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.RunContext;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives an adapter's handlers the way the executor does (parameters resolved, outputs bound, state remembered,
 * {@code beforeFirstMutation} before the first change), for benchmarks that measure the adapter alone.
 */
final class GitCalls implements RunContext {

  private final String runId;
  private final RollbackPlan plan;
  private final Clock clock;
  private final boolean dryRun;
  private final Path workspace;
  private final Instant startedAt;
  private final Map<String, Object> outputs = new HashMap<>();
  private final Map<String, String> memory = new HashMap<>();
  private boolean backedUp;

  GitCalls(String runId, RollbackPlan plan, Clock clock, boolean dryRun, Path workspace) {
    this.runId = runId;
    this.plan = plan;
    this.clock = clock;
    this.dryRun = dryRun;
    this.workspace = workspace;
    this.startedAt = clock.instant();
    outputs.put("run.id", runId);
    outputs.put("run.date", DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(startedAt));
  }

  StepResult apply(Adapter adapter, Step step) throws Exception {
    if (step.effect().mutates() && !backedUp) {
      adapter.beforeFirstMutation(this);
      backedUp = true;
    }
    StepResult r = adapter.steps().get(step.kind()).apply(context(step));
    if (step.output().isPresent() && r.value().isPresent()) {
      outputs.put(step.output().get(), r.value().get());
    }
    return r;
  }

  StepPreview preview(Adapter adapter, Step step) throws Exception {
    return adapter.steps().get(step.kind()).preview(context(step));
  }

  CheckResult check(Adapter adapter, Check check) throws Exception {
    Map<String, Object> params = resolve(check.params());
    CheckResult r = adapter.checks().get(check.kind()).evaluate(new CheckContext() {
      @Override
      public Check check() {
        return check;
      }

      @Override
      public Duration timeout() {
        return Duration.ofMinutes(1);
      }

      @Override
      public RunContext run() {
        return GitCalls.this;
      }

      @Override
      public Map<String, Object> params() {
        return params;
      }

      @Override
      public boolean isResolved(String key) {
        return !(params.get(key) instanceof Unresolved);
      }
    });
    if (check.output().isPresent() && r.value().isPresent()) {
      outputs.put(check.output().get(), r.value().get());
    }
    return r;
  }

  private StepContext context(Step step) {
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
        return Duration.ofMinutes(1);
      }

      @Override
      public RunContext run() {
        return GitCalls.this;
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

  private Map<String, Object> resolve(Map<String, Object> raw) {
    Map<String, Object> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(k, resolve(v)));
    return out;
  }

  private Object resolve(Object v) {
    if (v instanceof Ref) {
      Object out = outputs.get(((Ref) v).name());
      return out == null ? new Unresolved(((Ref) v).name()) : out;
    }
    if (v instanceof Template) {
      return ((Template) v).fill(outputs::get);
    }
    if (v instanceof RefName) {
      return new Template(((RefName) v).name()).fill(outputs::get);
    }
    if (v instanceof RepoPath) {
      return ((RepoPath) v).path();
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      ((List<?>) v).forEach(e -> out.add(resolve(e)));
      return out;
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
    // Benchmarks hold no secrets.
  }

  @Override
  public Instant startedAt() {
    return startedAt;
  }
}
