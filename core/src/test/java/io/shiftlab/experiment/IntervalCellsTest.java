package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.stats.Estimate;
import org.junit.jupiter.api.Test;

class IntervalCellsTest {
  static final Estimate SIMILAR = new Estimate(73.1, 71.0, 75.2, 3, "bootstrap");
  static final Estimate DISSIMILAR = new Estimate(42.0, 40.25, 44.1, 3, "bootstrap");

  @Test
  void intervalsJoinEachEstimateInColumnOrder() {
    assertThat(IntervalCells.intervals(1, SIMILAR, DISSIMILAR))
        .isEqualTo("73.1 [71.0, 75.2] / 42.0 [40.3, 44.1]");
    assertThat(IntervalCells.intervals(2, SIMILAR)).isEqualTo("73.10 [71.00, 75.20]");
  }

  @Test
  void insideSaysForEachPublishedFigureWhetherOurIntervalHoldsIt() {
    assertThat(IntervalCells.inside(new Estimate[] {SIMILAR, DISSIMILAR}, 71.0, 50.0))
        .isEqualTo("yes / no");
    assertThat(IntervalCells.inside(DISSIMILAR, 44.1)).isEqualTo("yes");
    assertThat(IntervalCells.inside(DISSIMILAR, 44.2)).isEqualTo("no");
  }

  @Test
  void insideRejectsAPublishedFigureWithoutAnEstimate() {
    assertThatThrownBy(() -> IntervalCells.inside(new Estimate[] {SIMILAR}, 1, 2))
        .hasMessage("1 estimates but 2 published figures");
  }
}
