package dev.rollback.docker.internal;

import dev.rollback.Arg;
import dev.rollback.spi.CallContext;
import dev.rollback.spi.Unresolved;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads the resolved parameters of a step, check or signal. */
public final class CallParams {

  private CallParams() {}

  /**
   * A required parameter as text; an {@link Arg} the executor left unresolved gives its text.
   *
   * @param ctx the call
   * @param key the parameter
   * @return the text
   * @throws IllegalArgumentException if the parameter is missing or unresolved
   */
  public static String text(CallContext ctx, String key) {
    return optionalText(ctx, key).orElseThrow(() -> new IllegalArgumentException("missing parameter '" + key + "'"));
  }

  /**
   * An optional parameter as text.
   *
   * @param ctx the call
   * @param key the parameter
   * @return the text, when present
   * @throws IllegalArgumentException if the parameter refers to an output that is not known yet
   */
  public static Optional<String> optionalText(CallContext ctx, String key) {
    Object v = ctx.params().get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Unresolved) {
      throw new IllegalArgumentException("parameter '" + key + "' is " + v);
    }
    return Optional.of(v instanceof Arg ? ((Arg) v).text() : String.valueOf(v));
  }

  /**
   * An optional duration parameter.
   *
   * @param ctx the call
   * @param key the parameter
   * @return the duration, when present
   * @throws IllegalArgumentException if the parameter is not a duration
   */
  public static Optional<Duration> optionalDuration(CallContext ctx, String key) {
    Object v = ctx.params().get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Duration) {
      return Optional.of((Duration) v);
    }
    try {
      return Optional.of(Duration.parse(String.valueOf(v)));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("parameter '" + key + "' is not a duration: " + v, e);
    }
  }

  /**
   * A map parameter with text values.
   *
   * @param ctx the call
   * @param key the parameter
   * @return the map; empty when absent
   * @throws IllegalArgumentException if it is not a map, or a value is not known yet
   */
  public static Map<String, String> textMap(CallContext ctx, String key) {
    Object v = ctx.params().get(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("parameter '" + key + "' must be a map, was " + v.getClass().getSimpleName());
    }
    Map<String, String> out = new LinkedHashMap<>();
    ((Map<?, ?>) v).forEach((k, x) -> {
      if (x instanceof Unresolved) {
        throw new IllegalArgumentException("parameter '" + key + "." + k + "' is " + x);
      }
      out.put(String.valueOf(k), x instanceof Arg ? ((Arg) x).text() : String.valueOf(x));
    });
    return out;
  }

  /**
   * A path parameter resolved against the run's workspace, which it must not leave.
   *
   * @param ctx the call
   * @param key the parameter
   * @return the absolute path
   * @throws IllegalArgumentException if the path leaves the workspace
   */
  public static Path workspacePath(CallContext ctx, String key) {
    String text = text(ctx, key);
    Path root = ctx.run().workspace().toAbsolutePath().normalize();
    Path p = root.resolve(text).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException("parameter '" + key + "' = '" + text + "' leaves the workspace " + root);
    }
    return p;
  }

  /**
   * A duration as people read it: {@code 90s}, {@code 5m}, {@code 1h30m}.
   *
   * @param d the duration
   * @return the text
   */
  public static String duration(Duration d) {
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    long s = d.getSeconds();
    StringBuilder b = new StringBuilder();
    if (s >= 86400 && s % 86400 == 0) {
      return s / 86400 + "d";
    }
    if (s >= 3600) {
      b.append(s / 3600).append('h');
      s %= 3600;
    }
    if (s >= 60) {
      b.append(s / 60).append('m');
      s %= 60;
    }
    if (s > 0 || b.length() == 0) {
      b.append(s).append('s');
    }
    return b.toString();
  }

  /**
   * How long a service may run within a call's timeout: the requested time, at most the call's timeout less a
   * margin (a tenth, at most 30 seconds) to stop and remove the container before the executor gives up.
   *
   * @param requested the time asked for, when asked
   * @param callTimeout the call's timeout
   * @return the time to give the service
   */
  public static Duration within(Optional<Duration> requested, Duration callTimeout) {
    Duration margin = callTimeout.dividedBy(10);
    if (margin.compareTo(Duration.ofSeconds(30)) > 0) {
      margin = Duration.ofSeconds(30);
    }
    Duration max = callTimeout.minus(margin);
    if (max.isNegative() || max.isZero()) {
      max = callTimeout;
    }
    Duration r = requested.orElse(max);
    return r.compareTo(max) < 0 ? r : max;
  }
}
