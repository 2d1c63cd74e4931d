package dev.rollback.examples.cli;

import dev.rollback.PlanCheck;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code rollback check <plan>}: every problem of the plan with its path; exit 1 when there is one. */
@Command(name = "check")
public final class CheckVerb implements Verb {

  private final Map<String, String> environment;

  @Mixin
  HelpOption help;

  @Parameters(arity = "0..*", paramLabel = "<plan>", hideParamSyntax = true, description = PlanSource.ARGUMENT)
  List<String> plan = new ArrayList<>();

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
  public String arguments() {
    return "<plan>";
  }

  @Override
  public String summary() {
    return "list every problem of the plan, with its path; exit 1 if there is one";
  }

  @Override
  public int execute(PrintStream out) {
    PlanCheck check = PlanSource.load(Verb.onePlan(this, plan), environment).check();
    out.println(check);
    return check.isValid() ? 0 : 1;
  }
}
