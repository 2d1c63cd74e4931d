package dev.rollback.internal.journal;

import java.util.List;
import java.util.Optional;

/**
 * Where journals live: files in a directory, or memory. Each run has one journal, named by its run id, made of
 * lines of JSON appended one at a time.
 */
public interface JournalStore {

  /**
   * Whether each appended line is synced to the disk before {@link JournalFile#append} returns.
   *
   * @return {@code true} for the durable store
   */
  boolean syncs();

  /**
   * The store in words, for messages: {@code journal directory /repo/.rollback}.
   *
   * @return the description
   */
  String describe();

  /**
   * Creates the journal of a new run.
   *
   * @param runId the run
   * @return the journal, open for appending
   * @throws java.io.IOException when it exists already or cannot be created
   */
  JournalFile create(String runId) throws java.io.IOException;

  /**
   * Opens an existing journal for appending, cutting a torn last line off first.
   *
   * @param runId the run
   * @param validLength the length of the journal's complete lines, in bytes
   * @return the journal, open for appending
   * @throws java.io.IOException when it cannot be opened
   */
  JournalFile reopen(String runId, long validLength) throws java.io.IOException;

  /**
   * The journal's bytes.
   *
   * @param runId the run
   * @return the bytes, when the journal exists
   * @throws java.io.IOException when it cannot be read
   */
  Optional<byte[]> read(String runId) throws java.io.IOException;

  /**
   * The runs with a journal here, oldest first.
   *
   * @return run ids
   * @throws java.io.IOException when the store cannot be listed
   */
  List<String> runs() throws java.io.IOException;

  /**
   * Takes a run lock: one per repository or workspace, in a file at a canonical place there (not in the journal's
   * directory), so that every run on it finds it whatever its plan and journal. A directory store holds the file
   * with {@link java.nio.channels.FileChannel#tryLock()} (the operating system releases it if the process dies); an
   * in-memory store holds it within the process only, creating no file.
   *
   * @param file the lock file's canonical path, created (with its folder) when missing
   * @param holder who takes it, written into the file for the message another taker sees
   * @return the lock, to release when the run ends
   * @throws dev.rollback.run.RunLockedException when another run holds it; the message is the holder's text
   * @throws java.io.IOException when the lock cannot be taken for another reason
   */
  JournalLock lock(java.nio.file.Path file, String holder) throws java.io.IOException;

  /** One run's journal, open for appending. */
  interface JournalFile extends AutoCloseable {
    /**
     * Appends a line: writes it with its newline and, in a syncing store, forces it to the disk.
     *
     * @param line the line's bytes, without a newline
     * @throws java.io.IOException when it could not be written
     */
    void append(byte[] line) throws java.io.IOException;

    @Override
    void close() throws java.io.IOException;
  }

  /** A held lock. */
  interface JournalLock extends AutoCloseable {
    @Override
    void close() throws java.io.IOException;
  }
}
