package dev.rollback.examples.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One command of the {@code rollback} launcher, such as {@code render}: a class annotated with picocli's
 * {@code @Command(name = "render")}, whose {@code @Option} and {@code @Parameters} fields (each with its
 * {@code description}) picocli fills from the command line before {@link #execute} runs. A new command is one such
 * class, listed in {@link RollbackCli#verbs}; {@code --help}/{@code -h}, {@code --opt=value}, "did you mean" for a
 * misspelled option, the help text and shell completion come with it ({@link VerbLine}).
 */
public interface Verb {

  /**
   * The command's name, as typed: {@code render}; by default the name of its {@code @Command}.
   *
   * @return the name
   */
  default String name() {
    picocli.CommandLine.Command command = getClass().getAnnotation(picocli.CommandLine.Command.class);
    if (command == null) {
      throw new IllegalStateException(getClass().getName() + " is a Verb without @Command");
    }
    return command.name();
  }

  /**
   * The command's arguments, for the usage line: {@code <plan>}.
   *
   * @return the arguments in usage notation; empty when it takes none
   */
  String arguments();

  /**
   * What the command does, in one line.
   *
   * @return the summary
   */
  String summary();

  /**
   * Runs the command, once picocli has set its options and parameters from the command line.
   *
   * @param out where the command's output goes (standard output)
   * @return the exit status: 0 for success, 1 when the command found problems or the run did not succeed, 3 when
   *     the run could not decide ({@link RollbackCli#UNDECIDED})
   * @throws UsageException if the arguments are wrong; the launcher prints the message and the usage, exit 2
   * @throws PlanScriptException if the plan cannot be loaded; the launcher prints the message, exit 2
   */
  int execute(PrintStream out);

  /**
   * Parses the arguments into this command's options and runs it; with {@code --help} or {@code -h}, prints its
   * help instead and returns 0.
   *
   * @param args the arguments after the command's name
   * @param out where the command's output goes (standard output)
   * @return the exit status, as {@link #execute} gives it
   * @throws UsageException if the arguments are wrong (an unknown option, with the closest one when there is one; an
   *     option without its value); the launcher prints the message and the usage, exit 2
   * @throws PlanScriptException if the plan cannot be loaded; the launcher prints the message, exit 2
   */
  default int run(List<String> args, PrintStream out) {
    VerbLine line = VerbLine.of(this);
    if (line.parse(args)) {
      out.print(line.help());
      return 0;
    }
    return execute(out);
  }

  /**
   * The message for an option given without its value; a command overrides it to say what the value should be.
   *
   * @param option the option, such as {@code --repo}
   * @return the message
   */
  default String needsValue(String option) {
    return option + " needs a value";
  }

  /**
   * The usage line: {@code rollback render <plan>}.
   *
   * @return the line
   */
  default String usage() {
    return "rollback " + name() + (arguments().isEmpty() ? "" : " " + arguments());
  }

  /**
   * The one argument a command that takes a plan expects.
   *
   * @param verb the command
   * @param args its arguments
   * @return the plan argument
   * @throws UsageException if there is not exactly one argument
   */
  static String onePlan(Verb verb, List<String> args) {
    if (args.isEmpty()) {
      throw new UsageException("missing <plan>, a .jsh script or a class name");
    }
    if (args.size() > 1) {
      throw new UsageException("expected one <plan>, got " + args.size() + " arguments: "
          + String.join(" ", args));
    }
    return args.get(0);
  }
}
