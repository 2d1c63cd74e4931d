package dev.rollback.run;

import dev.rollback.internal.journal.FileJournalStore;
import dev.rollback.internal.journal.JournalStore;
import dev.rollback.internal.journal.JournalText;
import dev.rollback.internal.journal.MemoryJournalStore;
import dev.rollback.internal.run.JournalRecords;
import dev.rollback.report.RunStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where runs are journaled: one append-only file of JSON lines per run, {@code <run-id>.jsonl}, each record
 * flushed and synced to the disk before what it announces happens. The first record holds the plan's name, hash
 * and source and the run's options; then come stage transitions, the snapshot and decision, approvals, checks,
 * steps started, applied, failed and undone with their outputs, adapter state, and notifications. A crash loses
 * nothing: {@code RollbackExecutor.resume} replays the journal and continues. The directory also holds the locks
 * that keep two executors from running one plan on one target.
 *
 * <pre>{@code
 * Journal.directory(repo.resolve(".rollback"))              // durable: the default kind
 * Journal.directory(dir).withoutSync()                      // no fsync: benchmarks, throw-away runs
 * Journal.inMemory()                                        // tests
 * }</pre>
 */
public final class Journal {

  private final JournalStore store;

  private Journal(JournalStore store) {
    this.store = store;
  }

  /**
   * Journals in a directory, created when needed, every record synced to the disk before the step it announces
   * runs.
   *
   * @param dir the directory
   * @return the journal
   * @throws NullPointerException if {@code dir} is null
   */
  public static Journal directory(Path dir) {
    return new Journal(new FileJournalStore(Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize(), true));
  }

  /**
   * Journals in memory, for tests: resume works within the process, nothing survives it.
   *
   * @return the journal
   */
  public static Journal inMemory() {
    return new Journal(new MemoryJournalStore());
  }

  /**
   * The same directory without syncing: records reach the operating system but may be lost if the machine (not
   * the process) fails. For benchmarks and throw-away runs.
   *
   * @return the journal; an in-memory journal returns itself
   */
  public Journal withoutSync() {
    if (store instanceof FileJournalStore) {
      return new Journal(new FileJournalStore(((FileJournalStore) store).directory(), false));
    }
    return this;
  }

  /**
   * The directory, for a journal on disk.
   *
   * @return the directory; empty in memory
   */
  public Optional<Path> directory() {
    return store instanceof FileJournalStore ? Optional.of(((FileJournalStore) store).directory()) : Optional.empty();
  }

  /**
   * Whether each record is synced to the disk before what it announces happens.
   *
   * @return {@code true} for {@link #directory(Path)}
   */
  public boolean syncs() {
    return store.syncs();
  }

  /**
   * The runs journaled here, oldest first.
   *
   * @return run ids
   * @throws JournalException when the directory cannot be listed
   */
  public List<String> runs() {
    try {
      return store.runs();
    } catch (IOException e) {
      throw new JournalException("cannot list the runs in the " + store.describe() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The first record of a run's journal: which plan, from where, with which options, when.
   *
   * @param runId the run
   * @return the header, when the run has a journal here
   * @throws JournalException when the journal cannot be read, or is empty
   * @throws IllegalArgumentException when {@code runId} is not a run id (a path such as {@code ../x})
   */
  public Optional<Header> header(String runId) {
    Objects.requireNonNull(runId, "runId");
    dev.rollback.internal.Names.runIdProblem(runId).ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
    try {
      Optional<byte[]> bytes = store.read(runId);
      if (bytes.isEmpty()) {
        return Optional.empty();
      }
      JournalText text = JournalText.parse("the journal of run " + runId + " (" + runId + ".jsonl in the "
          + store.describe() + ")", bytes.get());
      if (text.records().isEmpty()) {
        throw new JournalException("the journal of run " + runId + " in the " + store.describe() + " is empty: the"
            + " run stopped before it recorded anything, so it changed nothing and there is nothing to resume; start"
            + " the plan again (./rollback run), and delete the empty journal " + runId + ".jsonl");
      }
      try {
        return Optional.of(JournalRecords.header(text.records().get(0)));
      } catch (JournalException e) {
        throw new JournalException(runId + ".jsonl in the " + store.describe() + ": " + e.getMessage(), e);
      }
    } catch (IOException e) {
      throw new JournalException("cannot read the journal of run " + runId + " in the " + store.describe() + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * When a run finished, as its journal's last {@code finished} record says; empty for a run that is still going,
   * was interrupted, stopped to wait for a person and a resume ({@link RunStatus#STOPPED}), or has no journal here. What may be cleaned up after a run (its backups) may be cleaned up only
   * once this says it finished.
   *
   * @param runId the run
   * @return the instant the run finished, when it did
   * @throws JournalException when the journal cannot be read
   */
  public Optional<Instant> finishedAt(String runId) {
    Objects.requireNonNull(runId, "runId");
    try {
      Optional<byte[]> bytes = store.read(runId);
      if (bytes.isEmpty()) {
        return Optional.empty();
      }
      List<java.util.Map<String, Object>> records = JournalText.parse("the journal of run " + runId + " (" + runId + ".jsonl in"
          + " the " + store.describe() + ")", bytes.get()).records();
      for (int i = records.size() - 1; i >= 0; i--) {
        java.util.Map<String, Object> r = records.get(i);
        if (JournalRecords.FINISHED_TYPE.equals(r.get("type")) && r.get("at") != null) {
          return RunStatus.STOPPED.name().equals(String.valueOf(r.get("status"))) ? Optional.empty()
              : Optional.of(Instant.parse(String.valueOf(r.get("at"))));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new JournalException("cannot read the journal of run " + runId + " in the " + store.describe() + ": "
          + e.getMessage(), e);
    }
  }

  JournalStore store() {
    return store;
  }

  @Override
  public String toString() {
    return "Journal[" + store.describe() + (store.syncs() ? ", synced" : "") + "]";
  }

  /**
   * The first record of a run's journal.
   *
   * @param runId the run
   * @param planName the plan's name
   * @param planHash the plan's hash
   * @param options the options the run was started with, the plan's source among them
   * @param startedAt when the run started
   * @param workspace the workspace it ran in
   */
  public record Header(String runId, String planName, String planHash, RunOptions options, Instant startedAt,
      String workspace) {

    /**
     * Creates a header.
     *
     * @param runId the run
     * @param planName the plan's name
     * @param planHash the plan's hash
     * @param options the options
     * @param startedAt when it started
     * @param workspace the workspace
     * @throws NullPointerException if an argument is null
     */
    public Header {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(planName, "planName");
      Objects.requireNonNull(planHash, "planHash");
      Objects.requireNonNull(options, "options");
      Objects.requireNonNull(startedAt, "startedAt");
      Objects.requireNonNull(workspace, "workspace");
    }
  }
}
