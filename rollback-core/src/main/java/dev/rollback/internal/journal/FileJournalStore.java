package dev.rollback.internal.journal;

import dev.rollback.run.RunLockedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Journals as files {@code <run-id>.jsonl} in a directory; run locks as files where the engine says (in the
 * repository or workspace, not here), held with {@link FileChannel#tryLock()} for the run's duration (the operating
 * system releases them if the process dies).
 */
public final class FileJournalStore implements JournalStore {

  private static final String SUFFIX = ".jsonl";

  private final Path dir;
  private final boolean sync;

  /**
   * Creates the store.
   *
   * @param dir the directory, created when needed
   * @param sync whether to force every line to the disk
   */
  public FileJournalStore(Path dir, boolean sync) {
    this.dir = dir;
    this.sync = sync;
  }

  /**
   * The directory.
   *
   * @return the directory
   */
  public Path directory() {
    return dir;
  }

  @Override
  public boolean syncs() {
    return sync;
  }

  @Override
  public String describe() {
    return "journal directory " + dir;
  }

  /** A run's journal file; a run id that would lead elsewhere (a path) is refused. */
  private Path file(String runId) {
    dev.rollback.internal.Names.runIdProblem(runId).ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
    return dir.resolve(runId + SUFFIX);
  }

  @Override
  public JournalFile create(String runId) throws IOException {
    Files.createDirectories(dir);
    Path file = file(runId);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    if (sync) {
      syncDirectory(dir);
    }
    return new ChannelFile(ch, sync);
  }

  @Override
  public JournalFile reopen(String runId, long validLength) throws IOException {
    Path file = file(runId);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
    if (ch.size() > validLength) {
      ch.truncate(validLength);
      if (sync) {
        ch.force(true);
      }
    }
    ch.position(validLength);
    return new ChannelFile(ch, sync);
  }

  @Override
  public Optional<byte[]> read(String runId) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(file(runId)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<String> runs() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p)).forEach(files::add);
    }
    files.sort(Comparator.comparing((Path p) -> {
      try {
        return Files.getLastModifiedTime(p);
      } catch (IOException e) {
        return FileTime.fromMillis(0);
      }
    }).thenComparing(Path::toString));
    List<String> ids = new ArrayList<>();
    for (Path p : files) {
      String n = p.getFileName().toString();
      ids.add(n.substring(0, n.length() - SUFFIX.length()));
    }
    return ids;
  }

  @Override
  public JournalLock lock(Path file, String holder) throws IOException {
    Files.createDirectories(file.getParent());
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String by = readHolder(ch);
      ch.close();
      throw new RunLockedException(by);
    }
    ch.truncate(0);
    ch.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
    FileLock held = lock;
    return () -> {
      try {
        held.release();
      } finally {
        ch.close();
      }
    };
  }

  private static String readHolder(FileChannel ch) {
    try {
      ByteBuffer b = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
      ch.read(b, 0);
      return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some file systems cannot sync a directory; the file's own sync still holds its contents.
    }
  }

  private static final class ChannelFile implements JournalFile {
    private final FileChannel ch;
    private final boolean sync;
    private ByteBuffer buffer = ByteBuffer.allocate(1024);

    ChannelFile(FileChannel ch, boolean sync) {
      this.ch = ch;
      this.sync = sync;
    }

    @Override
    public synchronized void append(byte[] line) throws IOException {
      if (buffer.capacity() < line.length + 1) {
        buffer = ByteBuffer.allocate(Math.max(line.length + 1, buffer.capacity() * 2));
      }
      buffer.clear();
      buffer.put(line).put((byte) '\n').flip();
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      if (sync) {
        ch.force(false);
      }
    }

    @Override
    public synchronized void close() throws IOException {
      ch.close();
    }
  }
}
