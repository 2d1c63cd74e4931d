package dev.rollback.examples.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One command of the {@code rollback} launcher, such as {@code render}. A new command is one small class
 * implementing this, registered in {@link RollbackCli#VERBS}.
 */
public interface Verb {

  /**
   * The command's name, as typed: {@code render}.
   *
   * @return the name
   */
  String name();

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
   * Runs the command.
   *
   * @param args the arguments after the command's name
   * @param out where the command's output goes (standard output)
   * @return the exit status: 0 for success, 1 when the command found problems or the run did not succeed, 3 when
   *     the run could not decide ({@link RollbackCli#UNDECIDED})
   * @throws UsageException if the arguments are wrong; the launcher prints the message and the usage, exit 2
   * @throws PlanScriptException if the plan cannot be loaded; the launcher prints the message, exit 2
   */
  int run(List<String> args, PrintStream out);

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
