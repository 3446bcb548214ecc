package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-computed grid metrics. */
class GridMetricsTest {
  @Test
  void argmaxTiesGoToTheLowerClass() {
    assertThat(GridMetrics.argmax(new float[] {1, 3, 3, 0, -1, -2}, 3)).containsExactly(1, 0);
  }

  @Test
  void accuracyByCellAndWhere() {
    int[] pred = {0, 1, 1, 2, 0};
    int[] label = {0, 1, 2, 2, 1};
    int[] cell = {0, 0, 1, 1, 2};
    double[] acc = GridMetrics.accuracyByCell(pred, label, cell, 4);
    assertThat(acc[0]).isEqualTo(1.0);
    assertThat(acc[1]).isEqualTo(0.5);
    assertThat(acc[2]).isEqualTo(0.0);
    assertThat(acc[3]).isNaN();
    assertThat(
            GridMetrics.accuracyWhere(pred, label, new boolean[] {true, false, true, true, false}))
        .isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void meanAndPopulationStd() {
    assertThat(GridMetrics.mean(new double[] {1, 2, 3, 6})).isEqualTo(3.0);
    // deviations -2, -1, 0, 3: squares 4 + 1 + 0 + 9 = 14, / 4 = 3.5
    assertThat(GridMetrics.std(new double[] {1, 2, 3, 6})).isCloseTo(Math.sqrt(3.5), within(1e-12));
  }

  @Test
  void identicalLogitsAreCountedPerTileBitForBit() {
    // 2 tiles x 2 cells x 2 classes; tile 0 identical, tile 1 differs by the sign of zero
    float[] logits = {1, 2, 1, 2, 0f, 5, -0f, 5};
    assertThat(GridMetrics.tilesWithIdenticalLogits(logits, 2, 2)).isEqualTo(1);
  }
}
