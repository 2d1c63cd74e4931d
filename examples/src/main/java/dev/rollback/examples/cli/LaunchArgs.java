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
import java.util.Set;
import java.util.TreeSet;

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

  /** The options every command that runs a plan takes: where the adapters, journal and channels are. */
  static final Set<String> WHERE = Set.of("--repo", "--workspace", "--journal", "--github", "--github-url",
      "--docker-host", "--notify", "--skip-unavailable", "--fetch");

  /** {@link #WHERE} in usage notation. */
  static final String WHERE_USAGE = " [--repo DIR] [--journal DIR] [--github OWNER/NAME] [--github-url URL]"
      + " [--docker-host HOST] [--notify NAME=SPEC]... [--skip-unavailable ADAPTER]... [--fetch]";

  /**
   * The options of a command: its own and {@link #WHERE}.
   *
   * @param own the command's own options
   * @return all of them
   */
  static Set<String> with(String... own) {
    Set<String> all = new TreeSet<>(WHERE);
    all.addAll(List.of(own));
    return all;
  }

  /** The options that take a value. */
  private static final Set<String> VALUED = Set.of("--severity", "--declare", "--repo", "--workspace", "--journal",
      "--github", "--github-url", "--docker-host", "--notify", "--skip-unavailable", "--value");

  /**
   * Parses arguments.
   *
   * @param verb the command, for messages
   * @param what the positional arguments in words, such as {@code <plan>}
   * @param positionals how many positional arguments the command takes
   * @param args the arguments after the command's name
   * @param allowed the options the command takes, such as {@code --yes}
   * @return the arguments
   * @throws UsageException naming what is wrong
   */
  static LaunchArgs parse(Verb verb, String what, int positionals, List<String> args, Set<String> allowed) {
    List<String> positional = new ArrayList<>();
    Optional<String> severity = Optional.empty();
    boolean emergency = false;
    boolean yes = false;
    boolean monitor = false;
    boolean fetch = false;
    List<String> declared = new ArrayList<>();
    Path repo = Path.of("");
    Optional<Path> journal = Optional.empty();
    Optional<String> github = Optional.empty();
    Optional<String> githubUrl = Optional.empty();
    Optional<String> dockerHost = Optional.empty();
    List<String> notify = new ArrayList<>();
    List<String> skip = new ArrayList<>();
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("--") && !allowed.contains(a)) {
        throw new UsageException("unknown option " + a + " for " + verb.name() + "; it takes "
            + String.join(", ", new TreeSet<>(allowed)));
      }
      String v = VALUED.contains(a) ? value(args, ++i, a) : null;
      switch (a) {
        case "--severity":
          severity = Optional.of(v);
          break;
        case "--declare":
          declared.add(v);
          break;
        case "--repo":
        case "--workspace":
          repo = Path.of(v);
          break;
        case "--journal":
          journal = Optional.of(Path.of(v));
          break;
        case "--github":
          github = Optional.of(v);
          break;
        case "--github-url":
          githubUrl = Optional.of(v);
          break;
        case "--docker-host":
          dockerHost = Optional.of(v);
          break;
        case "--notify":
          notify.add(v);
          break;
        case "--skip-unavailable":
          skip.add(v);
          break;
        case "--value":
          int eq = v.indexOf('=');
          if (eq < 1) {
            throw new UsageException("--value takes NAME=TEXT, was '" + v + "'");
          }
          values.computeIfAbsent(v.substring(0, eq), k -> new ArrayList<>()).add(v.substring(eq + 1));
          break;
        case "--emergency":
          emergency = true;
          break;
        case "--yes":
          yes = true;
          break;
        case "--monitor":
          monitor = true;
          break;
        case "--fetch":
          fetch = true;
          break;
        default:
          if (positional.size() == positionals) {
            throw new UsageException("expected " + what + ", got also '" + a + "'");
          }
          positional.add(a);
      }
    }
    if (positional.size() < positionals) {
      throw new UsageException("missing " + what);
    }
    if (!Files.isDirectory(repo)) {
      throw new UsageException("--repo " + repo.toAbsolutePath().normalize() + " is not a directory");
    }
    if (journal.isPresent() && Files.exists(journal.get()) && !Files.isDirectory(journal.get())) {
      throw new UsageException("--journal " + journal.get().toAbsolutePath().normalize() + " is a file, not a"
          + " folder: name the folder that holds the journals (it is made when missing), or leave --journal out for"
          + " <repo>/.rollback");
    }
    return new LaunchArgs(positional.get(0), severity, emergency, yes, monitor, List.copyOf(declared), repo, journal,
        github, githubUrl, dockerHost, List.copyOf(notify), List.copyOf(skip), values,
        List.copyOf(positional.subList(1, positional.size())), fetch);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size() || args.get(i).startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return args.get(i);
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
