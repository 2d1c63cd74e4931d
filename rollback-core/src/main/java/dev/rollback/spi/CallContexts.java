package dev.rollback.spi;

import dev.rollback.Check;
import dev.rollback.Signal;
import dev.rollback.Step;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The contexts the executor hands to handlers, evaluators and sources, made by {@link StepContext#of},
 * {@link CheckContext#of} and {@link SignalContext#of}. Their text names the element, never a parameter's value.
 */
final class CallContexts {

  private CallContexts() {}

  private abstract static class Base implements CallContext {
    private final RunContext run;
    private final ResolvedParams params;

    Base(RunContext run, ResolvedParams params) {
      this.run = Objects.requireNonNull(run, "run");
      this.params = Objects.requireNonNull(params, "params");
    }

    @Override
    public RunContext run() {
      return run;
    }

    @Override
    public Map<String, Object> params() {
      return params.values();
    }

    @Override
    public boolean isResolved(String key) {
      return params.isResolved(key);
    }
  }

  /** One attempt of one step. */
  static final class StepCall extends Base implements StepContext {
    private final Step step;
    private final int attempt;
    private final Duration timeout;

    StepCall(RunContext run, Step step, ResolvedParams params, int attempt, Duration timeout) {
      super(run, params);
      this.step = Objects.requireNonNull(step, "step");
      if (attempt < 1) {
        throw new IllegalArgumentException("attempt must be 1 or more, not " + attempt);
      }
      this.attempt = attempt;
      this.timeout = Objects.requireNonNull(timeout, "timeout");
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

    CheckCall(RunContext run, Check check, ResolvedParams params, Duration timeout) {
      super(run, params);
      this.check = Objects.requireNonNull(check, "check");
      this.timeout = Objects.requireNonNull(timeout, "timeout");
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

    SignalCall(RunContext run, Signal signal, ResolvedParams params) {
      super(run, params);
      this.signal = Objects.requireNonNull(signal, "signal");
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
