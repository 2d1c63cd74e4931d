package dev.rollback.temporal;

import dev.rollback.RollbackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One target of a fleet: a repository (the folder of a clone, as the workers see it), the remote the plan pushes
 * to, and values of its own, which the plan reads as outputs {@code target.NAME} ({@code {{target.service}}} in a
 * template, {@code ref("target.service")} in a step).
 *
 * @param name the target's name, unique in the fleet: letters, digits, {@code . _ -}, at most 64 characters; it
 *     names the target's workflow ({@code <fleet>/<name>}) and its run
 * @param repository the repository's folder, absolute, on every worker's file system
 * @param remote the remote the plan pushes to ({@code origin})
 * @param values the target's own values
 */
public record FleetTarget(String name, String repository, String remote, Map<String, String> values) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException naming the field and the value that is wrong
   * @param name see the record
   * @param repository see the record
   * @param remote see the record
   * @param values see the record
   */
  public FleetTarget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(remote, "remote");
    if (!NAME.matcher(name).matches() || name.contains("..")) {
      throw new IllegalArgumentException("target name '" + name + "' must be 1 to 64 letters, digits, '.', '_' or"
          + " '-', starting with a letter or digit");
    }
    if (repository.isBlank()) {
      throw new IllegalArgumentException("target '" + name + "': repository is empty; give the clone's folder");
    }
    if (remote.isBlank() || remote.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("target '" + name + "': remote '" + remote + "' must be a remote's name");
    }
    values = Map.copyOf(values == null ? Map.of() : values);
  }

  /**
   * A target with no values of its own.
   *
   * @param name the name
   * @param repository the repository's folder
   * @param remote the remote
   * @return the target
   */
  public static FleetTarget of(String name, Path repository, String remote) {
    return new FleetTarget(name, repository.toAbsolutePath().normalize().toString(), remote, Map.of());
  }

  /**
   * Reads a targets file: one target a line, {@code NAME REPOSITORY [remote=REMOTE] [KEY=VALUE]...}, separated by
   * blanks; the remote defaults to {@code origin}; a relative repository is taken from the file's folder; blank
   * lines and lines starting with {@code #} are skipped.
   *
   * @param file the file
   * @return the targets, in the file's order
   * @throws RollbackException naming the file, the line and what is wrong (a missing repository, a name used
   *     twice, a value without {@code =}), or when the file cannot be read
   */
  public static List<FleetTarget> parse(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RollbackException("targets file " + file + " cannot be read: " + e.getMessage(), e);
    }
    Path base = file.toAbsolutePath().getParent();
    List<FleetTarget> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + " line " + (i + 1) + ": ";
      String[] f = line.split("\\s+");
      if (f.length < 2) {
        throw new RollbackException(where + "expected NAME REPOSITORY [remote=REMOTE] [KEY=VALUE]..., got '" + line
            + "'");
      }
      String remote = "origin";
      Map<String, String> values = new LinkedHashMap<>();
      for (int j = 2; j < f.length; j++) {
        int eq = f[j].indexOf('=');
        if (eq < 1) {
          throw new RollbackException(where + "'" + f[j] + "' is not KEY=VALUE");
        }
        String k = f[j].substring(0, eq);
        if (k.equals("remote")) {
          remote = f[j].substring(eq + 1);
        } else {
          values.put(k, f[j].substring(eq + 1));
        }
      }
      Path repo = base.resolve(f[1]).normalize();
      if (!Files.isDirectory(repo)) {
        throw new RollbackException(where + "repository " + repo + " is not a folder");
      }
      FleetTarget t;
      try {
        t = new FleetTarget(f[0], repo.toString(), remote, values);
      } catch (IllegalArgumentException e) {
        throw new RollbackException(where + e.getMessage(), e);
      }
      if (!names.add(t.name())) {
        throw new RollbackException(where + "target name '" + t.name() + "' is used twice; names must be unique");
      }
      out.add(t);
    }
    if (out.isEmpty()) {
      throw new RollbackException("targets file " + file + " names no target");
    }
    return List.copyOf(out);
  }

  /**
   * Writes targets in the form {@link #parse} reads.
   *
   * @param targets the targets
   * @param file where
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void write(List<FleetTarget> targets, Path file) {
    StringBuilder b = new StringBuilder("# NAME REPOSITORY [remote=REMOTE] [KEY=VALUE]...\n");
    for (FleetTarget t : targets) {
      b.append(t.name()).append(' ').append(t.repository()).append(" remote=").append(t.remote());
      t.values().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
      b.append('\n');
    }
    try {
      Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
