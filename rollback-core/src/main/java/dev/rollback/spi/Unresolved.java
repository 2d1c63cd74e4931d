package dev.rollback.spi;

import java.util.Objects;

/**
 * In a preview, the value of a parameter that refers to an output of a step that has not run.
 *
 * @param ref the output's name
 */
public record Unresolved(String ref) {

  /**
   * Creates the placeholder.
   *
   * @param ref the output's name
   * @throws NullPointerException if {@code ref} is null
   */
  public Unresolved {
    Objects.requireNonNull(ref, "ref");
  }

  @Override
  public String toString() {
    return "${" + ref + "} (known at run time)";
  }
}
