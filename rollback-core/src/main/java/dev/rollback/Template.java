package dev.rollback;

import dev.rollback.internal.Names;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A text with {@code {{name}}} placeholders filled from the run's outputs when the step runs, for example
 * {@code rollback-p3-007-{{run.date}}}. Built-in outputs are listed in {@link Rollback#BUILT_IN_OUTPUTS}.
 *
 * @param text the template text
 */
public record Template(String text) implements Arg, Revision, Text {

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
    StringBuilder out = new StringBuilder();
    int done = 0;
    for (Placeholder p = Placeholder.next(text, 0); p != null; p = Placeholder.next(text, p.end())) {
      Object v = values.apply(p.name(text));
      if (v == null) {
        throw new IllegalArgumentException("template '" + text + "': no value for {{" + p.name(text) + "}}");
      }
      out.append(text, done, p.start()).append(v);
      done = p.end();
    }
    return out.append(text, done, text.length()).toString();
  }

  @Override
  public String toString() {
    return text;
  }

  static Set<String> placeholders(String text) {
    Placeholder p = Placeholder.next(text, 0);
    if (p == null) {
      return Set.of();
    }
    Set<String> names = new LinkedHashSet<>();
    for (; p != null; p = Placeholder.next(text, p.end())) {
      names.add(p.name(text));
    }
    return Collections.unmodifiableSet(names);
  }

  /** The text with each placeholder replaced by a harmless sample value, to validate its shape. */
  static String sample(String text) {
    Placeholder p = Placeholder.next(text, 0);
    if (p == null) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int done = 0;
    for (; p != null; p = Placeholder.next(text, p.end())) {
      out.append(text, done, p.start()).append('x');
      done = p.end();
    }
    return out.append(text, done, text.length()).toString();
  }

  private static int placeholderCount(String text) {
    int n = 0;
    for (Placeholder p = Placeholder.next(text, 0); p != null; p = Placeholder.next(text, p.end())) {
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

  /**
   * Where one placeholder stands in a text: <code>{{name}}</code>, white space allowed inside the braces, the name
   * an output's name (a letter then letters, digits, {@code _}, {@code .} and {@code -}). Found by a scan rather
   * than a regular expression because {@link RollbackPlan#check()} looks for placeholders in every ref name and
   * template.
   *
   * @param start where its <code>{{</code> starts
   * @param nameStart where its name starts
   * @param nameEnd where its name ends
   * @param end where it ends, after its <code>}}</code>
   */
  private record Placeholder(int start, int nameStart, int nameEnd, int end) {

    /** The first placeholder starting at or after {@code from}, or {@code null} when there is none. */
    static Placeholder next(String text, int from) {
      for (int i = text.indexOf("{{", from); i >= 0; i = text.indexOf("{{", i + 1)) {
        int nameStart = skipSpace(text, i + 2);
        if (nameStart < text.length() && Names.isOutputNameStart(text.charAt(nameStart))) {
          int nameEnd = nameStart + 1;
          while (nameEnd < text.length() && Names.isOutputNamePart(text.charAt(nameEnd))) {
            nameEnd++;
          }
          int close = skipSpace(text, nameEnd);
          if (text.startsWith("}}", close)) {
            return new Placeholder(i, nameStart, nameEnd, close + 2);
          }
        }
      }
      return null;
    }

    String name(String text) {
      return text.substring(nameStart, nameEnd);
    }

    /** Past the white space at {@code i}: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static int skipSpace(String text, int i) {
      while (i < text.length() && isSpace(text.charAt(i))) {
        i++;
      }
      return i;
    }

    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
  }
}
