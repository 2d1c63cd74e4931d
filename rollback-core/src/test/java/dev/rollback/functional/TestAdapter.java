package dev.rollback.functional;

import dev.rollback.Check;
import dev.rollback.Effect;
import dev.rollback.RollbackException;
import dev.rollback.Step;
import dev.rollback.run.ManualClock;
import dev.rollback.spi.Adapter;
import dev.rollback.spi.Audit;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.CheckResult;
import dev.rollback.spi.Probe;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A small real adapter, named {@code test}, whose world is a {@link Ledger} file: applying a step writes
 * {@code apply <id>}, undoing it {@code undo <id>}, and the idempotency probe reads the file. Its steps can fail a
 * number of times, move a manual clock as if they took time, block until interrupted, or carry a secret.
 */
class TestAdapter implements Adapter {

  /** Where a crash test pauses a step: before its change is written, or after. */
  interface Pause {
    void at(String stepId, String where);
  }

  static final String APPLY = "test.apply";
  static final String READ = "test.read";
  static final String FAIL = "test.fail";
  static final String BLOCK = "test.block";
  static final String CHECK = "test.check";
  static final String LEAK = "test.leak";

  private final Ledger ledger;
  private final ManualClock clock;
  private final Pause pause;
  private final List<String> secrets;
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
  final CountDownLatch blocked = new CountDownLatch(1);

  TestAdapter(Ledger ledger) {
    this(ledger, null, (id, where) -> { }, List.of());
  }

  TestAdapter(Ledger ledger, ManualClock clock, Pause pause, List<String> secrets) {
    this.ledger = ledger;
    this.clock = clock;
    this.pause = pause;
    this.secrets = secrets;
  }

  /** A step that writes {@code apply <id>}; its value is {@code <id>-value}, with output {@code n}. */
  static Step apply(String id, Effect effect) {
    return Step.of(APPLY, id, effect, Map.of("id", id));
  }

  /** The same, taking {@code minutes} on the manual clock. */
  static Step slow(String id, long minutes) {
    return apply(id, Effect.REVERSIBLE).with("minutes", minutes);
  }

  /** A read-only step whose value is its {@code value} parameter. */
  static Step read(String id, Object value) {
    return Step.of(READ, id, Effect.READ_ONLY, Map.of("id", id, "value", value));
  }

  /** A step that fails its first {@code times} attempts (all of them when negative), then applies. */
  static Step failing(String id, int times) {
    return Step.of(FAIL, id, Effect.REVERSIBLE, Map.of("id", id, "times", times));
  }

  /** A step that blocks until interrupted. */
  static Step blocking(String id) {
    return Step.of(BLOCK, id, Effect.REVERSIBLE, Map.of("id", id));
  }

  /** A step handed a secret that shows it in its result, or in the message of its failure. */
  static Step leaking(String id, Object token, boolean fail) {
    return Step.of(LEAK, id, Effect.REVERSIBLE, Map.of("id", id, "token", token, "fail", fail));
  }

  /** A check that passes or fails as told, with {@code value} as what it identified. */
  static Check check(String name, boolean passes) {
    return Check.of(CHECK, name, Map.of("passes", passes));
  }

  /** The same, taking {@code minutes} on the manual clock. */
  static Check slowCheck(String name, boolean passes, long minutes) {
    return check(name, passes).with("minutes", minutes);
  }

  @Override
  public String name() {
    return "test";
  }

  @Override
  public Map<String, StepHandler> steps() {
    Map<String, StepHandler> m = new LinkedHashMap<>();
    m.put(APPLY, new Applying());
    m.put(READ, new Reading());
    m.put(FAIL, new Failing());
    m.put(BLOCK, new Blocking());
    m.put(LEAK, new Leaking());
    return m;
  }

  @Override
  public Map<String, CheckEvaluator> checks() {
    return Map.of(CHECK, c -> {
      Object minutes = c.params().get("minutes");
      if (minutes != null) {
        clock.advance(Duration.ofMinutes(((Number) minutes).longValue()));
      }
      boolean passes = Boolean.TRUE.equals(c.params().get("passes"));
      CheckResult r = passes ? CheckResult.passed(c.check().name() + " holds")
          : CheckResult.failed(c.check().name() + " does not hold");
      Object v = c.params().get("value");
      return v == null ? r : r.withValue(v);
    });
  }

  @Override
  public void onRunStart(RunContext run) {
    calls.add("onRunStart" + (run.dryRun() ? " (preview)" : ""));
    if (run.recall("test.started").isEmpty() && !run.dryRun()) {
      run.remember("test.started", "ledger had " + ledger.lines().size() + " lines");
    }
    secrets.forEach(run::registerSecret);
  }

  @Override
  public void beforeFirstMutation(RunContext run) {
    calls.add("beforeFirstMutation");
  }

  @Override
  public Optional<Audit> onRunEnd(RunContext run) {
    calls.add("onRunEnd");
    return Optional.of(new Audit("test", true, "the ledger holds " + ledger.lines().size() + " lines",
        Map.of("started", run.recall("test.started").orElse("?"))));
  }

  @Override
  public Collection<String> secrets() {
    return secrets;
  }

  private StepResult applied(StepContext s) {
    String id = s.string("id");
    return StepResult.of("applied " + id).withValue(id + "-value").withOutput("n", 1 + id.length())
        .withEvidence("ledger", ledger.file().getFileName().toString());
  }

  private class Applying implements StepHandler {
    @Override
    public StepPreview preview(StepContext s) {
      return StepPreview.of("would apply " + s.string("id")).withDetail("resolved", s.isResolved("id"));
    }

    @Override
    public StepResult apply(StepContext s) throws Exception {
      String id = s.string("id");
      Object minutes = s.params().get("minutes");
      if (minutes != null) {
        clock.advance(Duration.ofMinutes(((Number) minutes).longValue()));
      }
      pause.at(id, "before");
      ledger.append("apply " + id);
      pause.at(id, "after");
      return applied(s);
    }

    @Override
    public Probe isApplied(StepContext s) {
      String id = s.string("id");
      return ledger.count("apply " + id) > ledger.count("undo " + id) ? Probe.applied(applied(s))
          : Probe.notApplied();
    }

    @Override
    public boolean canCompensate(StepContext s) {
      return s.step().effect() == Effect.REVERSIBLE;
    }

    @Override
    public StepResult compensate(StepContext s, StepResult applied) {
      ledger.append("undo " + s.string("id"));
      return StepResult.of("undid " + s.string("id") + " (was " + applied.value().orElse("?") + ")");
    }
  }

  private class Reading implements StepHandler {
    @Override
    public StepPreview preview(StepContext s) {
      return StepPreview.of("would read " + s.string("id"));
    }

    @Override
    public StepResult apply(StepContext s) {
      calls.add("read " + s.string("id"));
      return StepResult.of("read " + s.string("id")).withValue(s.params().get("value"));
    }
  }

  private class Failing implements StepHandler {
    @Override
    public StepPreview preview(StepContext s) {
      return StepPreview.of("would try " + s.string("id"));
    }

    @Override
    public StepResult apply(StepContext s) {
      String id = s.string("id");
      int times = ((Number) s.params().get("times")).intValue();
      int failed = failures.merge(id, 1, Integer::sum);
      if (times < 0 || failed <= times) {
        throw new RollbackException(id + " failed on purpose (attempt " + s.attempt() + ")");
      }
      ledger.append("apply " + id);
      return StepResult.of("applied " + id + " at attempt " + s.attempt());
    }

    @Override
    public boolean canCompensate(StepContext s) {
      return true;
    }

    @Override
    public StepResult compensate(StepContext s, StepResult applied) {
      ledger.append("undo " + s.string("id"));
      return StepResult.of("undid " + s.string("id"));
    }
  }

  private class Leaking implements StepHandler {
    @Override
    public StepPreview preview(StepContext s) {
      return StepPreview.of("would use token " + s.params().get("token"));
    }

    @Override
    public StepResult apply(StepContext s) {
      String token = String.valueOf(s.params().get("token"));
      s.run().remember("test.token", token);
      if (Boolean.TRUE.equals(s.params().get("fail"))) {
        throw new IllegalStateException("the service refused token " + token,
            new java.io.IOException("401 for " + token));
      }
      return StepResult.of("used token " + token).withValue(token).withOutput("token", token)
          .withEvidence("header", "Authorization: Bearer " + token);
    }
  }

  private class Blocking implements StepHandler {
    @Override
    public StepPreview preview(StepContext s) {
      return StepPreview.of("would block");
    }

    @Override
    public StepResult apply(StepContext s) throws InterruptedException {
      blocked.countDown();
      new CountDownLatch(1).await();
      throw new AssertionError("unreachable");
    }
  }
}
