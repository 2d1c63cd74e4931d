package dev.rollback.internal;

/**
 * Where something stands in a plan, such as {@code procedures[gradual].phases[stop].steps[revert].params}: a chain
 * of segments built as {@link PlanWalker} walks the plan, and rendered as text only when it is shown (a problem
 * {@link PlanChecker} reports there). Most of a valid plan's paths are never shown, so none of them is ever turned
 * into text.
 */
public final class PlanPath {

  private final PlanPath parent;
  private final String segment;
  private final boolean named;

  private PlanPath(PlanPath parent, String segment, boolean named) {
    this.parent = parent;
    this.segment = segment;
    this.named = named;
  }

  /**
   * The path of a top-level part of the plan.
   *
   * @param text the path's text, such as {@code procedures} or {@code monitoring.interval}
   * @return the path
   */
  public static PlanPath of(String text) {
    return new PlanPath(null, text, false);
  }

  /**
   * A field below this path: {@code path.field}.
   *
   * @param field the field's name, such as {@code params}
   * @return the path
   */
  public PlanPath field(String field) {
    return new PlanPath(this, field, false);
  }

  /**
   * A named element of the list at this path: {@code path[name]}, the name with its control characters escaped.
   *
   * @param name the element's name
   * @return the path
   */
  public PlanPath named(String name) {
    return new PlanPath(this, name, true);
  }

  /**
   * An element of the list at this path: {@code path[index]}.
   *
   * @param index the element's index
   * @return the path
   */
  public PlanPath element(int index) {
    return new PlanPath(this, Integer.toString(index), true);
  }

  /**
   * The path as text.
   *
   * @return the text, such as {@code procedures[gradual].phases[stop]}
   */
  @Override
  public String toString() {
    return appendTo(new StringBuilder(64)).toString();
  }

  private StringBuilder appendTo(StringBuilder b) {
    if (parent == null) {
      return b.append(segment);
    }
    parent.appendTo(b);
    return named ? b.append('[').append(Texts.printable(segment)).append(']') : b.append('.').append(segment);
  }
}
