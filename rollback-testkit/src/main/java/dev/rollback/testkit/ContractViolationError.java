package dev.rollback.testkit;

import java.util.List;

/**
 * A request or response that GitHub's OpenAPI description does not allow: a test failure.
 */
public final class ContractViolationError extends AssertionError {

  private static final long serialVersionUID = 1L;

  /** The violations. */
  private final List<String> violations;

  /**
   * Creates the error.
   *
   * @param violations the violations, each a sentence naming the request
   */
  public ContractViolationError(List<String> violations) {
    super(violations.size() + " exchange(s) with the fake GitHub violate GitHub's OpenAPI description:\n  "
        + String.join("\n  ", violations));
    this.violations = List.copyOf(violations);
  }

  /**
   * The violations.
   *
   * @return each a sentence naming the request
   */
  public List<String> violations() {
    return violations;
  }
}
