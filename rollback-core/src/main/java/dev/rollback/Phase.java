package dev.rollback;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One phase of a procedure: its steps in order, the validations that gate the next phase, and what to do when a
 * step or validation fails.
 *
 * <pre>{@code
 * phase("Disable Docker test execution")
 *     .action("Revert to direct pytest execution")
 *     .step(GitSteps.restore(ref("stable"), path(".github/workflows/ci.yml")))
 *     .validate(GitHubChecks.workflowPasses("ci.yml"))
 *     .onFailure(FailurePolicy.COMPENSATE)
 * }</pre>
 */
@Value.Immutable
public abstract class Phase {

  Phase() {}

  /**
   * The phase's name, unique within its procedure.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * What the phase does, in the runbook's words.
   *
   * @return the action, when given
   */
  public abstract Optional<String> action();

  /**
   * The steps, run in order.
   *
   * @return the steps
   */
  public abstract List<Step> steps();

  /**
   * The validations that must pass before the next phase starts.
   *
   * @return the validations
   */
  public abstract List<Check> validations();

  /**
   * What to do when a step or validation fails.
   *
   * @return the policy; {@link FailurePolicy#HALT} unless set
   */
  @Value.Default
  public FailurePolicy onFailure() {
    return FailurePolicy.HALT;
  }

  /**
   * A builder, for copy-and-tweak of an existing phase use {@code Phase.builder().from(phase)}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "Phase[" + name() + ": " + steps().size() + " steps, " + validations().size() + " validations, on failure "
        + onFailure() + "]";
  }

  /** Builds a {@link Phase}; {@link #step} and {@link #validate} add, in order. */
  public static final class Builder extends ImmutablePhase.Builder {
    Builder() {}

    /**
     * Adds steps, run in order.
     *
     * @param steps the steps
     * @return this builder
     */
    public Builder step(Step... steps) {
      return addAllSteps(Arrays.asList(steps));
    }

    /**
     * Adds validations that gate the next phase.
     *
     * @param checks the validations
     * @return this builder
     */
    public Builder validate(Check... checks) {
      return addAllValidations(Arrays.asList(checks));
    }
  }
}
