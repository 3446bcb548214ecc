package io.shiftlab.rf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EffectiveRfTest {
  @Test
  void normalisesToMaxOneAndCountsTheAreaAboveTheThreshold() {
    double[][] map = {{0, 1, 0}, {2, 4, 0.02}, {0, 0.04, 0}};
    double[][] n = EffectiveRf.normalise(map);
    assertThat(n[1][1]).isEqualTo(1.0);
    assertThat(n[1][0]).isEqualTo(0.5);
    assertThat(n[1][2]).isEqualTo(0.005);
    // 0.25, 0.5 and 1 are above 1%; 0.01 is not
    assertThat(EffectiveRf.area(n, 0.01)).isEqualTo(3);
    assertThat(EffectiveRf.area(n, 0.0)).isEqualTo(5);
    assertThat(EffectiveRf.areaOutside(n, 0.01, 0, 1, 0, 1)).isEqualTo(0);
    assertThat(EffectiveRf.areaOutside(n, 0.005, 0, 1, 0, 1)).isEqualTo(1);
    assertThat(EffectiveRf.percent(n)[1]).containsExactly(50, 100, 1);
  }

  @Test
  void allZeroStaysZeroAndNegativesAreRejected() {
    assertThat(EffectiveRf.normalise(new double[][] {{0, 0}})[0]).containsExactly(0, 0);
    assertThatThrownBy(() -> EffectiveRf.normalise(new double[][] {{-1}}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EffectiveRf.normalise(new double[][] {{Double.NaN}}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clipsWindowsToTheImage() {
    assertThat(EffectiveRf.clippedLength(-8, 8, 32)).isEqualTo(9);
    assertThat(EffectiveRf.clippedLength(4, 19, 28)).isEqualTo(16);
    assertThat(EffectiveRf.clippedLength(20, 40, 28)).isEqualTo(8);
    assertThat(EffectiveRf.clippedLength(30, 40, 28)).isEqualTo(0);
  }
}
