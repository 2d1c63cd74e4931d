package dev.rollback.docker;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link Docker#runService} runs a compose service. Start from {@link #defaults()} and change what you
 * need; each method returns a new value.
 *
 * <pre>{@code
 * ServiceRunOptions.defaults().timeout(Duration.ofMinutes(5)).build(ServiceRunOptions.BuildPolicy.IF_MISSING)
 * }</pre>
 *
 * @param timeout how long the whole run may take, a build or pull included; past it the build or pull stops, or
 *     the container is killed and removed
 * @param build when to build a service that has a {@code build} section
 * @param pullMissing whether to pull an {@code image} the engine lacks (as compose does) before failing
 * @param labels labels put on the container besides the adapter's own
 * @param maxOutputBytes how much of each of stdout and stderr to keep; beyond it the oldest bytes are dropped
 */
public record ServiceRunOptions(Duration timeout, BuildPolicy build, boolean pullMissing, Map<String, String> labels,
    int maxOutputBytes) {

  /** When to build a service's image. */
  public enum BuildPolicy {
    /**
     * Build every time (Docker's build cache makes an unchanged build quick): the run tests what is in the folder
     * now, never a stale image. The default.
     */
    ALWAYS,
    /** Build only when the image is missing, as {@code docker compose run} does. */
    IF_MISSING,
    /** Never build; fail when the image is missing. */
    NEVER
  }

  /**
   * Creates options.
   *
   * @param timeout the run's timeout, positive
   * @param build the build policy
   * @param pullMissing whether to pull a missing image
   * @param labels extra labels
   * @param maxOutputBytes how much output to keep per stream, positive
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the timeout or the output size is not positive
   */
  public ServiceRunOptions {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    Objects.requireNonNull(build, "build");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    if (maxOutputBytes <= 0) {
      throw new IllegalArgumentException("maxOutputBytes must be positive, was " + maxOutputBytes);
    }
  }

  /**
   * Ten minutes, always build, pull a missing image, no extra labels, 8 MiB of each stream.
   *
   * @return the defaults
   */
  public static ServiceRunOptions defaults() {
    return new ServiceRunOptions(Duration.ofMinutes(10), BuildPolicy.ALWAYS, true, Map.of(), 8 << 20);
  }

  /**
   * The same options with another timeout.
   *
   * @param timeout how long the whole run may take, a build included; positive
   * @return the new options
   */
  public ServiceRunOptions timeout(Duration timeout) {
    return new ServiceRunOptions(timeout, build, pullMissing, labels, maxOutputBytes);
  }

  /**
   * The same options with another build policy.
   *
   * @param build when to build
   * @return the new options
   */
  public ServiceRunOptions build(BuildPolicy build) {
    return new ServiceRunOptions(timeout, build, pullMissing, labels, maxOutputBytes);
  }

  /**
   * The same options pulling a missing image or not.
   *
   * @param pull whether to pull
   * @return the new options
   */
  public ServiceRunOptions pullMissing(boolean pull) {
    return new ServiceRunOptions(timeout, build, pull, labels, maxOutputBytes);
  }

  /**
   * The same options with one more label on the container.
   *
   * @param key the label's key
   * @param value its value
   * @return the new options
   */
  public ServiceRunOptions label(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(labels);
    copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new ServiceRunOptions(timeout, build, pullMissing, copy, maxOutputBytes);
  }

  /**
   * The same options keeping another amount of output.
   *
   * @param bytes how much of each stream to keep, positive
   * @return the new options
   */
  public ServiceRunOptions maxOutputBytes(int bytes) {
    return new ServiceRunOptions(timeout, build, pullMissing, labels, bytes);
  }
}
