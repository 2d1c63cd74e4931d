package dev.rollback.spi;

import dev.rollback.RollbackPlan;
import dev.rollback.run.ManualClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The run a call belongs to, shared by every adapter. */
public interface RunContext {

  /**
   * The run's id, also the journal's name.
   *
   * @return the id
   */
  String runId();

  /**
   * The plan being run.
   *
   * @return the plan
   */
  RollbackPlan plan();

  /**
   * The executor's clock; adapters read time only from it, so tests control time.
   *
   * @return the clock
   */
  Clock clock();

  /**
   * How waits wait (polling, backoff): the executor's sleeper, so that tests with a {@link ManualClock} never
   * sleep. Adapters wait only through it, and never past {@link #deadline()}.
   *
   * @return the sleeper; {@link Sleeper#system()} unless the executor was given another
   */
  default Sleeper sleeper() {
    return Sleeper.system();
  }

  /**
   * Whether this is a preview, which must change nothing.
   *
   * @return {@code true} in a preview
   */
  boolean dryRun();

  /**
   * The directory the plan's relative paths resolve against, usually the repository's work tree.
   *
   * @return the workspace
   */
  Path workspace();

  /**
   * When the decided severity's deadline expires, for operations that wait (awaiting CI, rate limits): they must
   * not wait past it.
   *
   * @return the deadline, when the run has one
   */
  Optional<Instant> deadline();

  /**
   * The outputs bound so far.
   *
   * @return outputs by name
   */
  Map<String, Object> outputs();

  /**
   * State an adapter remembered earlier in this run, restored from the journal on resume.
   *
   * @param key the key, prefixed by the adapter's name
   * @return the value, when remembered
   */
  Optional<String> recall(String key);

  /**
   * Remembers state across a crash (the remote value a push leases, the backup refs made): written to the
   * journal, and synced, before the call returns.
   *
   * @param key the key, prefixed by the adapter's name
   * @param value the value; never a secret
   */
  void remember(String key, String value);

  /**
   * Registers a value to keep out of every log, journal, report and exception message from now on.
   *
   * @param value the secret value
   */
  void registerSecret(String value);

  /**
   * The text with every secret the run knows masked, in the forms {@link SecretMask} masks. The executor masks
   * whatever a handler returns, so a handler needs this only for text it cuts before returning it (the last lines
   * of a command's output), since a cut can leave part of a secret that is no longer recognisable.
   *
   * @param text the text; may be null
   * @return the masked text; a context that knows no secret returns it unchanged
   */
  default String redact(String text) {
    return text;
  }

  /**
   * When the run started.
   *
   * @return the start
   */
  Instant startedAt();
}
