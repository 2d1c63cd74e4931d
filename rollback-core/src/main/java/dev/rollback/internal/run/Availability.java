package dev.rollback.internal.run;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The adapters a run goes on without: those the options allow to skip that are not registered or could not start,
 * each with the reason. Filled while the run assesses ({@link AssessStage}), read from then on to skip what such an
 * adapter interprets.
 */
final class Availability {

  private final Map<String, String> unavailable = new TreeMap<>();

  /**
   * Marks an adapter unavailable.
   *
   * @param adapter its name
   * @param reason why
   */
  synchronized void mark(String adapter, String reason) {
    unavailable.put(adapter, reason);
  }

  /** Whether an adapter is unavailable. */
  synchronized boolean isUnavailable(String adapter) {
    return unavailable.containsKey(adapter);
  }

  /** The unavailable adapters by name, with the reasons, sorted by name. */
  synchronized Map<String, String> unavailable() {
    return new TreeMap<>(unavailable);
  }

  /**
   * Why a step, check or signal of this kind is skipped: its adapter was marked unavailable.
   *
   * @param kind the kind, such as {@code docker.runComposeService}
   * @return the reason, starting with "skipped", or empty when it runs
   */
  synchronized Optional<String> skipped(String kind) {
    if (unavailable.isEmpty()) {
      return Optional.empty();
    }
    String adapter = Registry.namespace(kind);
    String why = unavailable.get(adapter);
    return why == null ? Optional.empty() : Optional.of("skipped: adapter '" + adapter + "' is unavailable (" + why
        + ")");
  }
}
