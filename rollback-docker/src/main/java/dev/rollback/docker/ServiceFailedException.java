package dev.rollback.docker;

/**
 * A compose service ran and exited with a non-zero code, where the caller required it to pass (the
 * {@code docker.runComposeService} step). The message holds the exit code and the last lines of its output.
 */
public class ServiceFailedException extends DockerEngineException {

  private static final long serialVersionUID = 1L;

  private final transient ServiceRun run;

  /**
   * Creates the exception.
   *
   * @param run what the run did
   * @param file the compose file, as the plan names it
   */
  public ServiceFailedException(ServiceRun run, String file) {
    super("service '" + run.service() + "' of " + file + " exited " + run.exitCode()
        + (run.oomKilled() ? " (killed: out of memory)" : "")
        + (run.stderr().isBlank() ? "" : "\nlast stderr:\n" + run.stderrTail(20))
        + (run.stdout().isBlank() ? "" : "\nlast stdout:\n" + run.stdoutTail(20)));
    this.run = run;
  }

  /**
   * What the run did, with its whole output.
   *
   * @return the run; null after deserialization
   */
  public ServiceRun run() {
    return run;
  }
}
