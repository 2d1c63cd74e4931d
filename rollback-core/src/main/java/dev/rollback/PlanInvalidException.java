package dev.rollback;

/** A plan with problems was asked to run; nothing ran. The message lists every problem. */
public class PlanInvalidException extends RollbackException {

  private static final long serialVersionUID = 1L;

  private final transient PlanCheck check;

  /**
   * Creates the exception.
   *
   * @param check the failed check
   */
  public PlanInvalidException(PlanCheck check) {
    super(check.toString());
    this.check = check;
  }

  /**
   * The failed check.
   *
   * @return the check with every problem
   */
  public PlanCheck check() {
    return check;
  }
}
