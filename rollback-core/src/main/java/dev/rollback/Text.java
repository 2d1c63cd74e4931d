package dev.rollback;

import java.util.Objects;

/**
 * Free text a step takes, such as a commit message or an issue's body: text known when the plan is written, a
 * {@link Template} filled from the run's outputs when the step runs, or a {@link Ref} to an earlier output that holds
 * the text. Factories take it typed and offer a {@code String} form beside it:
 *
 * <pre>{@code
 * GitSteps.commit("Apply the fixes")                          // text
 * GitSteps.commit(template("Apply fixes for {{culprit}}"))     // filled when the step runs
 * }</pre>
 *
 * <p>In a plan's parameters it is written as what it is: the text as text, a {@code Template} or a {@code Ref} as that
 * argument.
 */
public sealed interface Text permits Text.Literal, Template, Ref {

  /**
   * The text as written: the literal text, the template's text, {@code ${name}} for a reference.
   *
   * @return the text
   */
  String text();

  /**
   * Text known when the plan is written.
   *
   * @param text the text
   * @return the value
   * @throws NullPointerException if {@code text} is null
   */
  static Text of(String text) {
    return new Literal(text);
  }

  /**
   * Text known when the plan is written; make it with {@link Text#of(String)}.
   *
   * @param text the text
   */
  record Literal(String text) implements Text {

    /**
     * Creates the value.
     *
     * @param text the text
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
