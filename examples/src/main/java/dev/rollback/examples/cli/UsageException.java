package dev.rollback.examples.cli;

import dev.rollback.RollbackException;

/** A command line the launcher cannot act on: an unknown command, a missing argument, a file that is not there. */
public class UsageException extends RollbackException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the command line, naming the value
   */
  public UsageException(String message) {
    super(message);
  }
}
