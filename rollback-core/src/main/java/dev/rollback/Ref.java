package dev.rollback;

import dev.rollback.internal.Names;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A reference to a named output bound by an earlier step or check ({@code .as("culprit")}), resolved by the
 * executor when the step runs. Create it with {@link Rollback#ref(String)}.
 *
 * @param name the output's name
 */
public record Ref(String name) implements Arg, Revision, Text, Branch {

  /**
   * Creates a reference.
   *
   * @param name the output's name
   * @throws NullPointerException if {@code name} is null
   */
  public Ref {
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String type() {
    return "ref";
  }

  @Override
  public String text() {
    return "${" + name + "}";
  }

  @Override
  public List<String> problems() {
    return Names.outputNameProblems(name);
  }

  @Override
  public Set<String> references() {
    return Set.of(name);
  }

  @Override
  public String toString() {
    return text();
  }
}
