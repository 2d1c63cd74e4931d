package dev.rollback.examples.cli;

import dev.rollback.Runbook;
import java.io.PrintStream;
import java.util.List;

/** {@code rollback render <plan>}: the plan as a Markdown runbook on standard output. */
public final class RenderVerb implements Verb {

  /** Creates the command. */
  public RenderVerb() {}

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
    out.print(Runbook.markdown(PlanSource.load(Verb.onePlan(this, args))));
    return 0;
  }
}
