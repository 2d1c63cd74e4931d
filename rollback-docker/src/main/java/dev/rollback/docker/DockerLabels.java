package dev.rollback.docker;

/**
 * The labels the adapter puts on every container, image and volume it creates, so that checks find orphans and
 * cleanup removes exactly what Rollback made ({@link DockerSteps#removeByLabel(String)}).
 */
public final class DockerLabels {

  /** {@code dev.rollback.managed=true} on everything the adapter creates. */
  public static final String MANAGED = "dev.rollback.managed";
  /** The id of the run that created the object. */
  public static final String RUN = "dev.rollback.run";
  /** The name of the step that created the object. */
  public static final String STEP = "dev.rollback.step";
  /** The compose project a container or image belongs to. */
  public static final String PROJECT = "dev.rollback.compose.project";
  /** The compose service a container or image belongs to. */
  public static final String SERVICE = "dev.rollback.compose.service";

  private DockerLabels() {}

  /**
   * The label filter for everything the adapter manages: {@code dev.rollback.managed=true}.
   *
   * @return the filter, as {@code key=value}
   */
  public static String managed() {
    return MANAGED + "=true";
  }

  /**
   * The label filter for what one run created: {@code dev.rollback.run=<runId>}.
   *
   * @param runId the run's id
   * @return the filter, as {@code key=value}
   */
  public static String run(String runId) {
    return RUN + "=" + runId;
  }
}
