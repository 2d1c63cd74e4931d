package dev.rollback.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles and medians, checked against sorting. */
class StatsTest {

  @Test
  void nearestRankPercentilesAreValuesOfTheSet() {
    double[] tenDurations = {15, 20, 35, 40, 50, 60, 70, 80, 90, 100};

    assertThat(Stats.percentile(tenDurations, 0)).isEqualTo(15);
    assertThat(Stats.percentile(tenDurations, 30)).isEqualTo(35);
    assertThat(Stats.percentile(tenDurations, 50)).isEqualTo(50);
    assertThat(Stats.percentile(tenDurations, 90)).isEqualTo(90);
    assertThat(Stats.percentile(tenDurations, 91)).isEqualTo(100);
    assertThat(Stats.percentile(tenDurations, 100)).isEqualTo(100);
    assertThat(Stats.percentiles(tenDurations, 50, 90, 99)).containsExactly(50, 90, 100);
  }

  @Test
  void theMedianAveragesTheTwoMiddleValuesOfAnEvenCount() {
    assertThat(Stats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(Stats.median(new double[] {5, 1, 3})).isEqualTo(3);
    assertThat(Stats.median(new double[] {7})).isEqualTo(7);
  }

  @Test
  void percentilesAndMediansAgreeWithSortingOnRandomData() {
    Random random = new Random(42);
    for (int round = 0; round < 500; round++) {
      int n = 1 + random.nextInt(300);
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        values[i] = random.nextInt(20) + (random.nextBoolean() ? 0.5 : 0);
      }
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      double p = random.nextInt(101);
      int rank = nearestRank(p, n);
      double[] before = values.clone();

      assertThat(Stats.percentile(values, p)).isEqualTo(sorted[rank - 1]);
      double q = random.nextInt(101);
      double r = random.nextInt(101);
      assertThat(Stats.percentiles(values, q, p, r)).containsExactly(sorted[nearestRank(q, n) - 1],
          sorted[rank - 1], sorted[nearestRank(r, n) - 1]);
      assertThat(Stats.median(values)).isEqualTo(n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2);
      assertThat(values).containsExactly(before);
    }
  }

  /** ceil(p * n / 100) in exact integer arithmetic, at least 1: p is a whole percentage here. */
  private static int nearestRank(double p, int n) {
    return Math.max(1, ((int) p * n + 99) / 100);
  }

  @Test
  void inPlaceVariantsUseOnlyThePrefix() {
    double[] buffer = {9, 1, 5, 100, 200};

    assertThat(Stats.percentileInPlace(buffer, 3, 100)).isEqualTo(9);
    assertThat(Stats.medianInPlace(buffer, 3)).isEqualTo(5);
    assertThat(buffer[3]).isEqualTo(100);
  }

  @Test
  void ratiosAndMeans() {
    assertThat(Stats.ratio(8, 10)).isEqualTo(0.8);
    assertThat(Stats.mean(new double[] {1, 2, 3, 6})).isEqualTo(3);
  }

  @Test
  void badInputIsRefusedWithTheRule() {
    assertThatThrownBy(() -> Stats.median(new double[0])).hasMessage("no values");
    assertThatThrownBy(() -> Stats.percentile(new double[] {1}, 101))
        .hasMessage("percentile must be between 0 and 100, was 101.0");
    assertThatThrownBy(() -> Stats.percentile(new double[] {1, Double.NaN}, 50)).hasMessage("value at index 1 is NaN");
    assertThatThrownBy(() -> Stats.ratio(1, 0)).hasMessage("a ratio needs a positive total, was 0");
    assertThatThrownBy(() -> Stats.percentileInPlace(new double[] {1}, 2, 50)).hasMessage("length 2 is outside 1..1");
  }
}
