package dev.rollback.internal;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Compiles the communication plan's Mustache templates. */
public final class MessageTemplates {

  private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(false).defaultValue("");

  private MessageTemplates() {}

  /**
   * What is wrong with a template's syntax. A template made only of plain tags ({@code {{name}}},
   * {@code {{{name}}}}, {@code {{&name}}}, comments, and balanced {@code {{#name}}}, {@code {{^name}}} ...
   * {@code {{/name}}} sections) is known to compile without compiling it; any other is compiled.
   *
   * @param template the template text
   * @return problems, empty when it compiles
   */
  public static List<String> problems(String template) {
    if (plainlyValid(template)) {
      return List.of();
    }
    try {
      COMPILER.compile(template);
      return List.of();
    } catch (MustacheException e) {
      return List.of("template does not compile: " + e.getMessage());
    } catch (RuntimeException e) {
      // jmustache 1.16 fails with StringIndexOutOfBoundsException on an empty tag ("{{}}").
      return List.of("template does not compile: the Mustache parser fails on it (" + e + ")");
    }
  }

  /**
   * The shared compiler: no HTML escaping (messages are Markdown), missing values render empty.
   *
   * @return the compiler
   */
  public static Mustache.Compiler compiler() {
    return COMPILER;
  }

  /**
   * Whether the template holds only tags whose validity is plain: a quick scan that answers {@code false}, and
   * leaves the verdict to the compiler, for anything else (delimiter changes, partials, spaces in tags).
   */
  static boolean plainlyValid(String t) {
    Deque<String> sections = new ArrayDeque<>();
    int open = t.indexOf("{{");
    while (open >= 0) {
      int end;
      if (t.startsWith("{{{", open)) {
        end = t.indexOf("}}}", open + 3);
        if (end < 0 || !isName(t, open + 3, end)) {
          return false;
        }
        end += 3;
      } else {
        end = t.indexOf("}}", open + 2);
        if (end < 0 || end == open + 2) {
          return false;
        }
        char sigil = t.charAt(open + 2);
        if (sigil == '!') {
          end += 2;
        } else if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '&') {
          if (!isName(t, open + 3, end)) {
            return false;
          }
          String name = t.substring(open + 3, end);
          if (sigil == '/' && (sections.isEmpty() || !sections.pop().equals(name))) {
            return false;
          } else if (sigil == '#' || sigil == '^') {
            sections.push(name);
          }
          end += 2;
        } else if (isName(t, open + 2, end)) {
          end += 2;
        } else {
          return false;
        }
      }
      open = t.indexOf("{{", end);
    }
    return sections.isEmpty();
  }

  private static boolean isName(String t, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
          || c == '-')) {
        return false;
      }
    }
    return true;
  }
}
