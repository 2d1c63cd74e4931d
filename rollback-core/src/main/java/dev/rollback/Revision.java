package dev.rollback;

import java.util.Objects;

/**
 * A commit as Git steps, checks and signals take it: text known when the plan is written (a full or short id, a
 * branch, a tag, an expression such as {@code HEAD~1}), a {@link Ref} to an earlier output that holds one, or a
 * {@link Template} filled from outputs when the step runs. Factories take it typed, so that anything else fails when
 * the plan is compiled, not when it runs:
 *
 * <pre>{@code
 * GitSteps.revert("HEAD~1")                     // text: Revision.of("HEAD~1")
 * GitSteps.revert(ref("culprit"))               // the commit a check identified
 * GitSteps.restore(template("{{culprit}}^"), path("ci.yml"))
 * }</pre>
 *
 * <p>In a plan's parameters a revision is written as what it is, so the plan's data form and hash do not depend on
 * this type: the text as text, a {@code Ref} or a {@code Template} as that argument.
 */
public sealed interface Revision permits Revision.Literal, Ref, Template {

  /**
   * The revision as text: the literal text, {@code ${name}} for a reference, the template's text.
   *
   * @return the text
   */
  String text();

  /**
   * A revision given as text.
   *
   * @param text a full or short id, a branch, a tag or an expression such as {@code HEAD~1}
   * @return the revision
   * @throws NullPointerException if {@code text} is null
   */
  static Revision of(String text) {
    return new Literal(text);
  }

  /**
   * A revision known when the plan is written; make it with {@link Revision#of(String)}.
   *
   * @param text the revision's text
   */
  record Literal(String text) implements Revision {

    /**
     * Creates the revision.
     *
     * @param text the revision's text
     * @throws NullPointerException if {@code text} is null
     */
    public Literal {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
