package dev.rollback.decide;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.Baseline;
import dev.rollback.RepoPath;
import dev.rollback.Snapshot;
import dev.rollback.internal.Texts;
import dev.rollback.internal.WorkspacePaths;
import dev.rollback.spi.Measurement;
import dev.rollback.spi.Sample;
import dev.rollback.spi.Stats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves {@link Baseline}s to numbers, and records new baselines after a good run.
 *
 * <ul>
 *   <li>{@link Baseline.Fixed}: its value.</li>
 *   <li>{@link Baseline.FromFile}: a number in a JSON file of the workspace. The key's dots descend into objects
 *       ({@code ci.test_time} reads {@code {"ci": {"test_time": 120}}}); a key that itself holds dots
 *       ({@code {"ci.test_time": 120}}) is found too.</li>
 *   <li>{@link Baseline.Median}: the median of the last N samples of the signal's
 *       {@link Measurement#history() history} in the snapshot (a measurement without history counts as one
 *       sample). Fewer than N samples is an error, never a smaller median. When a condition compares a signal with
 *       the median of its own history, the condition evaluator leaves the sample being compared out, so a value is
 *       never compared with a median that includes itself.</li>
 * </ul>
 *
 * <pre>{@code
 * Baselines baselines = Baselines.forWorkspace(repoDir);
 * double seconds = baselines.read(Rollback.path("perf/baseline.json"), "test_execution_time");
 * baselines.record(Rollback.path("perf/baseline.json"), "test_execution_time", 118);   // after a good run
 * }</pre>
 *
 * <p>Errors are {@link BaselineException}s naming the file and key: a missing file, an empty one, invalid JSON, a
 * missing key, a value that is not a number. Paths stay inside the workspace. Instances hold no state but the
 * workspace and are safe to share between threads; concurrent {@link #record} calls on one file are not merged.
 */
public final class Baselines {

  private static final long MAX_FILE_BYTES = 4L << 20;

  private final Path workspace;

  private Baselines(Path workspace) {
    this.workspace = workspace;
  }

  /**
   * Baselines whose files are read from, and recorded into, a workspace (usually the repository's work tree).
   *
   * @param workspace the directory file baselines are relative to
   * @return the resolver
   * @throws NullPointerException if the workspace is null
   */
  public static Baselines forWorkspace(Path workspace) {
    return new Baselines(Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize());
  }

  /**
   * Baselines without a workspace: fixed and median baselines resolve, file baselines fail with a message saying
   * there is no workspace.
   *
   * @return the resolver
   */
  public static Baselines withoutWorkspace() {
    return new Baselines(null);
  }

  /**
   * The workspace file baselines are relative to.
   *
   * @return the workspace, when there is one
   */
  public Optional<Path> workspace() {
    return Optional.ofNullable(workspace);
  }

  /**
   * The value of a baseline, in the unit of the signal it is compared with (a fixed baseline in its own unit).
   *
   * @param baseline the baseline
   * @param snapshot the snapshot whose histories median baselines use
   * @return the value
   * @throws BaselineException if the value cannot be had, with a message naming the file and key, or the signal
   * @throws NullPointerException if an argument is null
   */
  public double resolve(Baseline baseline, Snapshot snapshot) {
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(snapshot, "snapshot");
    if (baseline instanceof Baseline.Fixed) {
      return ((Baseline.Fixed) baseline).value();
    }
    if (baseline instanceof Baseline.FromFile) {
      Baseline.FromFile f = (Baseline.FromFile) baseline;
      return read(f.file(), f.key());
    }
    Baseline.Median m = (Baseline.Median) baseline;
    Measurement measured = snapshot.measurement(m.signal()).orElseThrow(() -> new BaselineException(
        m.describe() + ": " + m.signal().displayName() + " was not measured"));
    List<Sample> samples = History.of(measured, snapshot.takenAt());
    return median(m, samples, samples.size(), "");
  }

  /**
   * The median of the {@code median.samples()} samples just before {@code end}.
   *
   * @param median the baseline
   * @param samples the history, oldest first
   * @param end one past the last sample to use
   * @param before words saying which samples, for the message (" before the current one")
   * @return the median
   * @throws BaselineException if there are too few samples
   */
  static double median(Baseline.Median median, List<Sample> samples, int end, String before) {
    int n = median.samples();
    if (n < 1) {
      throw new BaselineException(median.describe() + ": a median needs at least 1 sample, was " + n);
    }
    if (end < n) {
      throw new BaselineException(median.describe() + " needs " + n + (n == 1 ? " sample" : " samples") + before
          + ", there " + (end == 1 ? "is 1" : "are " + end));
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = samples.get(end - n + i).value();
    }
    return Stats.medianInPlace(values, n);
  }

  /**
   * Reads a number from a JSON file in the workspace.
   *
   * @param file the file, relative to the workspace
   * @param key the key; dots descend into objects
   * @return the number
   * @throws BaselineException if there is no workspace, the file is missing, empty or not a JSON object, the key is
   *     absent or its value is not a number; the message names the file and key
   * @throws NullPointerException if an argument is null
   */
  public double read(RepoPath file, String key) {
    Objects.requireNonNull(key, "key");
    JsonNode root = readObject(file, true);
    JsonNode node = find(root, key);
    if (node == null) {
      throw new BaselineException("baseline file " + file.path() + " has no key '" + Texts.printable(key) + "'"
          + keysHint(root));
    }
    if (!node.isNumber()) {
      throw new BaselineException("baseline file " + file.path() + ": key '" + Texts.printable(key) + "' holds "
          + describe(node) + ", not a number");
    }
    return node.doubleValue();
  }

  /**
   * Records a new baseline after a good run: sets the key in the JSON file, keeping every other key, and replaces
   * the file atomically (a reader sees the old file or the new one, never half of it). Creates the file, and its
   * directories, when missing. Integral values are written without a fraction.
   *
   * @param file the file, relative to the workspace
   * @param key the key; dots descend into objects, created as needed
   * @param value the new baseline, a finite number
   * @throws BaselineException if there is no workspace, the existing file is not a JSON object, a part of the key
   *     holds something other than an object, or the file cannot be written; nothing is changed then
   * @throws IllegalArgumentException if the value is not finite
   * @throws NullPointerException if an argument is null
   */
  public void record(RepoPath file, String key, double value) {
    record(file, Map.of(Objects.requireNonNull(key, "key"), value));
  }

  /**
   * Records several baselines in one file at once; see {@link #record(RepoPath, String, double)}.
   *
   * @param file the file, relative to the workspace
   * @param values the new baselines by key
   * @throws BaselineException if the file cannot be updated; nothing is changed then
   * @throws IllegalArgumentException if a value is not finite
   * @throws NullPointerException if an argument, key or value is null
   */
  public void record(RepoPath file, Map<String, ? extends Number> values) {
    Objects.requireNonNull(values, "values");
    values.forEach((k, v) -> {
      Objects.requireNonNull(k, "key");
      if (!Double.isFinite(Objects.requireNonNull(v, () -> "value of " + k).doubleValue())) {
        throw new IllegalArgumentException("baseline '" + k + "' must be a finite number, was " + v);
      }
    });
    Path target = path(file);
    JsonNode existing = readObject(file, false);
    ObjectNode root = existing == null ? Json.MAPPER.createObjectNode() : (ObjectNode) existing;
    for (Map.Entry<String, ? extends Number> e : new LinkedHashMap<String, Number>(values).entrySet()) {
      put(file, root, e.getKey(), e.getValue().doubleValue());
    }
    try {
      byte[] bytes = (Json.MAPPER.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
      writeAtomically(target, bytes);
    } catch (IOException e) {
      throw new BaselineException("cannot write baseline file " + file.path() + ": " + e, e);
    }
  }

  private Path path(RepoPath file) {
    Objects.requireNonNull(file, "file");
    if (workspace == null) {
      throw new BaselineException("baseline file " + file.path() + " cannot be used: no workspace was given");
    }
    try {
      return WorkspacePaths.resolve(workspace, file.path());
    } catch (IllegalArgumentException e) {
      throw new BaselineException("baseline file: " + e.getMessage());
    }
  }

  /** The file's top-level object, or null when the file is absent and {@code required} is false. */
  private JsonNode readObject(RepoPath file, boolean required) {
    Path p = path(file);
    byte[] bytes;
    try {
      if (Files.size(p) > MAX_FILE_BYTES) {
        throw new BaselineException("baseline file " + file.path() + " is larger than " + (MAX_FILE_BYTES >> 20)
            + " MiB");
      }
      bytes = Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      if (!required) {
        return null;
      }
      throw new BaselineException("baseline file " + file.path() + " does not exist in " + workspace);
    } catch (IOException e) {
      throw new BaselineException("cannot read baseline file " + file.path() + ": " + e, e);
    }
    if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
      throw new BaselineException("baseline file " + file.path() + " is empty");
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new BaselineException("baseline file " + file.path() + " is not valid JSON" + where + ": "
          + Texts.printable(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new BaselineException("cannot read baseline file " + file.path() + ": " + e, e);
    }
    if (root == null || !root.isObject()) {
      throw new BaselineException("baseline file " + file.path() + " must hold a JSON object, holds "
          + (root == null ? "nothing" : describe(root)));
    }
    return root;
  }

  /** The node at a key whose dots descend into objects; a literal key with dots wins. Null when absent. */
  private static JsonNode find(JsonNode node, String key) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode direct = node.get(key);
    if (direct != null) {
      return direct;
    }
    for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
      JsonNode child = node.get(key.substring(0, dot));
      if (child != null && child.isObject()) {
        JsonNode found = find(child, key.substring(dot + 1));
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static void put(RepoPath file, ObjectNode root, String key, double value) {
    ObjectNode[] where = new ObjectNode[1];
    String[] field = new String[1];
    if (!locate(root, key, where, field)) {
      // A new key: create the objects its dots name.
      String[] parts = key.split("\\.", -1);
      ObjectNode parent = root;
      for (int i = 0; i < parts.length - 1; i++) {
        JsonNode child = parent.get(parts[i]);
        if (child == null) {
          parent = parent.putObject(parts[i]);
        } else if (child.isObject()) {
          parent = (ObjectNode) child;
        } else {
          throw new BaselineException("cannot record '" + Texts.printable(key) + "' in baseline file " + file.path()
              + ": '" + Texts.printable(parts[i]) + "' holds " + describe(child) + ", not an object");
        }
      }
      where[0] = parent;
      field[0] = parts[parts.length - 1];
    }
    if (value == Math.rint(value) && Math.abs(value) < 9.007199254740992E15) {
      where[0].put(field[0], (long) value);
    } else {
      where[0].put(field[0], value);
    }
  }

  /** Finds where an existing key lives, by the rule of {@link #find}. */
  private static boolean locate(ObjectNode node, String key, ObjectNode[] where, String[] field) {
    if (node.has(key)) {
      where[0] = node;
      field[0] = key;
      return true;
    }
    for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
      JsonNode child = node.get(key.substring(0, dot));
      if (child != null && child.isObject() && locate((ObjectNode) child, key.substring(dot + 1), where, field)) {
        return true;
      }
    }
    return false;
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Set<PosixFilePermission> perms = null;
    if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null) {
      perms = Files.exists(target) ? Files.getPosixFilePermissions(target) : PosixFilePermissions.fromString("rw-r--r--");
    }
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      if (perms != null) {
        Files.setPosixFilePermissions(tmp, perms);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String keysHint(JsonNode root) {
    StringBuilder b = new StringBuilder();
    Iterator<String> names = root.fieldNames();
    int n = 0;
    while (names.hasNext() && n < 10) {
      b.append(n++ == 0 ? "" : ", ").append(Texts.printable(names.next()));
    }
    if (n == 0) {
      return " (the file's object is empty)";
    }
    return " (its keys: " + b + (names.hasNext() ? ", ..." : "") + ")";
  }

  private static String describe(JsonNode node) {
    if (node.isTextual()) {
      String t = node.textValue();
      return "text \"" + Texts.printable(t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isBoolean()) {
      return "the boolean " + node.booleanValue();
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isNumber()) {
      return "the number " + node.asText();
    }
    return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public String toString() {
    return "Baselines[" + (workspace == null ? "no workspace" : workspace) + "]";
  }

  /** Jackson's mapper, created when a baseline file is first read or written: runs without one never load it. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }
}
