package dev.rollback.examples.cli;

import dev.rollback.git.BackupPrune;
import dev.rollback.git.GitAdapter;
import dev.rollback.git.GitException;
import dev.rollback.run.Journal;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rollback prune --older-than 30d [--repo DIR] [--journal DIR]}: deletes the backup refs
 * ({@code refs/rollback/<run>/...}) of the runs the journal shows finished longer ago than the limit; those of a run
 * that has not finished, or that the journal does not know, are kept and listed with why. Exit 0, or 2 when it could
 * not run.
 */
public final class PruneVerb implements Verb {

  private static final Pattern AGE = Pattern.compile("(\\d{1,6})([dhm])");

  private final Clock clock;

  /** Creates the command, on the system's clock. */
  public PruneVerb() {
    this(Clock.systemUTC());
  }

  /**
   * Creates the command on another clock, as tests do.
   *
   * @param clock what "now" is
   */
  public PruneVerb(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return "prune";
  }

  @Override
  public String arguments() {
    return "--older-than AGE [--repo DIR] [--journal DIR]";
  }

  @Override
  public String summary() {
    return "delete the backup refs of finished runs older than AGE (30d, 12h, 90m); unfinished runs' are kept";
  }

  @Override
  public int run(List<String> args, PrintStream out) {
    Optional<Duration> age = Optional.empty();
    Path repo = Path.of("");
    Optional<Path> journalDir = Optional.empty();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--older-than":
          age = Optional.of(age(value(args, ++i, a)));
          break;
        case "--repo":
          repo = Path.of(value(args, ++i, a));
          break;
        case "--journal":
          journalDir = Optional.of(Path.of(value(args, ++i, a)));
          break;
        default:
          throw new UsageException("unexpected argument '" + a + "'; prune takes --older-than, --repo, --journal");
      }
    }
    if (age.isEmpty()) {
      throw new UsageException("missing --older-than AGE, such as --older-than 30d");
    }
    Path root = repo.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new UsageException("--repo " + root + " is not a directory");
    }
    Journal journal = Journal.directory(journalDir.map(p -> p.toAbsolutePath().normalize())
        .orElse(root.resolve(".rollback")));
    BackupPrune result;
    try (GitAdapter git = GitAdapter.open(root)) {
      result = git.pruneBackups(journal, age.get(), clock.instant());
    } catch (GitException e) {
      throw new UsageException(e.getMessage());
    }
    for (String run : result.pruned()) {
      out.println("pruned refs/rollback/" + run + "/ (run " + run + ")");
    }
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(result.kept()).entrySet()) {
      out.println("kept " + e.getKey() + ": " + e.getValue());
    }
    out.println(result.pruned().size() + " run" + (result.pruned().size() == 1 ? "" : "s") + " pruned ("
        + result.refsDeleted() + " refs), " + result.kept().size() + " kept");
    return 0;
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size() || args.get(i).startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return args.get(i);
  }

  /**
   * Reads an age: a number and a unit, {@code d} days, {@code h} hours, {@code m} minutes.
   *
   * @param text the text, such as {@code 30d}
   * @return the duration
   * @throws UsageException naming the value when it is not an age
   */
  static Duration age(String text) {
    Matcher m = AGE.matcher(text.trim());
    if (!m.matches()) {
      throw new UsageException("--older-than '" + text + "' is not an age: give a number and a unit, d (days), h"
          + " (hours) or m (minutes), such as 30d");
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "d":
        return Duration.ofDays(n);
      case "h":
        return Duration.ofHours(n);
      default:
        return Duration.ofMinutes(n);
    }
  }
}
