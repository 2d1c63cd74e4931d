package dev.rollback.internal.run;

import dev.rollback.Check;
import dev.rollback.Signal;
import dev.rollback.Step;
import dev.rollback.spi.CheckContext;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.SignalContext;
import dev.rollback.spi.StepContext;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** The contexts handed to handlers, evaluators and sources. */
final class Calls {

  private Calls() {}

  private abstract static class Base {
    private final RunContext run;
    private final ParamResolver.Resolved params;

    Base(RunContext run, ParamResolver.Resolved params) {
      this.run = run;
      this.params = params;
    }

    public RunContext run() {
      return run;
    }

    public Map<String, Object> params() {
      return params.values();
    }

    public boolean isResolved(String key) {
      return !params.unresolved().contains(key);
    }

    Set<String> unresolved() {
      return params.unresolved();
    }
  }

  /** One attempt of one step. */
  static final class StepCall extends Base implements StepContext {
    private final Step step;
    private final int attempt;
    private final Duration timeout;

    StepCall(RunContext run, Step step, ParamResolver.Resolved params, int attempt, Duration timeout) {
      super(run, params);
      this.step = step;
      this.attempt = attempt;
      this.timeout = timeout;
    }

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
      return timeout;
    }

    boolean resolved() {
      return unresolved().isEmpty();
    }
  }

  /** One evaluation of one check. */
  static final class CheckCall extends Base implements CheckContext {
    private final Check check;
    private final Duration timeout;

    CheckCall(RunContext run, Check check, ParamResolver.Resolved params, Duration timeout) {
      super(run, params);
      this.check = check;
      this.timeout = timeout;
    }

    @Override
    public Check check() {
      return check;
    }

    @Override
    public Duration timeout() {
      return timeout;
    }
  }

  /** One measurement of one signal. */
  static final class SignalCall extends Base implements SignalContext {
    private final Signal signal;

    SignalCall(RunContext run, Signal signal, ParamResolver.Resolved params) {
      super(run, params);
      this.signal = signal;
    }

    @Override
    public Signal signal() {
      return signal;
    }
  }
}
