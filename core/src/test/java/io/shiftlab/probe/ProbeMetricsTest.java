package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hand-computed cases for the pure metric functions of the sweep, consistency and stability. */
class ProbeMetricsTest {
  private static final double EPS = 1e-12;

  @Test
  void softmaxProbabilitiesAndArgmax() {
    // row 0: logits 0, ln 3 -> 1/4, 3/4; row 1: a tie goes to the lower class
    ClassScores s = ClassScores.fromLogits(new float[] {0f, (float) Math.log(3), 2f, 2f}, 2);
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.predicted()).containsExactly(1, 0);
    assertThat(s.probability(0, 0)).isCloseTo(0.25, within(1e-7));
    assertThat(s.probability(0, 1)).isCloseTo(0.75, within(1e-7));
    assertThat(s.trueProbability(new int[] {0, 1}))
        .containsExactly(new double[] {0.25, 0.5}, within(1e-7));
    assertThat(s.topProbability()).containsExactly(new double[] {0.75, 0.5}, within(1e-7));
    // huge logits do not overflow
    ClassScores big = ClassScores.fromLogits(new float[] {1000f, 1000f}, 2);
    assertThat(big.probability(0, 0)).isEqualTo(0.5);
  }

  @Test
  void sweepOfThreeImagesWithKnownCorrectCounts() {
    // r = 1: a 3x3 box, 3 images; row index dy + 1, column dx + 1
    int[][] correct = {
      {0, 1, 0},
      {2, 3, 1},
      {1, 2, 0},
    };
    double[][] acc = SweepMetrics.accuracy(correct, 3);
    assertThat(SweepMetrics.at(acc, 1, 0, 0)).isEqualTo(1.0);
    assertThat(SweepMetrics.at(acc, 1, 1, 0)).isCloseTo(1.0 / 3, within(EPS)); // dx = 1, dy = 0
    assertThat(SweepMetrics.at(acc, 1, -1, 1)).isCloseTo(1.0 / 3, within(EPS)); // dx = -1, dy = 1
    assertThat(SweepMetrics.min(acc)).isEqualTo(0.0);
    assertThat(SweepMetrics.mean(acc)).isCloseTo(10.0 / 27, within(EPS));
    assertThat(SweepMetrics.diagonal(acc)).containsExactly(new double[] {0, 1, 0}, within(EPS));
    assertThat(SweepMetrics.percent(acc)[1]).containsExactly(67, 100, 33);
    assertThat(SweepMetrics.mean(new double[][] {{1.5, 3}}, 3)[0]).containsExactly(0.5, 1.0);
  }

  @Test
  void populationStdByHand() {
    // mean 2, squared deviations 1, 0, 1 -> sqrt(2/3)
    assertThat(Metrics.populationStd(new double[] {1, 2, 3})).isEqualTo(Math.sqrt(2.0 / 3.0));
    assertThat(Metrics.populationStd(new double[] {0.5})).isZero();
  }

  @Test
  void agreementOfTwoPredictionArrays() {
    assertThat(ConsistencyMetrics.agreement(new int[] {0, 1, 1, 2}, new int[] {0, 1, 2, 2}))
        .isEqualTo(0.75);
    assertThat(ConsistencyMetrics.agreement(new int[0], new int[0])).isNaN();
  }

  @Test
  void perImageConsistencyAndPairCounts() {
    // two pairs of views of three images with labels 0, 1, 2
    int[][] first = {{0, 1, 1}, {0, 1, 2}};
    int[][] second = {{0, 2, 1}, {0, 1, 2}};
    int[] labels = {0, 1, 2};
    assertThat(ConsistencyMetrics.perImage(first, second)).containsExactly(1.0, 0.5, 1.0);
    // both correct: image 0 twice, image 1 in pair 1, image 2 in pair 1
    assertThat(ConsistencyMetrics.bothCorrect(first, second, labels)).isEqualTo(4);
    // agree on a wrong class: image 2 in pair 0 (both say 1)
    assertThat(ConsistencyMetrics.agreeWrong(first, second, labels)).isEqualTo(1);
    int[][] dist = {{1, 2, 1}, {2, 2, 0}};
    int[][] by = ConsistencyMetrics.byDistance(dist, first, second, 2);
    assertThat(by[0]).containsExactly(1, 2, 3);
    assertThat(by[1]).containsExactly(1, 2, 2);
    assertThat(ConsistencyMetrics.chebyshev(-2, 1, 1, 0)).isEqualTo(3);
  }

  @Test
  void confidenceIntervalIsTheNormalApproximation() {
    // mean 0.75; s^2 = (0.5625 + 3 * 0.0625) / 3 = 0.25, s = 0.5; half-width 1.96 * 0.5 / 2
    ConsistencyMetrics.MeanCi ci = ConsistencyMetrics.meanCi95(new double[] {0, 1, 1, 1});
    assertThat(ci.mean()).isEqualTo(0.75);
    assertThat(ci.halfWidth()).isCloseTo(0.49, within(EPS));
    assertThat(ci.n()).isEqualTo(4);
    assertThat(ConsistencyMetrics.meanCi95(new double[] {0.5}).halfWidth()).isNaN();
    ConsistencyMetrics.MeanCi where =
        ConsistencyMetrics.meanCi95Where(
            new double[] {0, 1, 0.5, 1}, new boolean[] {false, true, true, false});
    assertThat(where.mean()).isEqualTo(0.75);
    assertThat(where.n()).isEqualTo(2);
    assertThat(ConsistencyMetrics.correctMask(new int[] {1, 2}, new int[] {1, 1}))
        .containsExactly(true, false);
  }

  @Test
  void jaggednessChangeProbabilityAndHistogram() {
    // two images over five positions: image 0 goes 3 3 5 3 3 (two changes), image 1 never changes
    int[][] pred = {{3, 1}, {3, 1}, {5, 1}, {3, 1}, {3, 1}};
    assertThat(StabilityMetrics.jaggedness(pred)).containsExactly(2, 0);
    assertThat(StabilityMetrics.changeProbability(pred)).isEqualTo(2.0 / 8);
    assertThat(StabilityMetrics.histogram(new int[] {2, 0}, 4)).containsExactly(1, 0, 1, 0, 0);
    assertThat(StabilityMetrics.mean(new int[] {2, 0})).isEqualTo(1.0);
  }

  @Test
  void meanAbsoluteChangeOfTheTopProbability() {
    double[][] earlier = {{0.9, 0.6}, {0.7, 0.5}};
    double[][] later = {{0.7, 0.6}, {0.8, 0.1}};
    // |0.7-0.9| + 0 + |0.8-0.7| + |0.1-0.5| = 0.2 + 0.1 + 0.4 = 0.7, over 4
    assertThat(StabilityMetrics.meanAbsoluteChange(earlier, later)).isCloseTo(0.175, within(EPS));
  }

  @Test
  void worstCaseCountsImagesCorrectAtEveryShift() {
    int[] labels = {0, 1, 2};
    int[][] pred = {{0, 1, 2}, {0, 0, 2}, {0, 1, 1}};
    assertThat(StabilityMetrics.correctAtEveryShift(pred, labels)).isCloseTo(1.0 / 3, within(EPS));
  }

  @Test
  void protocolsDrawWithinTheirRanges() {
    SplittableRandom rng = new SplittableRandom(3);
    int m = 2;
    for (int t = 0; t < 2000; t++) {
      int[] c = ConsistencyProtocol.CIRCULAR.drawPair(rng, m);
      for (int v : c) {
        assertThat(v).isBetween(-m, m - 1);
      }
      int[] crop = ConsistencyProtocol.CROP.drawPair(rng, m);
      for (int v : crop) {
        assertThat(v).isBetween(-m, m);
      }
      int[] z = ConsistencyProtocol.ZERO.drawPair(rng, m);
      assertThat(z[0]).isZero();
      assertThat(z[1]).isZero();
      assertThat(Math.max(Math.abs(z[2]), Math.abs(z[3]))).isBetween(1, m);
    }
  }

  @Test
  void offsetsAreTheSameForTheSameSeedAndStablePerPrefix() {
    var a =
        ConsistencyProbe.drawOffsets(ConsistencyProtocol.ZERO, new SplittableRandom(9), 10, 3, 3);
    var b =
        ConsistencyProbe.drawOffsets(ConsistencyProtocol.ZERO, new SplittableRandom(9), 4, 3, 3);
    for (int i = 0; i < 4; i++) {
      for (int p = 0; p < 3; p++) {
        assertThat(b[i][p]).containsExactly(a[i][p]);
      }
    }
  }
}
