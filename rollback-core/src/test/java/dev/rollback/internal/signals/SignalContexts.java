package dev.rollback.internal.signals;

import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Signal;
import dev.rollback.spi.Measurement;
import dev.rollback.spi.ResolvedParams;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.SignalContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A real, minimal run for measuring signals in tests: parameters resolved by the executor's own rule
 * ({@link ResolvedParams}: paths to their text, secrets to values from a map), a workspace directory.
 */
final class SignalContexts {

  private SignalContexts() {}

  static Measurement measure(Signal signal, Path workspace) throws Exception {
    return measure(signal, workspace, Map.of());
  }

  static Measurement measure(Signal signal, Path workspace, Map<String, String> secrets) throws Exception {
    SignalContext ctx = of(signal, workspace, secrets);
    return CoreSignalSources.sources().get(signal.kind()).measure(ctx);
  }

  static SignalContext of(Signal signal, Path workspace, Map<String, String> secrets) {
    RollbackPlan plan = Rollback.plan("signals test").build();
    RunContext run = new RunContext() {
      @Override
      public String runId() {
        return "test-run";
      }

      @Override
      public RollbackPlan plan() {
        return plan;
      }

      @Override
      public Clock clock() {
        return Clock.systemUTC();
      }

      @Override
      public boolean dryRun() {
        return false;
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
        return Map.of();
      }

      @Override
      public Optional<String> recall(String key) {
        return Optional.empty();
      }

      @Override
      public void remember(String key, String value) {}

      @Override
      public void registerSecret(String value) {}

      @Override
      public Instant startedAt() {
        return Instant.EPOCH;
      }
    };
    return SignalContext.of(run, signal, ResolvedParams.resolve("signal " + signal.displayName(), signal.params(),
        name -> null, secrets::get, false));
  }
}
