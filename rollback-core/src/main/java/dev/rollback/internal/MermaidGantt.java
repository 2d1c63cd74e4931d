package dev.rollback.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a Mermaid gantt chart of what happened when: sections, tasks with a start and an end, milestones, each
 * marked done, active (a wait) or critical (a failure). The incident report draws its run with it; other reports
 * (bisection, fleet) can draw theirs the same way.
 *
 * <pre>{@code
 * String chart = MermaidGantt.titled("P3-007: SUCCEEDED (UTC)")
 *     .section("Run")
 *     .task("Assess and decide", t0, t1, Mark.DONE)
 *     .task("Waiting for approval", t1, t2, Mark.ACTIVE)
 *     .milestone("Deadline", deadline, Mark.CRIT)
 *     .render();
 * }</pre>
 *
 * <p>What it writes holds to the rules that keep Mermaid from drawing a broken chart without a word: every text
 * through {@link MermaidText#ganttText}; ids {@code t1}, {@code t2}, ... (never from names); absolute start and end
 * times in UTC with milliseconds (no {@code after}, no durations); an end never before its start; milestones with a
 * {@code 0ms} duration, so they sit at their instant; {@code todayMarker off}, so the chart does not depend on the
 * day it is drawn. Times are UTC wall-clock times and the axis shows them as such wherever the chart is drawn; say
 * so in the title.
 *
 * <p>A task too short to see is drawn {@value #MIN_WIDTH_DIVISOR} times narrower than the whole chart rather than
 * thinner (its label should carry its real duration); its start stays where it was. Names longer than
 * {@value #MAX_NAME} characters (a title twice that) are cut. Deterministic: no clock, no locale, no time zone.
 */
public final class MermaidGantt {

  /** How a task or milestone is drawn. */
  public enum Mark {
    /** Finished work: grey. */
    DONE,
    /** A wait, or work still open: light, with a border. */
    ACTIVE,
    /** A failure or a missed deadline: red. */
    CRIT
  }

  /** The longest name drawn, in characters; longer ones are cut and end with an ellipsis. */
  public static final int MAX_NAME = 80;

  /** A task is drawn at least this many times narrower than the chart's whole span. */
  public static final int MIN_WIDTH_DIVISOR = 200;

  /** How times are written: {@link #DATE_FORMAT} in Mermaid's (dayjs) tokens. */
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS",
      Locale.ROOT).withZone(ZoneOffset.UTC);

  /** The {@code dateFormat} line's pattern, matching {@link #TIME}. */
  static final String DATE_FORMAT = "YYYY-MM-DDTHH:mm:ss.SSS";

  private final String title;
  private final List<Object> lines = new ArrayList<>();
  private int tasks;
  private Instant first;
  private Instant last;

  private MermaidGantt(String title) {
    this.title = title;
  }

  /**
   * Starts a chart.
   *
   * @param title its title
   * @return the chart, empty
   * @throws NullPointerException if {@code title} is null
   */
  public static MermaidGantt titled(String title) {
    return new MermaidGantt(Objects.requireNonNull(title, "title"));
  }

  /**
   * Starts a section: the tasks added next are drawn in it, on a band of their own colour. A section that gets no
   * task is left out.
   *
   * @param name its name, shown at the left of its band (keep it short: a long one runs over the bars)
   * @return this chart
   * @throws NullPointerException if {@code name} is null
   */
  public MermaidGantt section(String name) {
    lines.add(new Section(Objects.requireNonNull(name, "name")));
    return this;
  }

  /**
   * Adds a task, a bar from its start to its end.
   *
   * @param name what it is
   * @param start when it started
   * @param end when it ended; an end before the start is taken as the start (clocks can disagree across a
   *     resumed run's machines, and a report must still draw)
   * @param marks how it is drawn; none is an ordinary bar
   * @return this chart
   * @throws NullPointerException if an argument is null
   */
  public MermaidGantt task(String name, Instant start, Instant end, Mark... marks) {
    Objects.requireNonNull(end, "end");
    return add(new Task(Objects.requireNonNull(name, "name"), Objects.requireNonNull(start, "start"),
        end.isBefore(start) ? start : end, false, marks(marks)));
  }

  /**
   * Adds a milestone, a diamond at one instant.
   *
   * @param name what it marks
   * @param at when
   * @param marks how it is drawn
   * @return this chart
   * @throws NullPointerException if an argument is null
   */
  public MermaidGantt milestone(String name, Instant at, Mark... marks) {
    Objects.requireNonNull(at, "at");
    return add(new Task(Objects.requireNonNull(name, "name"), at, at, true, marks(marks)));
  }

  private MermaidGantt add(Task t) {
    lines.add(t);
    tasks++;
    first = first == null || t.start.isBefore(first) ? t.start : first;
    last = last == null || t.end.isAfter(last) ? t.end : last;
    return this;
  }

  private static Set<Mark> marks(Mark... marks) {
    Set<Mark> set = EnumSet.noneOf(Mark.class);
    for (Mark m : Objects.requireNonNull(marks, "marks")) {
      set.add(Objects.requireNonNull(m, "mark"));
    }
    return set;
  }

  /**
   * Whether a task or milestone was added.
   *
   * @return {@code true} when the chart has something to draw
   */
  public boolean hasTasks() {
    return tasks > 0;
  }

  /**
   * The earliest instant added.
   *
   * @return the earliest start, when a task or milestone was added
   */
  public Optional<Instant> first() {
    return Optional.ofNullable(first);
  }

  /**
   * The latest instant added.
   *
   * @return the latest end, when a task or milestone was added
   */
  public Optional<Instant> last() {
    return Optional.ofNullable(last);
  }

  /**
   * The chart's Mermaid source, for a {@code ```mermaid} block.
   *
   * @return the source, starting with {@code gantt} and ending with a newline
   */
  public String render() {
    long span = first == null ? 0 : Duration.between(first, last).toMillis();
    long minWidth = Math.max(1, span / MIN_WIDTH_DIVISOR);
    StringBuilder b = new StringBuilder(256 + 96 * tasks);
    b.append("gantt\n");
    b.append("  title ").append(text(title, 2 * MAX_NAME)).append('\n');
    b.append("  dateFormat ").append(DATE_FORMAT).append('\n');
    b.append("  axisFormat ").append(axisFormat(span)).append('\n');
    b.append("  todayMarker off\n");
    int id = 0;
    for (int i = 0; i < lines.size(); i++) {
      Object line = lines.get(i);
      if (line instanceof Section) {
        if (i + 1 < lines.size() && lines.get(i + 1) instanceof Task) {
          b.append("  section ").append(text(((Section) line).name, MAX_NAME)).append('\n');
        }
        continue;
      }
      Task t = (Task) line;
      id++;
      long start = t.start.toEpochMilli();
      long end = t.milestone ? start : Math.max(t.end.toEpochMilli(), start + minWidth);
      b.append("    ").append(text(t.name, MAX_NAME)).append(':');
      for (Mark m : List.of(Mark.CRIT, Mark.ACTIVE, Mark.DONE)) {
        if (t.marks.contains(m)) {
          b.append(m.name().toLowerCase(Locale.ROOT)).append(", ");
        }
      }
      if (t.milestone) {
        b.append("milestone, ");
      }
      b.append('t').append(id).append(", ").append(TIME.format(Instant.ofEpochMilli(start))).append(", ");
      b.append(t.milestone ? "0ms" : TIME.format(Instant.ofEpochMilli(end))).append('\n');
    }
    return b.toString();
  }

  /** The axis's labels: milliseconds for a chart of seconds, the day for one of days. */
  private static String axisFormat(long spanMillis) {
    if (spanMillis < 10_000) {
      return "%H:%M:%S.%L";
    }
    if (spanMillis <= 86_400_000L) {
      return "%H:%M:%S";
    }
    return "%Y-%m-%d %H:%M";
  }

  /** A text as the chart holds it: on one line, at most {@code max} characters, escaped. */
  private static String text(String raw, int max) {
    String plain = MermaidText.ganttPlain(raw);
    if (plain.codePointCount(0, plain.length()) > max) {
      plain = plain.substring(0, plain.offsetByCodePoints(0, max - 1)) + "…";
    }
    return MermaidText.ganttText(plain);
  }

  /** A section's start. */
  private static final class Section {
    final String name;

    Section(String name) {
      this.name = name;
    }
  }

  /** A task or milestone. */
  private static final class Task {
    final String name;
    final Instant start;
    final Instant end;
    final boolean milestone;
    final Set<Mark> marks;

    Task(String name, Instant start, Instant end, boolean milestone, Set<Mark> marks) {
      this.name = name;
      this.start = start;
      this.end = end;
      this.milestone = milestone;
      this.marks = marks;
    }
  }
}
