package dev.rollback;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How to recover after a rollback: forward (a fix branch, fixes cherry-picked and validated one by one), hybrid
 * (revert some components, keep others, restore incrementally) or full; itself phases plus the validation that
 * proves the recovery.
 *
 * <pre>{@code
 * recovery("forward", RecoveryStrategy.Kind.FORWARD)
 *     .phase(phase("Create fix branch").step(GitSteps.createBranch(branch("fix-p3-007-issues"))) ...)
 *     .validate(Checks.command(Command.of("make", "quick-check")))
 * }</pre>
 */
@Value.Immutable
public abstract class RecoveryStrategy {

  RecoveryStrategy() {}

  /** Kinds of recovery. */
  public enum Kind {
    /** Fix forward on a branch, applying targeted fixes. */
    FORWARD,
    /** Roll back some components, keep others, then restore incrementally. */
    HYBRID,
    /** Restore everything. */
    FULL
  }

  /**
   * The strategy's name, unique in the plan.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * The kind of recovery.
   *
   * @return the kind
   */
  public abstract Kind kind();

  /**
   * What the strategy is for.
   *
   * @return the description, when given
   */
  public abstract Optional<String> description();

  /**
   * What a hybrid recovery keeps as it is.
   *
   * @return the components kept
   */
  public abstract List<String> keep();

  /**
   * What a hybrid recovery reverts.
   *
   * @return the components reverted
   */
  public abstract List<String> revert();

  /**
   * The phases, run in order.
   *
   * @return the phases
   */
  public abstract List<Phase> phases();

  /**
   * The checks that prove the recovery.
   *
   * @return the recovery validation
   */
  public abstract List<Check> validations();

  /**
   * Who approves this recovery's irreversible steps.
   *
   * @return the policy, when set
   */
  public abstract Optional<ApprovalPolicy> approval();

  /**
   * A builder; for copy-and-tweak use {@code RecoveryStrategy.builder().from(strategy)}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "RecoveryStrategy[" + name() + ": " + kind() + ", " + phases().size() + " phases]";
  }

  /** Builds a {@link RecoveryStrategy}. */
  public static final class Builder extends ImmutableRecoveryStrategy.Builder {
    Builder() {}

    /**
     * Adds phases, run in order.
     *
     * @param phases the phases
     * @return this builder
     */
    public Builder phase(Phase... phases) {
      return addAllPhases(Arrays.asList(phases));
    }

    /**
     * Adds the phase being built.
     *
     * @param phase the phase's builder
     * @return this builder
     */
    public Builder phase(Phase.Builder phase) {
      return addPhase(phase.build());
    }

    /**
     * Adds checks that prove the recovery.
     *
     * @param checks the checks
     * @return this builder
     */
    public Builder validate(Check... checks) {
      return addAllValidations(Arrays.asList(checks));
    }
  }
}
