package dev.rollback;

import java.util.List;
import java.util.Set;

/**
 * A typed argument inside the parameters of a {@link Step}, {@link Check} or {@link Signal}: a reference to an
 * earlier output, a path inside the repository, a Git ref name, a secret, a text template.
 *
 * <p>Arguments are values. They are validated by {@link RollbackPlan#check()}, not when they are created, so
 * that a plan reports every problem at once. Adapter modules may add their own kinds (an image reference, say).
 */
public interface Arg {

  /**
   * The kind of argument, as it appears in the plan's canonical form.
   *
   * @return a short lower-case name such as {@code ref} or {@code path}
   */
  String type();

  /**
   * The argument as text: stable, used for hashing and rendering.
   *
   * @return the canonical text of the argument
   */
  String text();

  /**
   * What is wrong with this argument on its own, each a sentence that names the value.
   *
   * @return problems, empty when the argument is valid
   */
  default List<String> problems() {
    return List.of();
  }

  /**
   * The names of the outputs this argument needs from earlier steps.
   *
   * @return output names, empty when the argument refers to none
   */
  default Set<String> references() {
    return Set.of();
  }
}
