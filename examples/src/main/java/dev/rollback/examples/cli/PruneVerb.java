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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rollback prune --older-than 30d [--repo DIR] [--journal DIR]}: deletes the backup refs
 * ({@code refs/rollback/<run>/...}) of the runs the journal shows finished longer ago than the limit; those of a run
 * that has not finished, or that the journal does not know, are kept and listed with why. Exit 0, or 2 when it could
 * not run.
 */
@Command(name = "prune")
public final class PruneVerb implements Verb {

  private static final Pattern AGE = Pattern.compile("(\\d{1,6})([dhm])");

  private final Clock clock;

  @Mixin
  HelpOption help;

  @Option(names = "--older-than", paramLabel = "AGE",
      description = "prune the runs that finished longer ago than this: a number and d (days), h (hours) or m"
          + " (minutes), such as 30d")
  String olderThan;

  @Option(names = {"--repo", "--workspace"}, paramLabel = "DIR",
      description = "the Git repository whose backup refs to prune (default: the current directory)")
  String repo = "";

  @Option(names = "--journal", paramLabel = "DIR", description = "where the runs' journal is (default: <repo>/.rollback)")
  String journalDir;

  @Parameters(arity = "0..*", hidden = true)
  List<String> rest = new java.util.ArrayList<>();

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
  public String arguments() {
    return "--older-than AGE [--repo DIR] [--journal DIR]";
  }

  @Override
  public String summary() {
    return "delete the backup refs of finished runs older than AGE (30d, 12h, 90m); unfinished runs' are kept";
  }

  @Override
  public int execute(PrintStream out) {
    if (!rest.isEmpty()) {
      throw new UsageException("unexpected argument '" + rest.get(0) + "'; prune takes --older-than, --repo,"
          + " --journal");
    }
    if (olderThan == null) {
      throw new UsageException("missing --older-than AGE, such as --older-than 30d");
    }
    Duration age = age(olderThan);
    Path root = Path.of(repo).toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new UsageException("--repo " + root + " is not a directory");
    }
    Journal journal = Journal.directory(Optional.ofNullable(journalDir).map(p -> Path.of(p).toAbsolutePath()
        .normalize()).orElse(root.resolve(".rollback")));
    BackupPrune result;
    try (GitAdapter git = GitAdapter.open(root)) {
      result = git.pruneBackups(journal, age, clock.instant());
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
