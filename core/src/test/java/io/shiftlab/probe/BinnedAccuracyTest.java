package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.probe.BinnedAccuracy.Bin;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinnedAccuracyTest {
  private static final double[] CARD2 = {2, 6, 10};

  @Test
  void edgesAreInclusiveAboveAndTheLastBinIsOpen() {
    assertThat(BinnedAccuracy.binOf(0, CARD2)).isZero();
    assertThat(BinnedAccuracy.binOf(2, CARD2)).isZero();
    assertThat(BinnedAccuracy.binOf(2.0001, CARD2)).isEqualTo(1);
    assertThat(BinnedAccuracy.binOf(6, CARD2)).isEqualTo(1);
    assertThat(BinnedAccuracy.binOf(10, CARD2)).isEqualTo(2);
    assertThat(BinnedAccuracy.binOf(13.5, CARD2)).isEqualTo(3);
    assertThat(BinnedAccuracy.labels(CARD2)).containsExactly("<=2", "(2,6]", "(6,10]", ">10");
  }

  @Test
  void accuracyPerBinByHand() {
    // offsets 1, 1.5 (bin 0: one right of two), 4 (bin 1: right), 7, 9, 9.5 (bin 2: two of
    // three), nothing in bin 3
    double[] off = {1, 1.5, 4, 7, 9, 9.5};
    int[] pred = {1, 0, 1, 0, 1, 1};
    int[] lab = {1, 1, 1, 0, 0, 1};
    List<Bin> bins = BinnedAccuracy.of(off, pred, lab, CARD2);
    assertThat(bins).extracting(Bin::images).containsExactly(2, 1, 3, 0);
    assertThat(bins).extracting(Bin::correct).containsExactly(1, 1, 2, 0);
    assertThat(bins.get(0).accuracy()).isEqualTo(0.5);
    assertThat(bins.get(1).accuracy()).isEqualTo(1.0);
    assertThat(bins.get(2).accuracy()).isEqualTo(2.0 / 3);
    assertThat(bins.get(3).accuracy()).isNaN();
  }

  @Test
  void badInputIsRejected() {
    assertThatThrownBy(() -> BinnedAccuracy.of(new double[1], new int[2], new int[1], CARD2))
        .hasMessageContaining("lengths differ");
    assertThatThrownBy(
            () -> BinnedAccuracy.of(new double[1], new int[1], new int[1], new double[] {3, 2}))
        .hasMessageContaining("ascending");
  }
}
