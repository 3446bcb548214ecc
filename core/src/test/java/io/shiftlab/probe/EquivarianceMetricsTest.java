package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EquivarianceMetricsTest {
  @Test
  void aMaskThatLeavesNothingIsUndefinedNotZero() {
    float[] a = {1, 2, 3};
    float[] b = {3, 2, 1};
    assertThat(EquivarianceMetrics.relativeError(a, b, new float[3])).isNaN();
    assertThat(EquivarianceMetrics.relativeError(a, a, new float[] {0, 1, 0})).isZero();
  }

  @Test
  void identicalMapsHaveZeroError() {
    float[] a = {1, -2, 3, 0.5f};
    assertThat(EquivarianceMetrics.relativeError(a, a.clone(), null)).isZero();
  }

  @Test
  void aMapAgainstItsNegationHasErrorTwo() {
    // |a| = sqrt(9 + 16) = 5; |a - (-a)| = |2a| = 10; 10 / 5 = 2
    float[] a = {3, 0, -4, 0};
    float[] neg = {-3, 0, 4, 0};
    assertThat(EquivarianceMetrics.relativeError(a, neg, null)).isEqualTo(2.0);
  }

  @Test
  void handComputedPartialDifference() {
    // a = (1, 2, 2), b = (1, 2, 0): sqrt(4) / sqrt(1 + 4 + 4) = 2/3
    assertThat(
            EquivarianceMetrics.relativeError(new float[] {1, 2, 2}, new float[] {1, 2, 0}, null))
        .isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void aMaskExcludingTheOnlyDifferingCellGivesZero() {
    float[] a = {1, 2, 3, 4};
    float[] b = {1, 2, 3, 40};
    assertThat(EquivarianceMetrics.relativeError(a, b, null)).isGreaterThan(1);
    assertThat(EquivarianceMetrics.relativeError(a, b, new float[] {1, 1, 1, 0})).isZero();
  }

  @Test
  void theMaskAlsoRestrictsTheDenominator() {
    // masked: a = (3, 4) -> |a| = 5; b = (0, 4) -> diff 3; 3/5
    float[] a = {3, 4, 100};
    float[] b = {0, 4, 100};
    assertThat(EquivarianceMetrics.relativeError(a, b, new float[] {1, 1, 0})).isEqualTo(0.6);
  }

  @Test
  void zeroReferenceIsZeroWhenNothingDiffersElseUndefined() {
    assertThat(EquivarianceMetrics.relativeError(0, 0)).isZero();
    assertThat(EquivarianceMetrics.relativeError(1, 0)).isNaN();
    assertThat(EquivarianceMetrics.relativeError(4, 16)).isEqualTo(0.5);
  }

  @Test
  void decibelsFollowCardTen() {
    // 20 log10 2 - 10 log10 E: E = 4 -> 0 dB; E = 0.04 -> 20 dB; E = 0 -> +inf
    assertThat(EquivarianceMetrics.decibels(4)).isCloseTo(0, within(1e-12));
    assertThat(EquivarianceMetrics.decibels(0.04)).isCloseTo(20, within(1e-12));
    assertThat(EquivarianceMetrics.decibels(1)).isCloseTo(6.0206, within(1e-4));
    assertThat(EquivarianceMetrics.decibels(0)).isInfinite();
  }

  @Test
  void outputShiftRoundsHalvesAwayFromZero() {
    assertThat(EquivarianceMetrics.outputShift(4, 1)).isEqualTo(4);
    assertThat(EquivarianceMetrics.outputShift(4, 4)).isEqualTo(1);
    assertThat(EquivarianceMetrics.outputShift(3, 2)).isEqualTo(2);
    assertThat(EquivarianceMetrics.outputShift(-3, 2)).isEqualTo(-2);
    assertThat(EquivarianceMetrics.outputShift(1, 4)).isZero();
    assertThat(EquivarianceMetrics.outputShift(-2, 4)).isEqualTo(-1);
  }

  @Test
  void stridesOfCnn2SeeThroughValidConvolutions() {
    // 28 -conv5-> 24 -relu-> 24 -pool2-> 12 -conv5-> 8 -relu-> 8 -pool2-> 4: naive 28/4 = 7
    assertThat(EquivarianceMetrics.strides(28, new int[] {24, 24, 12, 8, 8, 4}))
        .containsExactly(1, 1, 2, 2, 2, 4);
    assertThat(EquivarianceMetrics.sizeRatio(28, 4)).isEqualTo(7.0);
  }

  @Test
  void stridesOfSamePaddedAndCeilingStacks() {
    assertThat(EquivarianceMetrics.strides(32, new int[] {32, 16, 8, 8, 4}))
        .containsExactly(1, 2, 4, 4, 8);
    assertThat(EquivarianceMetrics.strides(28, new int[] {14, 7, 4})).containsExactly(2, 4, 8);
    // a full convolution grows the map: stride 1
    assertThat(EquivarianceMetrics.strides(28, new int[] {30})).containsExactly(1);
  }

  @Test
  void spatialMapsAreNchwWithTheInputsAspect() {
    assertThat(EquivarianceMetrics.isSpatial(new long[] {5, 20, 24, 24}, 28, 28)).isTrue();
    assertThat(EquivarianceMetrics.isSpatial(new long[] {5, 4, 1, 1}, 28, 28)).isTrue();
    assertThat(EquivarianceMetrics.isSpatial(new long[] {5, 28, 28, 1}, 28, 28)).isFalse();
    assertThat(EquivarianceMetrics.isSpatial(new long[] {5, 28, 28, 100}, 28, 28)).isFalse();
    assertThat(EquivarianceMetrics.isSpatial(new long[] {5, 640}, 28, 28)).isFalse();
  }
}
