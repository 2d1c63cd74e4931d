package dev.rollback;

import java.util.Objects;

/**
 * One thing wrong with a plan, at the path of the offending element, for example
 * {@code severities[high].approval: quorum 3 exceeds the 2 roles named}.
 *
 * @param path where in the plan, as {@code section[name].part[name]}
 * @param rule which rule the element breaks
 * @param message what is wrong, naming the value
 */
public record PlanProblem(String path, Rule rule, String message) {

  /** The rules {@link RollbackPlan#check()} applies. */
  public enum Rule {
    /** A required part is missing or empty: no procedure, a phase without steps, an empty name. */
    EMPTY,
    /** A phase has no validation to gate the next one. */
    NO_VALIDATION,
    /** Two elements of one list share a name, or two steps bind one output. */
    DUPLICATE_NAME,
    /** A reference to an output that no earlier step or check binds. */
    UNBOUND_REFERENCE,
    /** A reference to a trigger, procedure or channel the plan does not have. */
    UNKNOWN_NAME,
    /** A duration that is zero or negative. */
    NON_POSITIVE_DURATION,
    /** A severity's deadline is shorter than the worst case of its procedure. */
    DEADLINE_TOO_SHORT,
    /** An irreversible step that no approval policy covers. */
    UNAPPROVED_IRREVERSIBLE_STEP,
    /** A path that escapes the repository. */
    PATH_OUTSIDE_REPOSITORY,
    /** A Git ref name that Git would refuse. */
    INVALID_REF_NAME,
    /** An approval policy whose quorum its roles cannot meet. */
    INVALID_APPROVAL,
    /** Any other invalid value: a malformed template, a count below one. */
    INVALID_VALUE
  }

  /**
   * Creates a problem.
   *
   * @param path where in the plan
   * @param rule which rule
   * @param message what is wrong
   * @throws NullPointerException if an argument is null
   */
  public PlanProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
