package dev.rollback.git;

/**
 * A push with a lease was rejected because the remote ref is not at the value the lease expects: what the local
 * repository knew of the remote (its remote-tracking ref when the run was assessed, or what this run pushed last), or
 * the value the plan named. Someone else pushed, before the run or during it. Nothing on the remote was
 * overwritten.
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
   * @param expected the value the lease expected, or {@code absent}
   * @param actual the value the remote has now, or {@code absent}
   */
  public LeaseRejectedException(String remote, String ref, String expected, String actual) {
    super("push to " + remote + " " + ref + " rejected: the lease expected " + ref + " at " + expected
        + " (what this repository knew of " + remote + ") but " + remote + " has it at " + actual
        + "; someone else pushed, and nothing was overwritten. Bring their commits in (git pull --rebase " + remote
        + " " + (ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref) + ", or git fetch "
        + remote + " and merge; fetching alone, as --fetch or GitSteps.fetch(\"" + remote + "\") do, is not enough"
        + " to push), look at them, and run again");
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
   * The value the lease expected.
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
