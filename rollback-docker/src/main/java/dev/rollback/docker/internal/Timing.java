package dev.rollback.docker.internal;

import java.time.Duration;
import java.util.Optional;

/** Durations as the Docker steps show and bound them. */
public final class Timing {

  private Timing() {}

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
