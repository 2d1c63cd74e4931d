package dev.rollback.examples.cli;

import dev.rollback.RollbackPlan;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compiled form of plan scripts, so that only a script's first run pays for JShell's compilation: what JShell
 * compiled and ran for a script that built its plan (the classes it loaded and the snippets it invoked, in order),
 * kept on disk under the hash of the script's text, the launcher's version and class path, and the JDK; a later run
 * of the same script defines those classes in a class loader of its own and invokes the same snippets, without
 * JShell.
 *
 * <p>Only a script that built its plan without redefining a snippet is kept. An entry is written to a temporary file
 * and renamed into place, so that concurrent runs never see half of one; it ends with the SHA-256 of its contents,
 * and an entry that does not match (cut short, changed, another format) is ignored and written again: never trusted.
 * A replay that fails in any way (an exception, a class that no longer links) is set aside and the script is
 * evaluated by JShell as on a first run, so that its errors read the same.
 *
 * <p>Where: {@code ROLLBACK_PLAN_CACHE} (a directory, or {@code off}), else {@code $XDG_CACHE_HOME/rollback/plans},
 * else {@code ~/.cache/rollback/plans}.
 */
final class PlanCache {

  /** The environment variable naming the cache's directory, or {@code off}. */
  static final String VARIABLE = "ROLLBACK_PLAN_CACHE";

  private static final Logger LOG = LoggerFactory.getLogger(PlanCache.class);
  private static final String MAGIC = "rollback compiled plan 1";
  private static final int DIGEST = 32;

  /** How many plans this JVM built by replaying the cache, not by JShell (for tests). */
  static final java.util.concurrent.atomic.AtomicInteger REPLAYS = new java.util.concurrent.atomic.AtomicInteger();

  private PlanCache() {}

  /**
   * What JShell did for a script: classes loaded and snippets invoked, in order; and the token the plan was handed
   * over with.
   */
  static final class Recording {
    /** Each operation: a {@code byte[][]} pair (name, bytes) for a class loaded, a {@code String[]} for an invoke. */
    final List<Object> operations = new ArrayList<>();
    volatile String token;
    volatile boolean redefined;

    synchronized void loaded(String name, byte[] bytes) {
      operations.add(new Object[] {name, bytes.clone()});
    }

    synchronized void invoked(String className, String method) {
      operations.add(new String[] {className, method});
    }
  }

  /**
   * The cache's directory for an environment.
   *
   * @param environment the environment variables
   * @return the directory; empty when the cache is off or no home is known
   */
  static Optional<Path> directory(Map<String, String> environment) {
    String v = environment.getOrDefault(VARIABLE, "").strip();
    if (v.equals("off")) {
      return Optional.empty();
    }
    if (!v.isEmpty()) {
      return Optional.of(Path.of(v));
    }
    String xdg = environment.getOrDefault("XDG_CACHE_HOME", "").strip();
    if (!xdg.isEmpty()) {
      return Optional.of(Path.of(xdg, "rollback", "plans"));
    }
    String home = System.getProperty("user.home", "");
    return home.isEmpty() ? Optional.empty() : Optional.of(Path.of(home, ".cache", "rollback", "plans"));
  }

  /**
   * The key of a script: the SHA-256 of its text, the launcher's version, the JDK, and the class path (each file's
   * size and time, so that a rebuilt launcher never replays what an older one compiled).
   *
   * @param source the script's text
   * @return the key, in hexadecimal
   */
  static String key(String source) {
    MessageDigest d = sha256();
    StringBuilder context = new StringBuilder(RollbackCli.version()).append('\n')
        .append(System.getProperty("java.vm.version")).append('\n');
    for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      context.append(entry);
      try {
        if (Files.isRegularFile(p)) {
          context.append(' ').append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p).toMillis());
        }
      } catch (IOException | RuntimeException e) {
        context.append(" unreadable");
      }
      context.append('\n');
    }
    d.update(context.toString().getBytes(StandardCharsets.UTF_8));
    d.update((byte) 0);
    d.update(source.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d.digest());
  }

  /**
   * The recording kept for a key, when there is a sound one.
   *
   * @param dir the cache's directory
   * @param key the script's key
   * @return the recording; empty when there is none, or it is not sound (then it is ignored)
   */
  static Optional<Recording> read(Path dir, String key) {
    Path file = dir.resolve(key + ".plan");
    byte[] all;
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      all = Files.readAllBytes(file);
    } catch (IOException e) {
      return Optional.empty();
    }
    try {
      if (all.length < DIGEST) {
        throw new IOException("cut short");
      }
      byte[] body = Arrays.copyOf(all, all.length - DIGEST);
      if (!MessageDigest.isEqual(sha256().digest(body), Arrays.copyOfRange(all, body.length, all.length))) {
        throw new IOException("its checksum does not match");
      }
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
      if (!in.readUTF().equals(MAGIC) || !in.readUTF().equals(key)) {
        throw new IOException("another format or key");
      }
      Recording r = new Recording();
      r.token = in.readUTF();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        byte kind = in.readByte();
        if (kind == 1) {
          String name = in.readUTF();
          byte[] bytes = new byte[in.readInt()];
          in.readFully(bytes);
          r.operations.add(new Object[] {name, bytes});
        } else if (kind == 2) {
          r.operations.add(new String[] {in.readUTF(), in.readUTF()});
        } else {
          throw new IOException("unknown operation " + kind);
        }
      }
      if (in.available() != 0) {
        throw new IOException("trailing bytes");
      }
      return Optional.of(r);
    } catch (IOException | RuntimeException e) {
      LOG.debug("compiled plan {} is not sound ({}); the script is compiled again", file, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Keeps a recording: written to a temporary file, then renamed into place.
   *
   * @param dir the cache's directory
   * @param key the script's key
   * @param r what JShell did
   */
  static void write(Path dir, String key, Recording r) {
    if (r.redefined || r.token == null) {
      return;
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeUTF(MAGIC);
      out.writeUTF(key);
      out.writeUTF(r.token);
      synchronized (r) {
        out.writeInt(r.operations.size());
        for (Object op : r.operations) {
          if (op instanceof String[]) {
            out.writeByte(2);
            out.writeUTF(((String[]) op)[0]);
            out.writeUTF(((String[]) op)[1]);
          } else {
            Object[] load = (Object[]) op;
            out.writeByte(1);
            out.writeUTF((String) load[0]);
            out.writeInt(((byte[]) load[1]).length);
            out.write((byte[]) load[1]);
          }
        }
      }
      out.flush();
      byte[] body = bytes.toByteArray();
      Files.createDirectories(dir);
      Path tmp = dir.resolve(key + "." + UUID.randomUUID() + ".tmp");
      try {
        Files.write(tmp, body);
        Files.write(tmp, sha256().digest(body), java.nio.file.StandardOpenOption.APPEND);
        try {
          Files.move(tmp, dir.resolve(key + ".plan"), StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, dir.resolve(key + ".plan"), StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException | RuntimeException e) {
      // A cache that cannot be written costs the next run its compilation, nothing else.
      LOG.debug("could not keep the compiled plan in {}: {}", dir, e.toString());
    }
  }

  /**
   * Replays a recording: defines its classes in a class loader of their own and invokes its snippets in order.
   *
   * @param r the recording
   * @return the plan the script handed over
   * @throws ReplayFailed when anything goes otherwise than it did when recorded
   */
  static RollbackPlan replay(Recording r) throws ReplayFailed {
    Map<String, byte[]> classes = new HashMap<>();
    Loader loader = new Loader(classes, PlanScript.class.getClassLoader());
    try {
      for (Object op : r.operations) {
        if (op instanceof String[]) {
          String[] call = (String[]) op;
          // JShell's wrapper classes are not public; LocalExecutionControl makes them accessible the same way.
          java.lang.reflect.Method m = Class.forName(call[0], true, loader).getDeclaredMethod(call[1]);
          m.setAccessible(true);
          m.invoke(null);
        } else {
          Object[] load = (Object[]) op;
          classes.put((String) load[0], (byte[]) load[1]);
        }
      }
      Object plan = PlanScript.handedOver(r.token);
      if (!(plan instanceof RollbackPlan)) {
        throw new ReplayFailed("the replay handed over no plan", null);
      }
      REPLAYS.incrementAndGet();
      return (RollbackPlan) plan;
    } catch (InvocationTargetException e) {
      throw new ReplayFailed("a snippet threw " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      throw new ReplayFailed(e.toString(), e);
    } finally {
      PlanScript.handedOver(r.token);
    }
  }

  /** A replay that went otherwise than its recording: the script is evaluated by JShell instead. */
  static final class ReplayFailed extends Exception {
    private static final long serialVersionUID = 1L;

    ReplayFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The class loader of a replay: the recorded classes, defined when first needed. */
  private static final class Loader extends ClassLoader {
    private final Map<String, byte[]> classes;

    Loader(Map<String, byte[]> classes, ClassLoader parent) {
      super("rollback-compiled-plan", parent);
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] b = classes.get(name);
      if (b == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, b, 0, b.length);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
