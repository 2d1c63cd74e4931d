package dev.rollback.examples.cli;

import dev.rollback.PlanCheck;
import java.io.PrintStream;
import java.util.List;

/** {@code rollback check <plan>}: every problem of the plan with its path; exit 1 when there is one. */
public final class CheckVerb implements Verb {

  /** Creates the command. */
  public CheckVerb() {}

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
    PlanCheck check = PlanSource.load(Verb.onePlan(this, args)).check();
    out.println(check);
    return check.isValid() ? 0 : 1;
  }
}
