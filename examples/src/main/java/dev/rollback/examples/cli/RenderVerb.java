package dev.rollback.examples.cli;

import dev.rollback.Runbook;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code rollback render <plan>}: the plan as a Markdown runbook on standard output. */
@Command(name = "render")
public final class RenderVerb implements Verb {

  private final Map<String, String> environment;

  @Mixin
  HelpOption help;

  @Parameters(arity = "0..*", paramLabel = "<plan>", hideParamSyntax = true, description = PlanSource.ARGUMENT)
  List<String> plan = new ArrayList<>();

  /** Creates the command, for the process's environment. */
  public RenderVerb() {
    this(System.getenv());
  }

  /**
   * Creates the command for another environment, as tests do.
   *
   * @param environment the variables the command reads ({@code ROLLBACK_PLAN_TIMEOUT})
   */
  public RenderVerb(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public String arguments() {
    return "<plan>";
  }

  @Override
  public String summary() {
    return "print the plan as a Markdown runbook";
  }

  @Override
  public int execute(PrintStream out) {
    out.print(Runbook.markdown(PlanSource.load(Verb.onePlan(this, plan), environment)));
    return 0;
  }
}
