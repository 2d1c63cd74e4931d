package dev.rollback.examples.cli;

import dev.rollback.Runbook;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code rollback render <plan>}: the plan as a Markdown runbook on standard output. */
public final class RenderVerb implements Verb {

  private final Map<String, String> environment;

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
  public String name() {
    return "render";
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
  public int run(List<String> args, PrintStream out) {
    out.print(Runbook.markdown(PlanSource.load(Verb.onePlan(this, args), environment)));
    return 0;
  }
}
