package dev.rollback.docker.internal;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Compose's variable interpolation: {@code $$}, {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}},
 * {@code ${VAR-default}}, {@code ${VAR:?message}}, {@code ${VAR?message}}, {@code ${VAR:+other}},
 * {@code ${VAR+other}}; defaults may themselves hold interpolations.
 */
public final class Interpolator {

  /** A value that cannot be interpolated: a malformed expression or a required variable that is unset. */
  public static final class InterpolationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InterpolationException(String message) {
      super(message);
    }
  }

  private final Map<String, String> variables;

  /**
   * Creates an interpolator.
   *
   * @param variables the variables
   */
  public Interpolator(Map<String, String> variables) {
    this.variables = variables;
  }

  /**
   * Interpolates a value.
   *
   * @param value the text
   * @param warnings receives a warning per unset variable used without a default
   * @return the text with every expression replaced
   * @throws InterpolationException if an expression is malformed or a required variable is unset
   */
  public String interpolate(String value, Consumer<String> warnings) {
    if (value.indexOf('$') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 >= value.length()) {
        throw new InterpolationException("invalid interpolation format in \"" + value
            + "\": a lone $ at the end; write $$ for a literal $");
      }
      char next = value.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (next == '{') {
        int end = closingBrace(value, i + 2);
        if (end < 0) {
          throw new InterpolationException("invalid interpolation format in \"" + value + "\": ${ without a closing }");
        }
        out.append(expression(value, value.substring(i + 2, end), warnings));
        i = end + 1;
      } else if (isNameStart(next)) {
        int j = i + 1;
        while (j < value.length() && isNamePart(value.charAt(j))) {
          j++;
        }
        out.append(lookup(value.substring(i + 1, j), warnings));
        i = j;
      } else {
        throw new InterpolationException("invalid interpolation format in \"" + value + "\": \"$" + next
            + "\" is not a variable; write $$ for a literal $");
      }
    }
    return out.toString();
  }

  private String expression(String whole, String expr, Consumer<String> warnings) {
    int j = 0;
    while (j < expr.length() && (j == 0 ? isNameStart(expr.charAt(j)) : isNamePart(expr.charAt(j)))) {
      j++;
    }
    String name = expr.substring(0, j);
    if (name.isEmpty()) {
      throw new InterpolationException("invalid interpolation format in \"" + whole + "\": \"${" + expr
          + "}\" names no variable");
    }
    if (j == expr.length()) {
      return lookup(name, warnings);
    }
    String op = expr.substring(j);
    boolean colon = op.startsWith(":");
    String rest = colon ? op.substring(1) : op;
    if (rest.isEmpty()) {
      throw new InterpolationException("invalid interpolation format in \"" + whole + "\": \"${" + expr + "}\"");
    }
    char kind = rest.charAt(0);
    String arg = rest.substring(1);
    String v = variables.get(name);
    boolean unset = v == null || (colon && v.isEmpty());
    switch (kind) {
      case '-':
        return unset ? interpolate(arg, warnings) : v;
      case '?':
        if (unset) {
          String reason = interpolate(arg, warnings);
          throw new InterpolationException("required variable " + name + " is " + (v == null ? "unset" : "empty")
              + (reason.isEmpty() ? "" : ": " + reason));
        }
        return v;
      case '+':
        return unset ? "" : interpolate(arg, warnings);
      default:
        throw new InterpolationException("invalid interpolation format in \"" + whole + "\": \"${" + expr
            + "}\"; use ${" + name + ":-default}, ${" + name + "-default}, ${" + name + ":?message} or ${" + name
            + ":+other}");
    }
  }

  private String lookup(String name, Consumer<String> warnings) {
    String v = variables.get(name);
    if (v == null) {
      warnings.accept("variable " + name + " is not set; using an empty string");
      return "";
    }
    return v;
  }

  private static int closingBrace(String s, int from) {
    int depth = 1;
    for (int k = from; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '$' && k + 1 < s.length() && s.charAt(k + 1) == '$') {
        k++;
      } else if (c == '$' && k + 1 < s.length() && s.charAt(k + 1) == '{') {
        depth++;
        k++;
      } else if (c == '}') {
        depth--;
        if (depth == 0) {
          return k;
        }
      }
    }
    return -1;
  }

  private static boolean isNameStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }
}
