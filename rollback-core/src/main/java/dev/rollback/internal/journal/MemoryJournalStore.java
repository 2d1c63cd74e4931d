package dev.rollback.internal.journal;

import dev.rollback.run.RunLockedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Journals and locks in memory, for tests and benchmarks: nothing survives the process. Thread-safe. */
public final class MemoryJournalStore implements JournalStore {

  private final Map<String, ByteArrayOutputStream> journals = new LinkedHashMap<>();

  @Override
  public boolean syncs() {
    return false;
  }

  @Override
  public String describe() {
    return "in-memory journal";
  }

  @Override
  public synchronized JournalFile create(String runId) throws IOException {
    if (journals.containsKey(runId)) {
      throw new java.nio.file.FileAlreadyExistsException(runId);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    journals.put(runId, out);
    return file(out);
  }

  @Override
  public synchronized JournalFile reopen(String runId, long validLength) throws IOException {
    ByteArrayOutputStream out = journals.get(runId);
    if (out == null) {
      throw new java.nio.file.NoSuchFileException(runId);
    }
    byte[] keep = java.util.Arrays.copyOf(out.toByteArray(), (int) validLength);
    out.reset();
    out.write(keep);
    return file(out);
  }

  private JournalFile file(ByteArrayOutputStream out) {
    return new JournalFile() {
      @Override
      public void append(byte[] line) {
        synchronized (MemoryJournalStore.this) {
          out.write(line, 0, line.length);
          out.write('\n');
        }
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public synchronized Optional<byte[]> read(String runId) {
    ByteArrayOutputStream out = journals.get(runId);
    return out == null ? Optional.empty() : Optional.of(out.toByteArray());
  }

  @Override
  public synchronized List<String> runs() {
    return new ArrayList<>(journals.keySet());
  }

  /** Run locks within the process, shared by every in-memory store, by lock file. */
  private static final Map<String, String> LOCKS = new java.util.HashMap<>();

  @Override
  public JournalLock lock(java.nio.file.Path file, String holder) {
    String key = file.toString();
    synchronized (LOCKS) {
      String by = LOCKS.get(key);
      if (by != null) {
        throw new RunLockedException(by);
      }
      LOCKS.put(key, holder);
    }
    return () -> {
      synchronized (LOCKS) {
        LOCKS.remove(key, holder);
      }
    };
  }
}
