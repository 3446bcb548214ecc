package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** SPC and MAE on hand-computed cases: ties, constant maps, perfect and reversed rankings. */
class PositionMetricsTest {
  @Test
  void tiesShareTheAverageRank() {
    assertThat(PositionMetrics.ranks(new float[] {30, 10, 20, 20}))
        .containsExactly(4.0, 1.0, 2.5, 2.5);
    assertThat(PositionMetrics.ranks(new float[] {5, 5, 5})).containsExactly(2.0, 2.0, 2.0);
  }

  @Test
  void perfectAndReversedRankingsGivePlusAndMinusOne() {
    float[] target = {0f, 0.25f, 0.5f, 1f};
    // any increasing map ranks like the target, whatever its scale
    assertThat(PositionMetrics.spearman(new float[] {-3, 0, 7, 100}, target)).isEqualTo(1.0);
    assertThat(PositionMetrics.spearman(new float[] {9, 8, 1, 0}, target)).isEqualTo(-1.0);
  }

  @Test
  void tiedPredictionByHand() {
    // ranks a = 1, 2.5, 2.5, 4 and b = 1, 2, 3, 4: sab = 4.5, saa = 4.5, sbb = 5
    double rho = PositionMetrics.spearman(new float[] {1, 2, 2, 3}, new float[] {1, 2, 3, 4});
    assertThat(rho).isCloseTo(4.5 / Math.sqrt(4.5 * 5), within(1e-12));
  }

  @Test
  void aConstantPredictionOrTargetIsNaNNotZero() {
    float[] target = {0f, 0.5f, 1f};
    assertThat(PositionMetrics.spearman(new float[] {0.3f, 0.3f, 0.3f}, target)).isNaN();
    assertThat(PositionMetrics.spearman(target, new float[] {1, 1, 1})).isNaN();
    // last-bit noise of a resized constant map still counts as constant
    float c = 0.5f;
    assertThat(PositionMetrics.spearman(new float[] {c, Math.nextUp(c), c}, target)).isNaN();
    // a real difference does not
    assertThat(PositionMetrics.spearman(new float[] {0.5f, 0.5001f, 0.5002f}, target))
        .isEqualTo(1.0);
  }

  @Test
  void spcAveragesOnlyDefinedImagesAndIsNaNWhenNoneIs() {
    float[] target = {0f, 0.5f, 1f};
    float[][] mixed = {{1, 2, 3}, {2, 2, 2}, {3, 2, 1}, {1, 3, 2}};
    PositionMetrics.Spc s = PositionMetrics.spc(mixed, target);
    // rhos 1, NaN, -1, 0.5 -> mean of the defined three = 0.5 / 3
    assertThat(s.mean()).isCloseTo(0.5 / 3, within(1e-12));
    assertThat(s.undefined()).isEqualTo(1);
    assertThat(s.images()).isEqualTo(4);
    // population sd of 1, -1, 0.5 around 1/6: sqrt((1 + 1 + 0.25) / 3 - 1/36)
    double sd = Math.sqrt(2.25 / 3 - 1.0 / 36);
    assertThat(s.std()).isCloseTo(sd, within(1e-12));
    assertThat(s.standardError()).isCloseTo(sd / Math.sqrt(3), within(1e-12));
    PositionMetrics.Spc none = PositionMetrics.spc(new float[][] {{0, 0, 0}, {1, 1, 1}}, target);
    assertThat(none.isNaN()).isTrue();
    assertThat(none.undefined()).isEqualTo(2);
    assertThat(none.standardError()).isNaN();
  }

  @Test
  void maeByHand() {
    float[] target = {0f, 1f};
    assertThat(PositionMetrics.mae(new float[][] {{0.5f, 0.5f}, {0f, 1f}}, target))
        .isCloseTo(0.25, within(1e-12));
    assertThat(PositionMetrics.mae(new float[0][], target)).isNaN();
  }
}
