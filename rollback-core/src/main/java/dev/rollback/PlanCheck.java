package dev.rollback;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The result of {@link RollbackPlan#check()}: every problem of the plan at once, in the order of the plan's
 * sections.
 */
public final class PlanCheck {

  private final String planName;
  private final List<PlanProblem> problems;

  /**
   * Creates a result.
   *
   * @param planName the plan's name
   * @param problems the problems found
   * @throws NullPointerException if an argument is null
   */
  public PlanCheck(String planName, List<PlanProblem> problems) {
    this.planName = Objects.requireNonNull(planName, "planName");
    this.problems = List.copyOf(problems);
  }

  /**
   * The problems, in the order of the plan's sections.
   *
   * @return the problems; empty for a valid plan
   */
  public List<PlanProblem> problems() {
    return problems;
  }

  /**
   * The problems that break one rule.
   *
   * @param rule the rule
   * @return those problems
   */
  public List<PlanProblem> problems(PlanProblem.Rule rule) {
    return problems.stream().filter(p -> p.rule() == rule).collect(Collectors.toList());
  }

  /**
   * Whether the plan has no problem and may run.
   *
   * @return {@code true} when there is no problem
   */
  public boolean isValid() {
    return problems.isEmpty();
  }

  /**
   * Throws when the plan has problems.
   *
   * @throws PlanInvalidException listing every problem
   */
  public void orThrow() {
    if (!isValid()) {
      throw new PlanInvalidException(this);
    }
  }

  /**
   * The problems, one per line, or a line saying the plan is valid.
   *
   * @return the text
   */
  @Override
  public String toString() {
    if (problems.isEmpty()) {
      return "plan '" + planName + "' has no problems";
    }
    return "plan '" + planName + "' has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n"
        + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlanCheck && ((PlanCheck) o).planName.equals(planName)
        && ((PlanCheck) o).problems.equals(problems);
  }

  @Override
  public int hashCode() {
    return Objects.hash(planName, problems);
  }
}
