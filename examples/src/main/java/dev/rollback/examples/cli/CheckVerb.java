package dev.rollback.examples.cli;

import dev.rollback.PlanCheck;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code rollback check <plan>}: every problem of the plan with its path; exit 1 when there is one. */
public final class CheckVerb implements Verb {

  private final Map<String, String> environment;

  /** Creates the command, for the process's environment. */
  public CheckVerb() {
    this(System.getenv());
  }

  /**
   * Creates the command for another environment, as tests do.
   *
   * @param environment the variables the command reads ({@code ROLLBACK_PLAN_TIMEOUT})
   */
  public CheckVerb(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public String name() {
    return "check";
  }

  @Override
  public String arguments() {
    return "<plan>";
  }

  @Override
  public String summary() {
    return "list every problem of the plan, with its path; exit 1 if there is one";
  }

  @Override
  public int run(List<String> args, PrintStream out) {
    PlanCheck check = PlanSource.load(Verb.onePlan(this, args), environment).check();
    out.println(check);
    return check.isValid() ? 0 : 1;
  }
}
