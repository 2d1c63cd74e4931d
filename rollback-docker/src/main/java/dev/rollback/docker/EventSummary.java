package dev.rollback.docker;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code docker system events --since ... --until ...} showed in a window, counted: events by type and by
 * {@code type.action}, containers that exited with a non-zero code, and containers the kernel killed for lack of
 * memory.
 *
 * @param since the window's start
 * @param until the window's end
 * @param total how many events
 * @param byType counts by type ({@code container}, {@code image}, ...), largest first
 * @param byAction counts by {@code type.action} ({@code container.die}, {@code image.tag}, ...), largest first
 * @param nonZeroExits containers that died with a non-zero exit code, as {@code name (image): exit code}
 * @param oomKills how many out-of-memory kills
 */
public record EventSummary(Instant since, Instant until, long total, Map<String, Long> byType,
    Map<String, Long> byAction, List<String> nonZeroExits, long oomKills) {

  /**
   * Creates the value.
   *
   * @param since the start
   * @param until the end
   * @param total the count
   * @param byType counts by type
   * @param byAction counts by type and action
   * @param nonZeroExits the failed containers
   * @param oomKills the OOM kills
   * @throws NullPointerException if an argument is null
   */
  public EventSummary {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    byType = Collections.unmodifiableMap(new LinkedHashMap<>(byType));
    byAction = Collections.unmodifiableMap(new LinkedHashMap<>(byAction));
    nonZeroExits = List.copyOf(nonZeroExits);
  }

  /**
   * The summary as plain data for evidence.
   *
   * @return the window, the counts and the failed containers
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("since", since);
    m.put("until", until);
    m.put("total", total);
    m.put("byType", new LinkedHashMap<String, Object>(byType));
    m.put("byAction", new LinkedHashMap<String, Object>(byAction));
    m.put("nonZeroExits", nonZeroExits);
    m.put("oomKills", oomKills);
    return m;
  }
}
