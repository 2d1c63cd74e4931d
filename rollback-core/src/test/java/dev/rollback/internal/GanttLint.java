package dev.rollback.internal;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a gantt chart the way Mermaid's lexer does and fails on every rule whose breaking Mermaid draws without a
 * word, or refuses: a name that holds a {@code :}, {@code #}, {@code ;} or {@code %} of its own, a line that starts
 * with something else than an entity (a keyword, a date, a comment), an id that is not {@code t<n>} or repeats, a
 * time that does not parse strictly, an end before its start, a milestone with a duration, a missing
 * {@code todayMarker off}. Gives back the chart's texts as Mermaid draws them, entities decoded, so a test can
 * compare them with what it named.
 */
public final class GanttLint {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");
  /** A text: entities and characters that mean nothing to the lexer, starting with an entity. */
  private static final Pattern TEXT = Pattern.compile(
      "#\\d+;(?:#\\d+;|[^:#;%\"<>&{}`\\\\\\p{Cntrl}\\u2028\\u2029])*");
  private static final Pattern TASK = Pattern.compile("    (" + TEXT.pattern() + "):((?:(?:crit|active|done|"
      + "milestone), )*)(t\\d+), (\\S+), (\\S+)");
  private static final Pattern ENTITY = Pattern.compile("#(\\d+);");

  private GanttLint() {}

  /** A task or milestone as Mermaid draws it. */
  public record Task(String section, String name, Set<String> tags, String id, LocalDateTime start,
      LocalDateTime end) {
    /** @return whether it is a milestone */
    public boolean milestone() {
      return tags.contains("milestone");
    }
  }

  /** The chart as Mermaid draws it. */
  public record Chart(String title, String axisFormat, List<String> sections, List<Task> tasks) {}

  /**
   * Checks a chart.
   *
   * @param source the chart's Mermaid source
   * @return what it draws
   * @throws AssertionError listing every problem found
   */
  public static Chart check(String source) {
    List<String> problems = new ArrayList<>();
    if (!source.endsWith("\n")) {
      problems.add("the source does not end with a line break");
    }
    List<String> lines = source.lines().toList();
    String title = null;
    String axis = null;
    List<String> sections = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    String section = null;
    boolean today = false;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      String where = "line " + (i + 1) + " '" + l + "'";
      if (i == 0) {
        if (!l.equals("gantt")) {
          problems.add(where + ": not 'gantt'");
        }
      } else if (l.startsWith("  title ")) {
        title = text(l.substring(8), where, problems);
      } else if (l.equals("  dateFormat YYYY-MM-DDTHH:mm:ss.SSS")) {
        continue;
      } else if (l.startsWith("  axisFormat ")) {
        axis = l.substring(13);
      } else if (l.equals("  todayMarker off")) {
        today = true;
      } else if (l.startsWith("  section ")) {
        section = text(l.substring(10), where, problems);
        sections.add(section);
        if (i + 1 >= lines.size() || !lines.get(i + 1).startsWith("    ")) {
          problems.add(where + ": a section without a task");
        }
      } else {
        Matcher m = TASK.matcher(l);
        if (!m.matches()) {
          problems.add(where + ": not a task line '<entity-started text>:<tags>, t<n>, <start>, <end>'");
          continue;
        }
        Set<String> tags = new HashSet<>();
        for (String t : m.group(2).split(", ")) {
          if (!t.isEmpty() && !tags.add(t)) {
            problems.add(where + ": tag '" + t + "' twice");
          }
        }
        if (!ids.add(m.group(3))) {
          problems.add(where + ": id " + m.group(3) + " used before");
        }
        if (!m.group(3).equals("t" + (tasks.size() + 1))) {
          problems.add(where + ": id " + m.group(3) + " is not t" + (tasks.size() + 1));
        }
        LocalDateTime start = time(m.group(4), where, problems);
        LocalDateTime end;
        if (tags.contains("milestone")) {
          end = start;
          if (!m.group(5).equals("0ms")) {
            problems.add(where + ": a milestone's duration must be 0ms, so it sits at its instant");
          }
        } else {
          end = time(m.group(5), where, problems);
          if (start != null && end != null && end.isBefore(start)) {
            problems.add(where + ": ends before it starts (Mermaid would reverse the whole axis)");
          }
        }
        tasks.add(new Task(section, decode(m.group(1)), Set.copyOf(tags), m.group(3), start, end));
      }
    }
    if (!today) {
      problems.add("no 'todayMarker off': the chart would depend on the day it is drawn");
    }
    if (axis == null) {
      problems.add("no axisFormat");
    }
    if (!problems.isEmpty()) {
      throw new AssertionError("the gantt chart is not well formed:\n  " + String.join("\n  ", problems)
          + "\n" + source);
    }
    return new Chart(title, axis, List.copyOf(sections), List.copyOf(tasks));
  }

  private static String text(String s, String where, List<String> problems) {
    if (!TEXT.matcher(s).matches()) {
      problems.add(where + ": text '" + s + "' is not an entity followed by plain characters and entities");
    }
    return decode(s);
  }

  private static LocalDateTime time(String s, String where, List<String> problems) {
    try {
      return LocalDateTime.parse(s, TIME);
    } catch (DateTimeParseException e) {
      problems.add(where + ": time '" + s + "' is not YYYY-MM-DDTHH:mm:ss.SSS");
      return null;
    }
  }

  /**
   * A text as Mermaid draws it: its {@code #<code point>;} entities decoded.
   *
   * @param s the text in the chart
   * @return the text drawn
   */
  public static String decode(String s) {
    Matcher m = ENTITY.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(new String(Character.toChars(Integer.parseInt(m.group(1))))));
    }
    m.appendTail(b);
    return b.toString();
  }
}
