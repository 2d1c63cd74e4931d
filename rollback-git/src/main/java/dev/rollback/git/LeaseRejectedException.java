package dev.rollback.git;

/**
 * A push with a lease was rejected because the remote ref is no longer at the value pinned when the run was
 * assessed: someone else pushed in between. Nothing on the remote was overwritten.
 */
public final class LeaseRejectedException extends GitException {

  private static final long serialVersionUID = 1L;

  private final String remote;
  private final String ref;
  private final String expected;
  private final String actual;

  /**
   * Creates the exception.
   *
   * @param remote the remote's name
   * @param ref the remote ref
   * @param expected the value pinned at assessment, or {@code absent}
   * @param actual the value the remote has now, or {@code absent}
   */
  public LeaseRejectedException(String remote, String ref, String expected, String actual) {
    super("push to " + remote + " " + ref + " rejected: the lease expected " + ref + " at " + expected
        + " (pinned at assessment) but " + remote + " has it at " + actual
        + "; someone pushed in between, and nothing was overwritten");
    this.remote = remote;
    this.ref = ref;
    this.expected = expected;
    this.actual = actual;
  }

  /**
   * The remote's name.
   *
   * @return the remote
   */
  public String remote() {
    return remote;
  }

  /**
   * The remote ref the push targeted.
   *
   * @return the full ref name
   */
  public String ref() {
    return ref;
  }

  /**
   * The value pinned at assessment.
   *
   * @return the commit id, or {@code absent}
   */
  public String expected() {
    return expected;
  }

  /**
   * The value the remote holds now.
   *
   * @return the commit id, or {@code absent}
   */
  public String actual() {
    return actual;
  }
}
