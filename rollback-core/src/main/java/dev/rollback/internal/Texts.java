package dev.rollback.internal;

import java.time.Duration;

/** Text helpers shared by checking, rendering and reporting. */
public final class Texts {

  private Texts() {}

  /**
   * The text with control characters shown as escapes, so that a message never carries raw control bytes.
   *
   * @param s the text
   * @return the printable text
   */
  public static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A duration as people say it: {@code 1 hour}, {@code 24 hours}, {@code 1 week}, {@code 90 minutes},
   * the largest unit that divides it evenly.
   *
   * @param d the duration
   * @return the duration in words
   */
  public static String duration(Duration d) {
    if (d.isNegative()) {
      return "-" + duration(d.negated());
    }
    long s = d.getSeconds();
    if (d.getNano() != 0 || s == 0) {
      long ms = d.toMillis();
      return ms + (ms == 1 ? " millisecond" : " milliseconds");
    }
    if (s == 86400L) {
      return "24 hours";
    }
    long[] sizes = {7 * 86400L, 86400L, 3600L, 60L, 1L};
    String[] names = {"week", "day", "hour", "minute", "second"};
    for (int i = 0; i < sizes.length; i++) {
      if (s % sizes[i] == 0) {
        long n = s / sizes[i];
        return n + " " + names[i] + (n == 1 ? "" : "s");
      }
    }
    throw new AssertionError("unreachable: every whole number of seconds divides by one second");
  }
}
