package dev.rollback;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with {@code {{name}}} placeholders filled from the run's outputs when the step runs, for example
 * {@code rollback-p3-007-{{run.date}}}. Built-in outputs are listed in {@link Rollback#BUILT_IN_OUTPUTS}.
 *
 * @param text the template text
 */
public record Template(String text) implements Arg {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_.-]*)\\s*}}");

  /**
   * Creates a template.
   *
   * @param text the template text
   * @throws NullPointerException if {@code text} is null
   */
  public Template {
    Objects.requireNonNull(text, "text");
  }

  @Override
  public String type() {
    return "template";
  }

  @Override
  public List<String> problems() {
    int found = placeholderCount(text);
    if (count(text, "{{") != found || count(text, "}}") != found) {
      return List.of("template '" + text + "' has an unclosed or malformed {{placeholder}}");
    }
    return List.of();
  }

  @Override
  public Set<String> references() {
    return placeholders(text);
  }

  /**
   * Fills the placeholders.
   *
   * @param values output values by name; a missing name is an error
   * @return the filled text
   * @throws IllegalArgumentException if a placeholder has no value
   */
  public String fill(java.util.function.Function<String, Object> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object v = values.apply(m.group(1));
      if (v == null) {
        throw new IllegalArgumentException("template '" + text + "': no value for {{" + m.group(1) + "}}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(v)));
    }
    m.appendTail(out);
    return out.toString();
  }

  @Override
  public String toString() {
    return text;
  }

  static Set<String> placeholders(String text) {
    if (!text.contains("{{")) {
      return Set.of();
    }
    Matcher m = PLACEHOLDER.matcher(text);
    Set<String> names = new LinkedHashSet<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return Collections.unmodifiableSet(names);
  }

  /** The text with each placeholder replaced by a harmless sample value, to validate its shape. */
  static String sample(String text) {
    if (!text.contains("{{")) {
      return text;
    }
    return PLACEHOLDER.matcher(text).replaceAll("x");
  }

  private static int placeholderCount(String text) {
    if (!text.contains("{{")) {
      return 0;
    }
    Matcher m = PLACEHOLDER.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static int count(String text, String token) {
    int n = 0;
    for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + token.length())) {
      n++;
    }
    return n;
  }
}
