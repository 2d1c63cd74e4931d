package dev.rollback.functional;

import dev.rollback.spi.Adapter;
import dev.rollback.spi.Audit;
import dev.rollback.spi.CheckEvaluator;
import dev.rollback.spi.Probe;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.SignalSource;
import dev.rollback.spi.StepContext;
import dev.rollback.spi.StepHandler;
import dev.rollback.spi.StepPreview;
import dev.rollback.spi.StepResult;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wraps an adapter so that any change fails: apply of a step that is not read-only, compensate, and
 * beforeFirstMutation throw, and each attempt is recorded as a violation.
 */
final class MutationGuard implements Adapter {

  final List<String> violations = new CopyOnWriteArrayList<>();
  private final Adapter inner;

  MutationGuard(Adapter inner) {
    this.inner = inner;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public Map<String, StepHandler> steps() {
    Map<String, StepHandler> out = new LinkedHashMap<>();
    inner.steps().forEach((k, h) -> out.put(k, new Guarded(h)));
    return out;
  }

  @Override
  public Map<String, CheckEvaluator> checks() {
    return inner.checks();
  }

  @Override
  public Map<String, SignalSource> signals() {
    return inner.signals();
  }

  @Override
  public void onRunStart(RunContext run) throws Exception {
    inner.onRunStart(run);
  }

  @Override
  public void beforeFirstMutation(RunContext run) {
    throw violation("beforeFirstMutation in run " + run.runId());
  }

  @Override
  public Optional<Audit> onRunEnd(RunContext run) throws Exception {
    return inner.onRunEnd(run);
  }

  @Override
  public Collection<String> secrets() {
    return inner.secrets();
  }

  private AssertionError violation(String what) {
    violations.add(what);
    return new AssertionError("a preview must not change anything, but it called " + what);
  }

  private final class Guarded implements StepHandler {
    private final StepHandler h;

    Guarded(StepHandler h) {
      this.h = h;
    }

    @Override
    public StepPreview preview(StepContext step) throws Exception {
      return h.preview(step);
    }

    @Override
    public StepResult apply(StepContext step) throws Exception {
      if (step.step().effect().mutates()) {
        throw violation("apply of " + step.step().effect() + " step '" + step.step().name() + "'");
      }
      return h.apply(step);
    }

    @Override
    public Probe isApplied(StepContext step) throws Exception {
      return h.isApplied(step);
    }

    @Override
    public boolean canCompensate(StepContext step) {
      return h.canCompensate(step);
    }

    @Override
    public StepResult compensate(StepContext step, StepResult applied) {
      throw violation("compensate of step '" + step.step().name() + "'");
    }

    @Override
    public boolean appliesInPreview(StepContext step) {
      return h.appliesInPreview(step);
    }
  }
}
