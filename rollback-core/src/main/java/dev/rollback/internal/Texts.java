package dev.rollback.internal;

import java.time.Duration;

/** Text helpers shared by checking, rendering and reporting. */
public final class Texts {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Texts() {}

  /**
   * The text with control characters (see {@link #isControl}) shown as escapes ({@code \u005cu001b}), line feeds
   * included, so that a message never carries raw control bytes.
   *
   * @param s the text
   * @return the printable text
   */
  public static String printable(String s) {
    return escape(s, false);
  }

  /**
   * The text as it may reach a terminal: control characters (see {@link #isControl}) shown as escapes
   * ({@code \u005cu001b}), except line feeds and tabs, which keep lines and columns. Text from outside (commit messages,
   * command output, GitHub) goes through this before it is printed, so that it cannot move the cursor, clear the
   * screen, change the window's title or ring the bell.
   *
   * @param s the text
   * @return the text, safe to print
   */
  public static String terminalSafe(String s) {
    return escape(s, true);
  }

  private static String escape(String s, boolean keepLines) {
    int i = 0;
    while (i < s.length() && !(isControl(s.charAt(i)) && !(keepLines && isLineOrTab(s.charAt(i))))) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isControl(c) && !(keepLines && isLineOrTab(c))) {
        b.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
            .append(HEX[c & 0xf]);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean isLineOrTab(char c) {
    return c == '\n' || c == '\t';
  }

  /**
   * Whether a character controls a terminal or the direction of text rather than showing something: ASCII controls
   * (below U+0020, and DEL), the C1 controls (U+0080 to U+009F, such as the one-byte CSI), and the Unicode marks
   * that reorder text (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069).
   *
   * @param c the character
   * @return {@code true} when it is a control character
   */
  public static boolean isControl(char c) {
    if (c < 0x7f) {
      return c < 0x20;
    }
    return c <= 0x9f || c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
  }

  /**
   * Whether the text holds a control character other than a line feed or a tab (see {@link #isControl}).
   *
   * @param s the text
   * @return {@code true} when it does
   */
  public static boolean hasControlBesidesLines(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isControl(c) && !isLineOrTab(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A measured span of time as people read it: {@code 1 hour 15 minutes 21 seconds}, {@code 21.2 seconds},
   * {@code 450 milliseconds}. Unlike {@link #duration}, which shows a plan's values exactly ({@code 90 minutes}), it
   * splits into units and rounds: to the second from a minute up, to a tenth of a second below.
   *
   * @param d the span
   * @return the span in words
   */
  public static String span(Duration d) {
    if (d.isNegative()) {
      return "-" + span(d.negated());
    }
    long millis = d.toMillis();
    if (millis < 1000) {
      return d.isZero() ? "0 seconds" : d.getNano() % 1_000_000 == 0 ? count(millis, "millisecond") : duration(d);
    }
    if (millis < 60_000) {
      long tenths = Math.round(millis / 100.0);
      return tenths % 10 == 0 ? count(tenths / 10, "second") : tenths / 10 + "." + tenths % 10 + " seconds";
    }
    long s = Math.round(millis / 1000.0);
    long[] sizes = {86400L, 3600L, 60L, 1L};
    String[] names = {"day", "hour", "minute", "second"};
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < sizes.length; i++) {
      long n = s / sizes[i];
      s %= sizes[i];
      if (n > 0) {
        b.append(b.length() == 0 ? "" : " ").append(count(n, names[i]));
      }
    }
    return b.toString();
  }

  /**
   * A duration as people say it: {@code 1 hour}, {@code 24 hours}, {@code 1 week}, {@code 90 minutes},
   * {@code 1500 milliseconds}: the largest unit that divides it evenly. One day reads {@code 24 hours}, as
   * runbooks say it. A minute or more with a fraction of a second reads in parts, still exactly:
   * {@code 1 hour 15 minutes 21.2 seconds}, never {@code 4521200 milliseconds}.
   *
   * @param d the duration
   * @return the duration in words
   */
  public static String duration(Duration d) {
    if (d.isNegative()) {
      return "-" + duration(d.negated());
    }
    long s = d.getSeconds();
    int nanos = d.getNano();
    if (nanos != 0 && s >= 60) {
      return exactParts(s, nanos);
    }
    if (nanos != 0) {
      if (nanos % 1_000_000 == 0 && s < Long.MAX_VALUE / 1000) {
        return count(s * 1000 + nanos / 1_000_000, "millisecond");
      }
      if (nanos % 1000 == 0 && s < Long.MAX_VALUE / 1_000_000) {
        return count(s * 1_000_000 + nanos / 1000, "microsecond");
      }
      if (s < Long.MAX_VALUE / 1_000_000_000) {
        return count(s * 1_000_000_000 + nanos, "nanosecond");
      }
      return d.toString();
    }
    if (s == 0) {
      return "0 seconds";
    }
    if (s == 86400L) {
      return "24 hours";
    }
    long[] sizes = {7 * 86400L, 86400L, 3600L, 60L, 1L};
    String[] names = {"week", "day", "hour", "minute", "second"};
    for (int i = 0; i < sizes.length; i++) {
      if (s % sizes[i] == 0) {
        return count(s / sizes[i], names[i]);
      }
    }
    throw new AssertionError("unreachable: every whole number of seconds divides by one second");
  }

  /**
   * A duration of a minute or more with a fraction of a second, exactly, in the units people read: {@code 1 hour
   * 15 minutes 21.2 seconds} rather than {@code 4521200 milliseconds}.
   */
  private static String exactParts(long seconds, int nanos) {
    long[] sizes = {86400L, 3600L, 60L};
    String[] names = {"day", "hour", "minute"};
    StringBuilder b = new StringBuilder();
    long s = seconds;
    for (int i = 0; i < sizes.length; i++) {
      long n = s / sizes[i];
      s %= sizes[i];
      if (n > 0) {
        b.append(b.length() == 0 ? "" : " ").append(count(n, names[i]));
      }
    }
    String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
    return b.append(' ').append(s).append('.').append(fraction).append(" seconds").toString();
  }

  /**
   * Whether the text holds an ASCII control character (below U+0020, or DEL), the ones Git refuses in ref names.
   *
   * @param s the text
   * @return {@code true} when it does
   */
  public static boolean hasAsciiControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the text holds a control character (see {@link #isControl}).
   *
   * @param s the text
   * @return {@code true} when it does
   */
  public static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (isControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static String count(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
