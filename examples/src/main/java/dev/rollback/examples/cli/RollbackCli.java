package dev.rollback.examples.cli;

import dev.rollback.RollbackException;
import dev.rollback.spi.SecretMask;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code rollback} command line, which the {@code ./rollback} launcher at the repository's root runs:
 *
 * <pre>
 * rollback check   &lt;plan&gt;     every problem of the plan, with its path; exit 1 if there is one
 * rollback render  &lt;plan&gt;     the plan as a Markdown runbook
 * rollback preview &lt;plan&gt;     the dry run, as Markdown; exit 1 if it finds problems
 * rollback run     &lt;plan&gt;     run the plan, print its incident report; exit 1 unless it succeeded
 * rollback resume  &lt;run&gt;      go on with an interrupted run from its journal; --step NAME --done REASON (or
 *                            --redo) settles a step the interruption cut off that no adapter could probe
 * rollback recover &lt;plan&gt; &lt;strategy&gt;   carry out a recovery strategy
 * rollback prune --older-than 30d   delete the backup refs of finished runs older than that
 * rollback worker --temporal HOST:PORT    run fleet workflows and their steps until stopped
 * rollback fleet &lt;plan&gt; --targets FILE --temporal HOST:PORT   run the plan on every target, follow it
 * rollback status|approve|abort &lt;fleet-id&gt; --temporal HOST:PORT
 * rollback demo              the P3-007 plan end to end in a sandbox
 * rollback demo fleet        20 repositories rolled back as a fleet on Temporal's test server
 * rollback help [command]    (or rollback COMMAND --help, -h): a command's every option
 * rollback --version
 * rollback completion        the Bash/Zsh completion script: source &lt;(./rollback completion)
 * </pre>
 *
 * <p>Each command is a {@link Verb}, a picocli {@code @Command} class; {@link #verbs} lists them.
 *
 * <p>Standard output and error carry text from outside (commit subjects, command output, GitHub): control
 * characters in it are written as escapes ({@code \u005cu001b}), never raw.
 *
 * <p>A plan is a JShell script ({@code examples/jshell/p3-007.jsh}) or a class name
 * ({@code dev.rollback.examples.P3007Plan}); see {@link PlanSource}. Exit status, one meaning each: 0 success,
 * 1 the plan has problems or the run did not succeed, 2 the command could not run (unknown command, missing file, a
 * script that fails, a plan refused before anything ran), 3 the run could not decide (a severity depended on a
 * signal that is unknown; nothing changed).
 */
public final class RollbackCli {

  /** Exit status: success. */
  public static final int SUCCESS = 0;
  /** Exit status: the plan has problems, or the run failed (or stopped, or was not approved). */
  public static final int FAILED = 1;
  /** Exit status: the command could not run (bad arguments, a plan that cannot be loaded, a plan refused). */
  public static final int COULD_NOT_RUN = 2;
  /** Exit status: the run (or preview) could not decide, because a severity depended on an unknown signal. */
  public static final int UNDECIDED = 3;

  /** The commands, in the order the usage lists them, for the process's environment. */
  public static final List<Verb> VERBS = verbs(System.getenv(), System.err);

  private final List<Verb> verbs;
  private final PrintStream out;
  private final PrintStream err;

  private RollbackCli(List<Verb> verbs, PrintStream out, PrintStream err) {
    this.verbs = verbs;
    this.out = out;
    this.err = err;
  }

  /**
   * The commands, in the order the usage lists them, for an environment.
   *
   * @param environment the variables the commands read ({@code GITHUB_TOKEN}, {@code DOCKER_HOST}, ...)
   * @param err standard error: where progress and questions go
   * @return the commands
   */
  public static List<Verb> verbs(Map<String, String> environment, PrintStream err) {
    List<Verb> all = new java.util.ArrayList<>(List.of(
        new CheckVerb(environment),
        new RenderVerb(environment),
        new PreviewVerb(environment, err),
        new RunVerb(environment, err),
        new ResumeVerb(environment, err),
        new RecoverVerb(environment, err),
        new PruneVerb()));
    all.addAll(FleetVerbs.all(environment, err));
    all.add(new DemoVerb(environment, err));
    all.add(new JShellVerb(environment));
    return List.copyOf(all);
  }

  /**
   * Runs the command line and exits with its status. Standard output carries only the command's output: anything
   * else printed while it runs (by a script, say) goes to standard error.
   *
   * @param args the command and its arguments
   */
  public static void main(String[] args) {
    // Both streams are masked of every secret the command knows, from the environment on (GITHUB_TOKEN) and as the
    // run learns more (the plan's secrets, a webhook's URL, tokens in remote URLs): the report, progress, logs
    // (slf4j-simple writes to System.err) and anything a script prints.
    Map<String, String> env = System.getenv();
    SecretMask mask = Launch.secretMask(env);
    Charset charset = Charset.defaultCharset();
    PrintStream stdout = new PrintStream(mask.filter(new FileOutputStream(FileDescriptor.out), charset), false,
        charset);
    PrintStream stderr = new PrintStream(mask.filter(new FileOutputStream(FileDescriptor.err), charset), true,
        charset);
    System.setOut(terminalSafe(stderr));
    System.setErr(stderr);
    int status = run(args, env, mask, stdout, stderr);
    stdout.close();
    stderr.close();
    System.exit(status);
  }

  /** A stream writing to another with control characters escaped ({@link TerminalSafeStream}). */
  private static PrintStream terminalSafe(PrintStream to) {
    return new PrintStream(new TerminalSafeStream(to), true, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Runs a command line in the process's environment, writing to the streams given; {@link #main} calls this.
   *
   * @param args the command and its arguments
   * @param out standard output: where the command's output goes
   * @param err standard error: where errors, the usage, progress and questions go
   * @return the exit status: 0 success, 1 the plan has problems or the run did not succeed, 2 the command could
   *     not run, 3 the run could not decide
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.getenv(), out, err);
  }

  /**
   * Runs a command line in the environment given instead of the process's, as tests do: the adapters are
   * configured from its variables ({@code GITHUB_TOKEN}, {@code GITHUB_REPOSITORY}, {@code GITHUB_API_URL},
   * {@code DOCKER_HOST}, a {@code webhook-env} channel's variable).
   *
   * @param args the command and its arguments
   * @param environment the environment variables
   * @param out standard output: where the command's output goes
   * @param err standard error: where errors, the usage, progress and questions go
   * @return the exit status: 0 success, 1 the plan has problems or the run did not succeed, 2 the command could
   *     not run, 3 the run could not decide
   */
  public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    return run(args, environment, Launch.secretMask(environment), out, err);
  }

  /** Runs a command line with the secrets of its environment, which the executors it builds share and add to. */
  static int run(String[] args, Map<String, String> environment, SecretMask mask, PrintStream out, PrintStream err) {
    // What the commands print carries text from outside (commit subjects, command output, GitHub): control
    // characters in it are escaped, never sent raw to the terminal.
    PrintStream safeOut = terminalSafe(out);
    PrintStream safeErr = terminalSafe(err);
    try {
      return Launch.withSecretMask(mask, () -> new RollbackCli(verbs(environment, safeErr), safeOut, safeErr)
          .run(Arrays.asList(args)));
    } finally {
      safeOut.flush();
      safeErr.flush();
    }
  }

  private int run(List<String> args) {
    if (args.isEmpty()) {
      err.print(usage());
      return 2;
    }
    String name = args.get(0);
    if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
      return help(args.subList(1, args.size()));
    }
    if (name.equals("--version") || name.equals("-V")) {
      out.println("rollback " + version() + " (Java " + Runtime.version() + ")");
      return 0;
    }
    if (name.equals(COMPLETION)) {
      return completion(args.subList(1, args.size()));
    }
    Optional<Verb> verb = verb(verbs, name);
    if (verb.isEmpty()) {
      err.println("rollback: unknown " + (name.startsWith("-") ? "option" : "command") + " '" + name + "'"
          + VerbLine.closest(name, names()).map(c -> "; did you mean '" + c + "'?").orElse(""));
      err.print(usage());
      return 2;
    }
    try {
      return verb.get().run(args.subList(1, args.size()), out);
    } catch (UsageException e) {
      err.println("rollback " + name + ": " + e.getMessage());
      err.println(VerbLine.wrap("usage: " + verb.get().usage(), VerbLine.WIDTH, "    "));
      return 2;
    } catch (RollbackException e) {
      err.println("rollback " + name + ": " + e.getMessage());
      if (e instanceof dev.rollback.PlanInvalidException) {
        err.println("nothing ran: fix the plan (./rollback check <plan> lists its problems with their paths)");
      }
      return 2;
    } catch (RuntimeException e) {
      // A bug, not a mistake in the plan: say what failed, with its causes, and that it is not the plan's verdict.
      err.println("rollback " + name + ": failed unexpectedly: " + e);
      for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
        err.println("  caused by " + cause);
      }
      return 2;
    }
  }

  /** The command that prints the shell completion script. */
  static final String COMPLETION = "completion";

  /** Every name the first argument may be: the commands, help and completion. */
  private List<String> names() {
    List<String> names = new java.util.ArrayList<>();
    verbs.forEach(v -> names.add(v.name()));
    names.add("help");
    names.add(COMPLETION);
    return names;
  }

  private int help(List<String> args) {
    if (args.isEmpty()) {
      out.print(usage());
      return 0;
    }
    if (args.get(0).equals(COMPLETION)) {
      out.print(COMPLETION_HELP);
      return 0;
    }
    Optional<Verb> verb = verb(verbs, args.get(0));
    if (verb.isEmpty()) {
      err.println("rollback help: unknown command '" + args.get(0) + "'"
          + VerbLine.closest(args.get(0), names()).map(c -> "; did you mean '" + c + "'?").orElse(""));
      err.print(usage());
      return 2;
    }
    out.print(VerbLine.of(verb.get()).help());
    return 0;
  }

  private static final String COMPLETION_HELP = "usage: rollback completion\n"
      + "print a Bash (and Zsh, with bashcompinit) completion script for rollback and ./rollback:\n"
      + "  source <(./rollback completion)\n";

  /** Prints the shell completion script picocli generates from the commands' options. */
  private int completion(List<String> args) {
    if (!args.isEmpty()) {
      if (args.get(0).equals("--help") || args.get(0).equals("-h")) {
        out.print(COMPLETION_HELP);
        return 0;
      }
      err.println("rollback completion: unexpected argument '" + args.get(0) + "'");
      err.print(COMPLETION_HELP);
      return 2;
    }
    out.print(completionScript(verbs));
    return 0;
  }

  /**
   * The Bash completion script of the launcher (it works in Zsh after {@code bashcompinit}): picocli's, completing
   * the commands, their options and file names, registered for {@code rollback} and {@code ./rollback}.
   *
   * @param verbs the commands
   * @return the script
   */
  static String completionScript(List<Verb> verbs) {
    picocli.CommandLine root = new picocli.CommandLine(picocli.CommandLine.Model.CommandSpec.create()
        .name("rollback"));
    for (Verb v : verbs) {
      root.addSubcommand(v.name(), VerbLine.of(v).commandLine());
    }
    root.addSubcommand("help", new picocli.CommandLine(picocli.CommandLine.Model.CommandSpec.create()));
    root.addSubcommand(COMPLETION, new picocli.CommandLine(picocli.CommandLine.Model.CommandSpec.create()));
    String script = picocli.AutoComplete.bash("rollback", root);
    return script + "\n# The launcher at a repository's root, run as ./rollback.\n"
        + "complete -F _complete_rollback -o default ./rollback\n";
  }

  /**
   * The launcher's version: the project's, as the build recorded it.
   *
   * @return the version, such as {@code 0.1.0-SNAPSHOT}
   */
  public static String version() {
    java.util.Properties p = new java.util.Properties();
    try (java.io.InputStream in = RollbackCli.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (java.io.IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }

  private static Optional<Verb> verb(List<Verb> verbs, String name) {
    return verbs.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  /**
   * The usage text: every command with its arguments and summary, in lines of at most 100 columns.
   *
   * @return the text, ending with a newline
   */
  public static String usage() {
    StringBuilder b = new StringBuilder("usage: rollback <command> [arguments]\n"
        + "       rollback <command> --help | help <command> | --version | completion\n\ncommands:\n");
    for (Verb v : VERBS) {
      String synopsis = (v.name() + " " + v.arguments().replace(LaunchArgs.WHERE_USAGE, " [where...]")).strip();
      b.append(VerbLine.wrap("  " + synopsis, VerbLine.WIDTH, "      ")).append('\n');
      b.append(VerbLine.wrap("      " + v.summary(), VerbLine.WIDTH, "      ")).append('\n');
    }
    b.append("  help [command]\n      show this help, or a command's with every option\n");
    b.append("  completion\n      print the shell completion script: source <(./rollback completion)\n");
    b.append('\n');
    for (String paragraph : List.of("A <plan> is a JShell script (examples/jshell/p3-007.jsh) or a class with a static"
        + " method returning a RollbackPlan (dev.rollback.examples.P3007Plan).",
        "preview, run, recover and resume use the adapters the plan needs ([where...]): Git in --repo (the current"
        + " directory unless given), GitHub from --github OWNER/NAME (or GITHUB_REPOSITORY) with GITHUB_TOKEN and"
        + " --github-url (or GITHUB_API_URL), Docker from --docker-host (or DOCKER_HOST); --skip-unavailable ADAPTER"
        + " reports an adapter that is missing or down as skipped instead. Channels: --notify NAME=files:DIR | log |"
        + " webhook-env:VARIABLE | github-issue | github-comment:N. The journal is in --journal DIR (else"
        + " <repo>/.rollback). Approvals are asked on the terminal unless --yes. --fetch refreshes the remotes the"
        + " plan pushes to when the run is assessed (otherwise leases expect what the clone last fetched). Building"
        + " a plan may take one minute unless ROLLBACK_PLAN_TIMEOUT says otherwise (120s, 5m). Options take their"
        + " value as --opt VALUE or --opt=VALUE.",
        "Exit status: 0 success; 1 the plan has problems, or the run failed, stopped or was not approved; 2 the"
        + " command could not run (bad arguments, a plan that cannot be loaded or is refused before anything runs);"
        + " 3 the run could not decide: a severity depended on a signal that is unknown (nothing changed; fix the"
        + " signal, or choose the severity with --severity).")) {
      b.append(VerbLine.wrap(paragraph, VerbLine.WIDTH, "")).append('\n');
    }
    return b.toString();
  }
}
