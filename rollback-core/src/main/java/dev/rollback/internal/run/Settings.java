package dev.rollback.internal.run;

import dev.rollback.RetryPolicy;
import dev.rollback.internal.journal.JournalStore;
import dev.rollback.run.RunListener;
import dev.rollback.spi.Approver;
import dev.rollback.spi.Notifier;
import dev.rollback.spi.SecretMask;
import dev.rollback.spi.SecretResolver;
import dev.rollback.spi.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an executor was built with, handed to the engine.
 *
 * @param registry the adapters and their kinds
 * @param journal where runs are journaled
 * @param approver who approves and confirms, when anyone
 * @param listeners the listeners, in order
 * @param clock the clock
 * @param sleeper the sleeper
 * @param notifiers notifiers by channel name
 * @param notificationRetry how often a failed send is retried
 * @param workspace the workspace
 * @param secrets where secrets come from
 * @param mask the mask shared with the executor's caller, when it gave one
 */
public record Settings(Registry registry, JournalStore journal, Optional<Approver> approver,
    List<RunListener> listeners, Clock clock, Sleeper sleeper, Map<String, Notifier> notifiers,
    RetryPolicy notificationRetry, Path workspace, SecretResolver secrets, Optional<SecretMask> mask) {

  /**
   * Creates the settings.
   *
   * @param registry the adapters
   * @param journal the journal store
   * @param approver the approver
   * @param listeners the listeners
   * @param clock the clock
   * @param sleeper the sleeper
   * @param notifiers the notifiers
   * @param notificationRetry the retry policy for notifications
   * @param workspace the workspace
   * @param secrets the secret resolver
   * @param mask the shared mask, when there is one
   */
  public Settings {
    listeners = List.copyOf(listeners);
    notifiers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(notifiers));
  }

  /**
   * A redactor for one run or preview: on the shared mask, when there is one, else on a mask of its own.
   *
   * @return the redactor
   */
  Redactor newRedactor() {
    return mask.map(Redactor::new).orElseGet(Redactor::new);
  }
}
