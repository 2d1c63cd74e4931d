package dev.rollback.testkit;

import dev.rollback.Check;
import dev.rollback.Signal;
import dev.rollback.Step;
import dev.rollback.spi.CheckContext;
import dev.rollback.spi.ResolvedParams;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.SignalContext;
import dev.rollback.spi.StepContext;
import java.time.Duration;
import java.util.Map;

/** The contexts {@link AdapterHarness} hands to handlers, evaluators and sources. */
final class HarnessCalls {

  private HarnessCalls() {}

  private abstract static class Base {
    private final RunContext run;
    private final ResolvedParams params;

    Base(RunContext run, ResolvedParams params) {
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
      return params.isResolved(key);
    }
  }

  /** One attempt of one step. */
  static final class StepCall extends Base implements StepContext {
    private final Step step;
    private final int attempt;
    private final Duration timeout;

    StepCall(RunContext run, ResolvedParams params, Step step, int attempt, Duration timeout) {
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

    @Override
    public String toString() {
      return "step '" + step.name() + "', attempt " + attempt;
    }
  }

  /** One evaluation of one check. */
  static final class CheckCall extends Base implements CheckContext {
    private final Check check;
    private final Duration timeout;

    CheckCall(RunContext run, ResolvedParams params, Check check, Duration timeout) {
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

    @Override
    public String toString() {
      return "check '" + check.name() + "'";
    }
  }

  /** One measurement of one signal. */
  static final class SignalCall extends Base implements SignalContext {
    private final Signal signal;

    SignalCall(RunContext run, ResolvedParams params, Signal signal) {
      super(run, params);
      this.signal = signal;
    }

    @Override
    public Signal signal() {
      return signal;
    }

    @Override
    public String toString() {
      return "signal " + signal.displayName();
    }
  }
}
