package dev.rollback.examples.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A command that comes with later work ({@code demo}): it says so and exits 2, until its own class replaces this
 * one in {@link RollbackCli#VERBS}.
 */
public final class LaterVerb implements Verb {

  private final String name;
  private final String arguments;
  private final String summary;

  /**
   * Creates the placeholder of a command.
   *
   * @param name the command's name
   * @param arguments its arguments in usage notation
   * @param summary what it will do
   */
  public LaterVerb(String name, String arguments, String summary) {
    this.name = name;
    this.arguments = arguments;
    this.summary = summary;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String arguments() {
    return arguments;
  }

  @Override
  public String summary() {
    return summary + " (not available yet)";
  }

  @Override
  public int run(List<String> args, PrintStream out) {
    throw new NotYetException("not available yet; it comes with later work on the executor and the adapters."
        + " Available now: check, render, preview, run, resume.");
  }

  /** The command exists but does not work yet; exit 2, without the usage. */
  static final class NotYetException extends dev.rollback.RollbackException {
    private static final long serialVersionUID = 1L;

    NotYetException(String message) {
      super(message);
    }
  }
}
