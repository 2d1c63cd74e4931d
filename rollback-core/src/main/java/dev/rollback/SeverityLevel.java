package dev.rollback;

import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One row of the decision matrix: the condition that selects this severity, the response it calls for, and who
 * approves. The plan lists severities from the highest down; the highest whose condition holds wins.
 *
 * <pre>{@code
 * severity("critical")
 *     .description("CI completely broken, blocking all deployments")
 *     .when(trigger("ci-broken"))
 *     .rollbackWithin(Duration.ofHours(1))
 *     .approval(single("maintainer"))
 *     .procedure("emergency")
 * }</pre>
 */
@Value.Immutable
public abstract class SeverityLevel {

  SeverityLevel() {}

  /**
   * The level's name: {@code critical}, {@code high}, or the team's own.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * The situation in the runbook's words.
   *
   * @return the description; empty unless set
   */
  @Value.Default
  public String description() {
    return "";
  }

  /**
   * What selects this level.
   *
   * @return the condition
   */
  public abstract Condition condition();

  /**
   * What this level calls for.
   *
   * @return the response
   */
  public abstract Response response();

  /**
   * Who must approve the rollback.
   *
   * @return the policy
   */
  public abstract ApprovalPolicy approval();

  /**
   * The procedure this level runs; the plan's standard procedure when absent.
   *
   * @return the procedure's name, when set
   */
  public abstract Optional<String> procedure();

  /**
   * A builder; for copy-and-tweak use {@code SeverityLevel.builder().from(level)}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "SeverityLevel[" + name() + ": " + condition().describe() + " -> " + response() + ", " + approval() + "]";
  }

  /** Builds a {@link SeverityLevel} in the runbook's words. */
  public static final class Builder extends ImmutableSeverityLevel.Builder {
    Builder() {}

    /**
     * Sets the condition that selects this level.
     *
     * @param condition the condition
     * @return this builder
     */
    public Builder when(Condition condition) {
      return condition(condition);
    }

    /**
     * Calls for a rollback within the deadline, counted from detection.
     *
     * @param deadline the deadline
     * @return this builder
     */
    public Builder rollbackWithin(Duration deadline) {
      return response(Response.rollbackWithin(deadline));
    }

    /**
     * Calls for fixing forward.
     *
     * @return this builder
     */
    public Builder fixForward() {
      return response(Response.fixForward());
    }

    /**
     * Calls for fixing forward, or rolling back by a deadline named in words.
     *
     * @param deadline the deadline, counted from detection
     * @param label how people name it, such as {@code next sprint}
     * @return this builder
     */
    public Builder fixForwardOrRollbackWithin(Duration deadline, String label) {
      return response(Response.fixForwardOrRollbackWithin(deadline, label));
    }
  }
}
