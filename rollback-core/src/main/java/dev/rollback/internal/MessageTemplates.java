package dev.rollback.internal;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import java.util.List;

/** Compiles the communication plan's Mustache templates. */
public final class MessageTemplates {

  private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(false).defaultValue("");

  private MessageTemplates() {}

  /**
   * What is wrong with a template's syntax.
   *
   * @param template the template text
   * @return problems, empty when it compiles
   */
  public static List<String> problems(String template) {
    try {
      COMPILER.compile(template);
      return List.of();
    } catch (MustacheException e) {
      return List.of("template does not compile: " + e.getMessage());
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
}
