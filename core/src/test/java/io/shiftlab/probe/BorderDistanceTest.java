package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BorderDistanceTest {
  @Test
  void distanceOnALargerCanvas() {
    // 28-px image on a 56 canvas: room 28 per axis
    assertThat(BorderDistance.distance(0, 0, 56, 56, 28, 28)).isZero();
    assertThat(BorderDistance.distance(14, 14, 56, 56, 28, 28)).isEqualTo(14);
    assertThat(BorderDistance.distance(14, 24, 56, 56, 28, 28)).isEqualTo(4); // 56-28-24
    assertThat(BorderDistance.distance(28, 10, 56, 56, 28, 28)).isZero();
  }

  @Test
  void distanceOfAShiftIsMinusItsChebyshevLength() {
    assertThat(BorderDistance.distance(0, 0, 28, 28, 28, 28)).isZero();
    assertThat(BorderDistance.distance(-3, 5, 28, 28, 28, 28)).isEqualTo(-5);
    assertThat(BorderDistance.distance(7, -7, 28, 28, 28, 28)).isEqualTo(-7);
  }

  @Test
  void positionsAreCentredAndKeepBothEnds() {
    assertThat(BorderDistance.positions(-14, 14, 4))
        .containsExactly(-14, -12, -8, -4, 0, 4, 8, 12, 14);
    assertThat(BorderDistance.positions(0, 28, 4)).containsExactly(0, 2, 6, 10, 14, 18, 22, 26, 28);
    assertThat(BorderDistance.positions(0, 0, 4)).containsExactly(0);
    assertThat(BorderDistance.positions(-2, 2, 1)).containsExactly(-2, -1, 0, 1, 2);
  }

  @Test
  void binsPoolPlacementsAtTheSameDistance() {
    // placements: d=0 (3/4), d=-1 (1/4), d=0 (4/4), d=-1 (0/2)
    List<DistanceBin> bins =
        BorderDistance.byDistance(
            new int[] {0, -1, 0, -1}, new long[] {3, 1, 4, 0}, new long[] {4, 4, 4, 2});
    assertThat(bins)
        .containsExactly(
            new DistanceBin(-1, 2, 6, 1, 1.0 / 6), new DistanceBin(0, 2, 8, 7, 7.0 / 8));
  }

  @Test
  void anEmptyBinHasUndefinedAccuracy() {
    List<DistanceBin> bins =
        BorderDistance.byDistance(new int[] {2}, new long[] {0}, new long[] {0});
    assertThat(bins.get(0).accuracy()).isNaN();
  }
}
