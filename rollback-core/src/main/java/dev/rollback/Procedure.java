package dev.rollback;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A named procedure: ordered phases, such as the gradual rollback or the emergency rollback.
 *
 * <pre>{@code
 * procedure("gradual")
 *     .description("Roll back in three phases, validating each")
 *     .phase(phase("Disable Docker test execution")...)
 *     .phase(phase("Remove Docker test infrastructure")...)
 * }</pre>
 */
@Value.Immutable
public abstract class Procedure {

  Procedure() {}

  /**
   * The procedure's name, unique in the plan.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * What the procedure is for.
   *
   * @return the description, when given
   */
  public abstract Optional<String> description();

  /**
   * The phases, run in order.
   *
   * @return the phases
   */
  public abstract List<Phase> phases();

  /**
   * Every step of every phase, in order.
   *
   * @return the steps
   */
  public List<Step> steps() {
    return phases().stream().flatMap(p -> p.steps().stream()).collect(java.util.stream.Collectors.toList());
  }

  /**
   * A builder; for copy-and-tweak use {@code Procedure.builder().from(procedure)}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "Procedure[" + name() + ": " + phases().size() + " phases]";
  }

  /** Builds a {@link Procedure}; {@link #phase} adds, in order. */
  public static final class Builder extends ImmutableProcedure.Builder {
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
  }
}
