package dev.rollback;

/** The unit of a signal's value, used to compare like with like and to print values readably. */
public enum Unit {
  /** A fraction between 0 and 1, printed as a percentage ({@code 0.95} prints as {@code 95%}). */
  RATIO,
  /** A percentage, 0 to 100. */
  PERCENT,
  /** A duration in seconds. */
  SECONDS,
  /** A size in bytes. */
  BYTES,
  /** A count of things (runs, containers, events). */
  COUNT,
  /** A plain number. */
  NUMBER;

  /**
   * Formats a value of this unit for people: {@code 0.8} as a ratio prints {@code 80%}, {@code 123} seconds
   * {@code 123s}, bytes with a binary prefix.
   *
   * @param value the value
   * @return the value with its unit
   */
  public String format(double value) {
    switch (this) {
      case RATIO:
        return number(value * 100) + "%";
      case PERCENT:
        return number(value) + "%";
      case SECONDS:
        return number(value) + "s";
      case BYTES:
        return bytes(value);
      default:
        return number(value);
    }
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = String.format(java.util.Locale.ROOT, "%.4f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static String bytes(double v) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    int i = 0;
    double x = v;
    while (Math.abs(x) >= 1024 && i < units.length - 1) {
      x /= 1024;
      i++;
    }
    return (i == 0 ? number(x) : String.format(java.util.Locale.ROOT, "%.1f", x)) + " " + units[i];
  }
}
