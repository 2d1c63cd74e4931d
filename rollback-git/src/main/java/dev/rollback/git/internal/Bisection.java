package dev.rollback.git.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The search of a bisection, apart from Git and processes: suspects are positions {@code 1..n} of a first-parent
 * chain, oldest first; position {@code 0} is the good end (known good) and {@code n} the bad end (known bad, never
 * probed). Each round probes up to {@code k} untested positions at once, spread so that they split the window
 * between the highest good and the lowest bad into {@code k + 1} parts (a k-ary search; {@code k = 1} halves it as
 * {@code git bisect} does). An untestable position (the probe exited 125) is stepped around: the nearest untested
 * position to the target is probed instead. It ends when no untested testable position is left in the window: the
 * culprit is the lowest bad when the window holds only it, else the window's untestable positions and that bad are
 * the candidates, as {@code git bisect} lists them ("the first bad commit could be any of").
 */
final class Bisection {

  /** What a probe said of a suspect. */
  enum Verdict {
    /** Exit 0. */
    GOOD,
    /** Exit 1 to 127, except 125. */
    BAD,
    /** Exit 125: the commit cannot be tested. */
    SKIP
  }

  /** Probes positions at once. */
  interface Prober {
    /**
     * Probes the positions, together.
     *
     * @param positions distinct positions, 1 to n - 1
     * @return a verdict for each
     * @throws Exception when a probe cannot run or aborts the bisection
     */
    Map<Integer, Verdict> probe(List<Integer> positions) throws Exception;
  }

  /**
   * How it ended.
   *
   * @param candidates the first bad commit's possible positions, ascending: one when it was found
   * @param probes the probes run (cached verdicts not counted)
   * @param rounds the rounds of probes run
   */
  record Outcome(List<Integer> candidates, int probes, int rounds) {
    boolean found() {
      return candidates.size() == 1;
    }
  }

  private Bisection() {}

  /**
   * Runs the search.
   *
   * @param n the number of suspects (the bad end included), 1 or more
   * @param k how many positions to probe at once, 1 or more
   * @param known verdicts known before (cached in the journal), by position; updated with every probe
   * @param prober runs probes
   * @return the outcome
   * @throws Exception from the prober
   */
  static Outcome run(int n, int k, Map<Integer, Verdict> known, Prober prober) throws Exception {
    if (n < 1 || k < 1) {
      throw new IllegalArgumentException("n and k must be 1 or more, were " + n + " and " + k);
    }
    int probes = 0;
    int rounds = 0;
    while (true) {
      int hi = n;
      for (Map.Entry<Integer, Verdict> e : known.entrySet()) {
        if (e.getValue() == Verdict.BAD && e.getKey() >= 1 && e.getKey() < hi) {
          hi = e.getKey();
        }
      }
      int lo = 0;
      for (Map.Entry<Integer, Verdict> e : known.entrySet()) {
        if (e.getValue() == Verdict.GOOD && e.getKey() < hi && e.getKey() > lo) {
          lo = e.getKey();
        }
      }
      List<Integer> points = points(lo, hi, k, known);
      if (points.isEmpty()) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = lo + 1; i <= hi; i++) {
          candidates.add(i);
        }
        return new Outcome(List.copyOf(candidates), probes, rounds);
      }
      Map<Integer, Verdict> got = prober.probe(points);
      for (int p : points) {
        Verdict v = got.get(p);
        if (v == null) {
          throw new IllegalStateException("no verdict for position " + p);
        }
        known.put(p, v);
      }
      probes += points.size();
      rounds++;
    }
  }

  /**
   * The positions to probe in the window {@code (lo, hi)}: targets that split it into {@code k + 1} parts (for
   * {@code k = 1} the middle, rounded up as git rounds it), each moved to the nearest untested position.
   */
  static List<Integer> points(int lo, int hi, int k, Map<Integer, Verdict> known) {
    TreeSet<Integer> free = new TreeSet<>();
    for (int i = lo + 1; i < hi; i++) {
      if (!known.containsKey(i)) {
        free.add(i);
      }
    }
    List<Integer> out = new ArrayList<>();
    if (free.isEmpty()) {
      return out;
    }
    if (free.size() <= k) {
      out.addAll(free);
      return out;
    }
    int m = hi - lo;
    for (int j = 1; j <= k; j++) {
      // For k = 1: lo + ceil(m / 2), the commit git's bisection picks on a linear chain.
      int target = lo + (int) Math.ceil((double) j * m / (k + 1));
      Integer up = free.ceiling(target);
      Integer down = free.lower(target);
      Integer pick;
      if (up == null) {
        pick = down;
      } else if (down == null) {
        pick = up;
      } else {
        pick = up - target <= target - down ? up : down;
      }
      out.add(pick);
      free.remove(pick);
    }
    out.sort(null);
    return out;
  }
}
