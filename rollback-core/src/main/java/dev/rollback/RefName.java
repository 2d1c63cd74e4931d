package dev.rollback;

import dev.rollback.internal.Names;
import java.util.List;
import java.util.Objects;

/**
 * A Git branch or tag name, validated as {@code git check-ref-format} does: no {@code ..}, no leading {@code -},
 * no control characters, no {@code ~ ^ : ? * [ \}, no <code>@&#123;</code>, no trailing {@code .lock}, and so on. May be a
 * {@link Template}-style text with {@code {{output}}} placeholders, validated with the placeholders filled in.
 *
 * @param name the short name ({@code rollback-p3-007}) or full name ({@code refs/heads/main})
 */
public record RefName(String name) implements Arg, Branch {

  /**
   * Creates a ref name.
   *
   * @param name the name
   * @throws NullPointerException if {@code name} is null
   */
  public RefName {
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String type() {
    return "refName";
  }

  @Override
  public String text() {
    return name;
  }

  @Override
  public List<String> problems() {
    return Names.refNameProblems(Template.sample(name));
  }

  @Override
  public java.util.Set<String> references() {
    return Template.placeholders(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
