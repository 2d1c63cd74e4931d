package dev.rollback.examples.cli;

import dev.rollback.RollbackException;
import java.util.List;

/**
 * A plan could not be loaded: a script that does not compile, throws, or defines no plan; a class without a plan.
 * The message names the source and, for a script, every diagnostic with its line number.
 */
public class PlanScriptException extends RollbackException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> details;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the script or class
   * @param details the diagnostics, one per line ({@code line 3: cannot find symbol ...}); may be empty
   */
  public PlanScriptException(String message, List<String> details) {
    super(details.isEmpty() ? message : message + "\n  " + String.join("\n  ", details));
    this.details = List.copyOf(details);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong, naming the script or class
   * @param cause the underlying failure
   */
  public PlanScriptException(String message, Throwable cause) {
    super(message, cause);
    this.details = List.of();
  }

  /**
   * The diagnostics, one per entry, each starting with its line number when it has one.
   *
   * @return the diagnostics; empty when the message says it all
   */
  public List<String> details() {
    return details;
  }
}
