package dev.rollback.internal.signals;

import dev.rollback.Arg;
import dev.rollback.Rollback;
import dev.rollback.RollbackPlan;
import dev.rollback.Secret;
import dev.rollback.Signal;
import dev.rollback.spi.Measurement;
import dev.rollback.spi.RunContext;
import dev.rollback.spi.SignalContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real, minimal run for measuring signals in tests: parameters resolved as the executor resolves them (paths to
 * their text, secrets to values from a map), a workspace directory, the plan's default timeout.
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
    Map<String, Object> params = new LinkedHashMap<>();
    signal.params().forEach((k, v) -> params.put(k, resolve(v, secrets)));
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
        return true;
      }
    };
  }

  private static Object resolve(Object v, Map<String, String> secrets) {
    if (v instanceof Secret) {
      return secrets.get(((Secret) v).name());
    }
    if (v instanceof Arg) {
      return ((Arg) v).text();
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      ((List<?>) v).forEach(x -> out.add(resolve(x, secrets)));
      return out;
    }
    if (v instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> out.put((String) k, resolve(x, secrets)));
      return out;
    }
    return v;
  }
}
