package dev.rollback.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link StepHandler#isApplied}: applied (with the outputs it produced), not applied, or unknown.
 *
 * @param state the answer
 * @param result what the step produced, when applied
 * @param reason why the handler cannot tell, when unknown
 */
public record Probe(State state, Optional<StepResult> result, Optional<String> reason) {

  /** The answers. */
  public enum State {
    /** The step took effect. */
    APPLIED,
    /** The step did not take effect; it may run. */
    NOT_APPLIED,
    /** The handler cannot tell; the executor will not guess. */
    UNKNOWN
  }

  /**
   * Creates a probe answer.
   *
   * @param state the answer
   * @param result the result, when applied
   * @param reason the reason, when unknown
   * @throws NullPointerException if an argument is null
   */
  public Probe {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * The step took effect.
   *
   * @param result the outputs and evidence it produced
   * @return the answer
   */
  public static Probe applied(StepResult result) {
    return new Probe(State.APPLIED, Optional.of(result), Optional.empty());
  }

  /**
   * The step did not take effect.
   *
   * @return the answer
   */
  public static Probe notApplied() {
    return new Probe(State.NOT_APPLIED, Optional.empty(), Optional.empty());
  }

  /**
   * The handler cannot tell.
   *
   * @param reason why
   * @return the answer
   */
  public static Probe unknown(String reason) {
    return new Probe(State.UNKNOWN, Optional.empty(), Optional.of(reason));
  }
}
