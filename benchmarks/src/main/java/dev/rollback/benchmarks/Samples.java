package dev.rollback.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Timings of one side of a comparison, in milliseconds: median and spread, and the {@code RATIO} line. */
final class Samples {

  private final List<Double> millis = new ArrayList<>();

  void add(long nanos) {
    millis.add(nanos / 1e6);
  }

  int size() {
    return millis.size();
  }

  double median() {
    List<Double> s = sorted();
    int n = s.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  /** The lowest and highest sample, as {@code 101-119ms}. */
  String range() {
    List<Double> s = sorted();
    return s.isEmpty() ? "none" : String.format(Locale.ROOT, "%.0f-%.0fms", s.get(0), s.get(s.size() - 1));
  }

  private List<Double> sorted() {
    List<Double> s = new ArrayList<>(millis);
    Collections.sort(s);
    return s;
  }

  /**
   * The line {@code RATIO <name> <library median / script median> <details>}.
   *
   * @param name the comparison
   * @param library the library's timings
   * @param script the script's timings
   * @param note what else to say, or empty
   * @return the line
   */
  static String ratio(String name, Samples library, Samples script, String note) {
    return String.format(Locale.ROOT, "RATIO %s %.2f library=%.1fms script=%.1fms runs=%d library-range=%s"
        + " script-range=%s%s", name, library.median() / script.median(), library.median(), script.median(),
        Math.min(library.size(), script.size()), library.range(), script.range(), note.isEmpty() ? "" : " " + note);
  }
}
