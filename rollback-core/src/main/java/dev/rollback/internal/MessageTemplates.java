package dev.rollback.internal;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Compiles the communication plan's Mustache templates. */
public final class MessageTemplates {

  /** The values every run gives the templates, by name; see {@link dev.rollback.MessageTemplate}. */
  public static final Set<String> RUN_DATA = Set.of("runId", "plan", "planHash", "status", "summary", "severity",
      "reason", "procedure", "emergency", "deadline", "metrics", "timeline", "steps", "recovery", "alert");

  /** The instants of {@code timeline}. */
  public static final Set<String> TIMELINE = Set.of("detected", "started", "completed");

  /** The fields of {@code alert}. */
  public static final Set<String> ALERT = Set.of("rule", "action", "explanation", "at");

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
   * The names a template looks up outside any section, and the names of its sections, in order of first use.
   * Names inside a section are left out: they may be the fields of the section's items ({@code {{#steps}}{{name}}
   * {{/steps}}}), which no check before the run can know.
   *
   * @param template the template text, which compiles
   * @return the names, each once
   * @throws com.samskivert.mustache.MustacheException if the template does not compile
   */
  public static List<String> topLevelNames(String template) {
    List<String> plain = plainNames(template);
    return plain != null ? plain : compiledNames(template);
  }

  /** {@link #topLevelNames} by the compiler, whatever the template's tags. */
  static List<String> compiledNames(String template) {
    Set<String> names = new LinkedHashSet<>();
    COMPILER.compile(template).visit(new Mustache.Visitor() {
      @Override
      public void visitText(String text) {}

      @Override
      public void visitVariable(String name) {
        names.add(name);
      }

      @Override
      public boolean visitInclude(String name) {
        return false;
      }

      @Override
      public boolean visitSection(String name) {
        names.add(name);
        return false;
      }

      @Override
      public boolean visitInvertedSection(String name) {
        names.add(name);
        return false;
      }
    });
    return new ArrayList<>(names);
  }

  /**
   * Why a name a template uses outside any section is filled by no run of the plan, or null when a run fills it.
   *
   * @param name the name, such as {@code reason} or {@code metrics.test_execution_time}
   * @param event when the message is sent
   * @param outputs every output the plan binds
   * @param signals the names of the signals measured at assessment
   * @param values the message values the plan declares
   * @return the reason, to follow the placeholder in a sentence, or null
   */
  public static String unknownName(String name, dev.rollback.NotificationEvent event, Set<String> outputs,
      Set<String> signals, Set<String> values) {
    if (name.equals(".") || name.equals("this") || dev.rollback.Rollback.BUILT_IN_OUTPUTS.contains(name)
        || outputs.contains(name) || values.contains(name)) {
      return null;
    }
    for (int i = name.indexOf('.'); i > 0; i = name.indexOf('.', i + 1)) {
      String head = name.substring(0, i);
      if (outputs.contains(head) || values.contains(head)) {
        return null;
      }
    }
    int dot = name.indexOf('.');
    String root = dot < 0 ? name : name.substring(0, dot);
    String rest = dot < 0 ? "" : name.substring(dot + 1);
    if (root.equals("metrics")) {
      return rest.isEmpty() || signals.contains(rest) ? null : "names no signal the assessment or the decision"
          + " measures" + (signals.isEmpty() ? "" : "; they are " + String.join(", ", new java.util.TreeSet<>(signals)));
    }
    if (root.equals("timeline")) {
      return rest.isEmpty() || TIMELINE.contains(rest) ? null : "names no instant of the timeline; they are "
          + "detected, started, completed";
    }
    if (root.equals("alert")) {
      if (event != dev.rollback.NotificationEvent.ALERT) {
        return "is filled only in messages sent on alert";
      }
      return rest.isEmpty() || ALERT.contains(rest) ? null : "names no field of an alert; they are action,"
          + " at, explanation, rule";
    }
    if (root.equals("recovery") && rest.isEmpty()) {
      return event == dev.rollback.NotificationEvent.RECOVERY_COMPLETED
          || event == dev.rollback.NotificationEvent.RECOVERY_FAILED ? null
          : "is filled only in messages sent when a recovery ends";
    }
    if (RUN_DATA.contains(root) && rest.isEmpty()) {
      return null;
    }
    return "is filled by no run of this plan: it is not a value every run gives (" + String.join(", ",
        new java.util.TreeSet<>(RUN_DATA)) + ", metrics.<signal>, timeline.<instant>), a built-in output, an output"
        + " the plan binds, or a message value the plan declares; declare it with .messageValue(\"" + name
        + "\", <default>)";
  }

  /**
   * A message value as people read it in the runbook: text as it is, a list as its items joined with commas
   * ({@code none} when empty), anything else as its text.
   *
   * @param value the value
   * @return the text
   */
  public static String show(Object value) {
    if (value instanceof List) {
      List<?> l = (List<?>) value;
      return l.isEmpty() ? "none" : l.stream().map(MessageTemplates::show)
          .collect(java.util.stream.Collectors.joining(", "));
    }
    return String.valueOf(value);
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
    return plainNames(t) != null;
  }

  /**
   * The names a plainly valid template uses outside any section, and its top-level sections' names, in order of
   * first use, found by the quick scan of {@link #plainlyValid}; {@code null} when the template is not plain, and
   * only the compiler can tell.
   */
  private static List<String> plainNames(String t) {
    Deque<String> sections = new ArrayDeque<>();
    Set<String> names = new LinkedHashSet<>();
    int open = t.indexOf("{{");
    while (open >= 0) {
      int end;
      if (t.startsWith("{{{", open)) {
        end = t.indexOf("}}}", open + 3);
        if (end < 0 || !isName(t, open + 3, end)) {
          return null;
        }
        if (sections.isEmpty()) {
          names.add(t.substring(open + 3, end));
        }
        end += 3;
      } else {
        end = t.indexOf("}}", open + 2);
        if (end < 0 || end == open + 2) {
          return null;
        }
        char sigil = t.charAt(open + 2);
        if (sigil == '!') {
          end += 2;
        } else if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '&') {
          if (!isName(t, open + 3, end)) {
            return null;
          }
          String name = t.substring(open + 3, end);
          if (sigil == '/' && (sections.isEmpty() || !sections.pop().equals(name))) {
            return null;
          } else if (sigil == '#' || sigil == '^' || sigil == '&') {
            if (sections.isEmpty()) {
              names.add(name);
            }
            if (sigil != '&') {
              sections.push(name);
            }
          }
          end += 2;
        } else if (isName(t, open + 2, end)) {
          if (sections.isEmpty()) {
            names.add(t.substring(open + 2, end));
          }
          end += 2;
        } else {
          return null;
        }
      }
      open = t.indexOf("{{", end);
    }
    return sections.isEmpty() ? new ArrayList<>(names) : null;
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
