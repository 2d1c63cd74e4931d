package dev.rollback.examples.cli;

import dev.rollback.RollbackPlan;
import dev.rollback.run.Journal;
import dev.rollback.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments of the commands that run plans ({@code preview}, {@code run}, {@code recover}, {@code resume}): one
 * positional argument (the plan, or the run's id), the run's options, and where the adapters, the journal and the
 * notifications are; {@link Launch} turns them into an executor for a plan.
 *
 * @param positional the plan or the run's id
 * @param severity the severity chosen with {@code --severity}
 * @param emergency whether {@code --emergency} was given
 * @param yes whether {@code --yes} was given
 * @param monitor whether {@code --monitor} was given
 * @param declared the facts given with {@code --declare}
 * @param repo the repository and workspace given with {@code --repo} (or {@code --workspace}), else the current
 *     directory
 * @param journalDir the journal's directory given with {@code --journal}, else {@code <repo>/.rollback}
 * @param github the GitHub repository given with {@code --github owner/name}
 * @param githubUrl the GitHub API's base URL given with {@code --github-url}
 * @param dockerHost the Docker engine given with {@code --docker-host}
 * @param channels the channels given with {@code --notify NAME=SPEC}, in order
 * @param skipUnavailable the adapters given with {@code --skip-unavailable}
 * @param values the message values given with {@code --value NAME=TEXT}, each name with its texts in order
 * @param extra the positional arguments after the first (such as {@code recover}'s strategy)
 * @param fetch whether {@code --fetch} was given: the Git adapter fetches the remotes the plan pushes to when the
 *     run is assessed
 */
record LaunchArgs(String positional, Optional<String> severity, boolean emergency, boolean yes, boolean monitor,
    List<String> declared, Path repo, Optional<Path> journalDir, Optional<String> github, Optional<String> githubUrl,
    Optional<String> dockerHost, List<String> channels, List<String> skipUnavailable, Map<String, List<String>> values,
    List<String> extra, boolean fetch) {

  /** The where-options ({@link WhereOptions}) in usage notation. */
  static final String WHERE_USAGE = " [--repo DIR] [--journal DIR] [--github OWNER/NAME] [--github-url URL]"
      + " [--docker-host HOST] [--notify NAME=SPEC]... [--skip-unavailable ADAPTER]... [--fetch]";

  /**
   * The arguments picocli read for a command, checked: the right number of positional arguments, a repository that
   * is a directory, message values that are {@code NAME=TEXT}.
   *
   * @param what the positional arguments in words, such as {@code <plan>}
   * @param positionals how many positional arguments the command takes
   * @param given the positional arguments given
   * @param where the where-options
   * @param choices the run's choices, or null for a command that takes none ({@code resume})
   * @param yes whether {@code --yes} was given
   * @param values the {@code --value NAME=TEXT} options, in order
   * @return the arguments
   * @throws UsageException naming what is wrong
   */
  static LaunchArgs of(String what, int positionals, List<String> given, WhereOptions where, RunChoices choices,
      boolean yes, List<String> values) {
    if (given.size() > positionals) {
      throw new UsageException("expected " + what + ", got also '" + given.get(positionals) + "'");
    }
    if (given.size() < positionals) {
      throw new UsageException("missing " + what);
    }
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (String v : values) {
      int eq = v.indexOf('=');
      if (eq < 1) {
        throw new UsageException("--value takes NAME=TEXT, was '" + v + "'");
      }
      byName.computeIfAbsent(v.substring(0, eq), k -> new ArrayList<>()).add(v.substring(eq + 1));
    }
    Path repo = Path.of(where.repo);
    if (!Files.isDirectory(repo)) {
      throw new UsageException("--repo " + repo.toAbsolutePath().normalize() + " is not a directory");
    }
    Optional<Path> journal = Optional.ofNullable(where.journal).map(Path::of);
    if (journal.isPresent() && Files.exists(journal.get()) && !Files.isDirectory(journal.get())) {
      throw new UsageException("--journal " + journal.get().toAbsolutePath().normalize() + " is a file, not a"
          + " folder: name the folder that holds the journals (it is made when missing), or leave --journal out for"
          + " <repo>/.rollback");
    }
    RunChoices c = choices == null ? new RunChoices() : choices;
    return new LaunchArgs(given.get(0), Optional.ofNullable(c.severity), c.emergency, yes, c.monitor,
        List.copyOf(c.declared), repo, journal,
        Optional.ofNullable(where.github), Optional.ofNullable(where.githubUrl), Optional.ofNullable(where.dockerHost),
        List.copyOf(where.notify), List.copyOf(where.skipUnavailable), byName,
        List.copyOf(given.subList(1, given.size())), where.fetch);
  }

  /**
   * The run options the arguments ask for, for a plan: message values become lists where the plan's default is a
   * list, and text otherwise.
   *
   * @param plan the plan
   * @return the options
   * @throws UsageException when a value that is text is given twice
   */
  RunOptions options(RollbackPlan plan) {
    RunOptions o = RunOptions.defaults().withDeclared(declared.toArray(new String[0]))
        .withSkipUnavailable(skipUnavailable.toArray(new String[0]));
    o = severity.map(o::withSeverity).orElse(o);
    o = emergency ? o.withEmergency() : o;
    o = monitor ? o.withMonitoring() : o;
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      Object declaredValue = plan.messageValues().get(e.getKey());
      if (declaredValue instanceof List) {
        o = o.withMessageValue(e.getKey(), e.getValue());
      } else if (e.getValue().size() == 1) {
        o = o.withMessageValue(e.getKey(), e.getValue().get(0));
      } else {
        throw new UsageException("--value " + e.getKey() + " is given " + e.getValue().size() + " times, but the"
            + " plan's value is not a list");
      }
    }
    return o;
  }

  /** The repository and workspace, absolute. */
  Path workspace() {
    return repo.toAbsolutePath().normalize();
  }

  /** The journal: {@code --journal}, else {@code <repo>/.rollback}. */
  Journal journal() {
    return Journal.directory(journalDir.map(p -> p.toAbsolutePath().normalize())
        .orElse(workspace().resolve(".rollback")));
  }
}
