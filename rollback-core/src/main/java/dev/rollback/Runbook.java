package dev.rollback;

import dev.rollback.internal.MarkdownRunbook;

/**
 * Renders a plan back into the human runbook. Rendering is deterministic: the same plan gives the same bytes on
 * any JVM, whatever its default locale, time zone or charset, so a team can commit the rendered runbook and review
 * its diffs.
 *
 * <p>Names and one-line texts (triggers, severities, steps, checks, criteria) are escaped, so that Markdown
 * characters in them print as themselves; summaries and descriptions are Markdown paragraphs and are written as
 * they are.
 */
public final class Runbook {

  private Runbook() {}

  /**
   * The plan as a Markdown runbook with the seed's sections: triggers, the decision matrix as a table, the
   * assessment, the readiness checklist as checkboxes, each procedure's phases with their validations, a Mermaid
   * flowchart of the procedures, verification, monitoring rules, recovery strategies, communication templates
   * and success criteria.
   *
   * @param plan the plan
   * @return the Markdown text, ending with a newline
   */
  public static String markdown(RollbackPlan plan) {
    return MarkdownRunbook.render(plan);
  }

  /**
   * The Mermaid flowchart of the plan's procedures alone, without the surrounding code fence.
   *
   * @param plan the plan
   * @return the Mermaid source
   */
  public static String mermaid(RollbackPlan plan) {
    return MarkdownRunbook.mermaid(plan);
  }
}
