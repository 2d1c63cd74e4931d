package dev.rollback.github.internal;

import dev.rollback.spi.StepContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the step handlers share: parameters, keys for {@code remember}, markers. */
final class Steps {

  private Steps() {}

  /** The key under which a step remembers state for resume: {@code github.<what>.<step name>}. */
  static String key(StepContext ctx, String what) {
    return "github." + what + "." + ctx.step().name();
  }

  /** A hidden marker for bodies the adapter posts, so a resumed run can find what it posted. */
  static String marker(StepContext ctx) {
    return "<!-- rollback run=" + ctx.run().runId() + " step=" + ctx.step().name().replace("--", "- -") + " -->";
  }

  static long runId(StepContext ctx, String key) {
    Object v = ctx.params().get(key);
    if (v instanceof Number) {
      return ((Number) v).longValue();
    }
    String s = String.valueOf(v).trim();
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("step '" + ctx.step().name() + "': " + key + " must be a workflow run id,"
          + " was '" + s + "'");
    }
  }

  static int number(StepContext ctx, String key) {
    long v = runId(ctx, key);
    if (v < 1 || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("step '" + ctx.step().name() + "': " + key + " must be an issue or pull"
          + " request number, was " + v);
    }
    return (int) v;
  }

  static Duration duration(StepContext ctx, String key, Duration fallback) {
    Object v = ctx.params().get(key);
    return v instanceof Duration ? (Duration) v : fallback;
  }

  static String text(StepContext ctx, String key, String fallback) {
    Object v = ctx.params().get(key);
    return v == null ? fallback : String.valueOf(v);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(StepContext ctx, String key) {
    Object v = ctx.params().get(key);
    return v instanceof Map ? (Map<String, Object>) v : Map.of();
  }

  static List<String> list(StepContext ctx, String key) {
    return ctx.strings(key);
  }
}
