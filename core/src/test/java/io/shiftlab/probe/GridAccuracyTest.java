package io.shiftlab.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class GridAccuracyTest {
  @Test
  void ringsOfTheFiveByFiveGrid() {
    // 16 border cells at 0, 8 at 1, the centre at 2
    int[] count = new int[3];
    for (int r = 0; r < 5; r++) {
      for (int c = 0; c < 5; c++) {
        count[GridAccuracy.ring(r, c, 5)]++;
      }
    }
    assertThat(count).containsExactly(16, 8, 1);
    assertThat(GridAccuracy.ring(1, 3, 5)).isEqualTo(1);
    assertThat(GridAccuracy.ring(4, 2, 5)).isZero();
  }

  @Test
  void perCellAndPerRingAccuracyByHand() {
    // cell (0,0): 2 images, 1 right; cell (1,1): 1 image, right; cell (2,2): 2 images, none right;
    // cell (4,3): 1 image, right
    int[] rows = {0, 0, 1, 2, 2, 4};
    int[] cols = {0, 0, 1, 2, 2, 3};
    int[] pred = {5, 1, 7, 0, 0, 9};
    int[] lab = {5, 2, 7, 1, 1, 9};
    GridAccuracy.Cells cells = GridAccuracy.cells(5, rows, cols, pred, lab);
    assertThat(cells.accuracy(0, 0)).isEqualTo(0.5);
    assertThat(cells.accuracy(1, 1)).isEqualTo(1.0);
    assertThat(cells.accuracy(2, 2)).isZero();
    assertThat(cells.accuracy(3, 3)).isNaN();
    assertThat(cells.overall()).isEqualTo(3.0 / 6);
    List<DistanceBin> rings = GridAccuracy.byRing(cells);
    // d 0: cells (0,0) and (4,3): 2 of 3; d 1: (1,1): 1 of 1; d 2: 0 of 2
    assertThat(rings).extracting(DistanceBin::images).containsExactly(3L, 1L, 2L);
    assertThat(GridAccuracy.at(rings, 0)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(GridAccuracy.at(rings, 1)).isEqualTo(1.0);
    assertThat(GridAccuracy.at(rings, 2)).isZero();
    assertThat(GridAccuracy.at(rings, 3)).isNaN();
  }

  @Test
  void invarianceOfLogitsAcrossCells() {
    // 1 digit, 3 cells, 3 classes: the same logits everywhere -> argmax 2 everywhere -> 1/3
    float[] same = {0, 1, 2, 0, 1, 2, 0, 1, 2};
    GridAccuracy.Invariance a = GridAccuracy.invariance(same, 1, 3, 3);
    assertThat(a.samePrediction()).isTrue();
    assertThat(a.spread()).isZero();
    assertThat(a.scale()).isEqualTo(2.0);
    assertThat(a.accuracy()).isEqualTo(1.0 / 3);
    // a model that finds the cell: argmax j in cell j -> accuracy 1, predictions differ
    float[] loc = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    GridAccuracy.Invariance b = GridAccuracy.invariance(loc, 1, 3, 3);
    assertThat(b.samePrediction()).isFalse();
    assertThat(b.spread()).isEqualTo(1.0);
    assertThat(b.accuracy()).isEqualTo(1.0);
  }
}
