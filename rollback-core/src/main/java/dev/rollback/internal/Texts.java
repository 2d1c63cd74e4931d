package dev.rollback.internal;

import java.time.Duration;

/** Text helpers shared by checking, rendering and reporting. */
public final class Texts {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Texts() {}

  /**
   * The text with control characters shown as escapes, so that a message never carries raw control bytes.
   *
   * @param s the text
   * @return the printable text
   */
  public static String printable(String s) {
    if (!hasControl(s)) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
            .append(HEX[c & 0xf]);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A duration as people say it: {@code 1 hour}, {@code 24 hours}, {@code 1 week}, {@code 90 minutes},
   * {@code 1500 milliseconds}: the largest unit that divides it evenly. One day reads {@code 24 hours}, as
   * runbooks say it.
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
   * Whether the text holds an ASCII control character (below U+0020, or DEL).
   *
   * @param s the text
   * @return {@code true} when it does
   */
  public static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  private static String count(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
