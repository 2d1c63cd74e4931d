package dev.rollback.examples.cli;

import dev.rollback.Approvers;
import dev.rollback.Journal;
import dev.rollback.Progress;
import dev.rollback.RollbackExecutor;
import dev.rollback.RunOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of the commands that run plans ({@code preview}, {@code run}, {@code resume}): one positional
 * argument (the plan, or the run's id) and options, and the executor they ask for: the adapters found on the class
 * path ({@code discoverAdapters()}), the journal in {@code <workspace>/.rollback}, progress on standard error, and
 * approvals asked on the terminal, or granted as the local user with {@code --yes}.
 *
 * @param positional the plan or the run's id
 * @param severity the severity chosen with {@code --severity}
 * @param emergency whether {@code --emergency} was given
 * @param yes whether {@code --yes} was given
 * @param monitor whether {@code --monitor} was given
 * @param declared the facts given with {@code --declare}
 * @param workspace the directory given with {@code --workspace}, else the current one
 */
record LaunchArgs(String positional, Optional<String> severity, boolean emergency, boolean yes, boolean monitor,
    List<String> declared, Path workspace) {

  /**
   * Parses arguments.
   *
   * @param verb the command, for messages
   * @param what the positional argument in words, such as {@code <plan>}
   * @param args the arguments after the command's name
   * @param allowed the options the command takes, such as {@code --yes}
   * @return the arguments
   * @throws UsageException naming what is wrong
   */
  static LaunchArgs parse(Verb verb, String what, List<String> args, Set<String> allowed) {
    String positional = null;
    Optional<String> severity = Optional.empty();
    boolean emergency = false;
    boolean yes = false;
    boolean monitor = false;
    List<String> declared = new ArrayList<>();
    Path workspace = Path.of("");
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("--") && !allowed.contains(a)) {
        throw new UsageException("unknown option " + a + " for " + verb.name() + "; it takes "
            + String.join(", ", new java.util.TreeSet<>(allowed)));
      }
      switch (a) {
        case "--severity":
          severity = Optional.of(value(args, ++i, a));
          break;
        case "--declare":
          declared.add(value(args, ++i, a));
          break;
        case "--workspace":
          workspace = Path.of(value(args, ++i, a));
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
        default:
          if (positional != null) {
            throw new UsageException("expected one " + what + ", got also '" + a + "'");
          }
          positional = a;
      }
    }
    if (positional == null) {
      throw new UsageException("missing " + what);
    }
    if (!Files.isDirectory(workspace)) {
      throw new UsageException("workspace " + workspace.toAbsolutePath().normalize() + " is not a directory");
    }
    return new LaunchArgs(positional, severity, emergency, yes, monitor, List.copyOf(declared), workspace);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size() || args.get(i).startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return args.get(i);
  }

  /** The run options the arguments ask for. */
  RunOptions options() {
    RunOptions o = RunOptions.defaults().withDeclared(declared.toArray(new String[0]));
    o = severity.map(o::withSeverity).orElse(o);
    o = emergency ? o.withEmergency() : o;
    return monitor ? o.withMonitoring() : o;
  }

  /** The journal of the workspace: {@code <workspace>/.rollback}. */
  Journal journal() {
    return Journal.directory(workspace.toAbsolutePath().normalize().resolve(".rollback"));
  }

  /**
   * The executor the arguments ask for.
   *
   * @param err where progress and questions go
   * @return the executor
   */
  RollbackExecutor executor(PrintStream err) {
    return RollbackExecutor.builder()
        .workspace(workspace)
        .discoverAdapters()
        .journal(journal())
        .approver(yes ? Approvers.automatic(System.getProperty("user.name", "unknown"), "--yes on the command line")
            : Approvers.console(System.in, err))
        .listener(Progress.console(err))
        .build();
  }
}
