package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The trained models per arm of every experiment at each budget level, as the README's budget table
 * states them: the level's own (1, 2, 3) unless the experiment needs more for its card or for
 * stable verdicts.
 */
class RunsPerArmTest {
  /** Name, then runs per arm at smoke, quick, the default budget and paper. */
  record Row(String name, int smoke, int quick, int full, int paper) {}

  static final List<Row> TABLE =
      List.of(
          new Row("shifted-digits", 1, 2, 3, 3),
          new Row("patch-location", 1, 2, 5, 5),
          new Row("red-green", 1, 2, 3, 10),
          new Row("corner-only", 1, 2, 3, 3),
          new Row("framing-bias", 1, 2, 3, 3),
          new Row("border-distance", 1, 2, 3, 3),
          new Row("shift-robust", 1, 2, 8, 8),
          new Row("position-readout", 1, 2, 5, 5),
          new Row("location-grid", 1, 2, 3, 3),
          new Row("position-channels", 1, 2, 8, 8));

  static Stream<Row> rows() {
    return TABLE.stream();
  }

  @ParameterizedTest
  @MethodSource("rows")
  void runsPerArm(Row row) {
    Experiment<?> e = Experiments.get("EXPERIMENT", row.name());
    assertThat(e.seeds(BudgetLevel.SMOKE)).isEqualTo(row.smoke());
    assertThat(e.seeds(BudgetLevel.QUICK)).isEqualTo(row.quick());
    assertThat(e.seeds(BudgetLevel.FULL)).isEqualTo(row.full());
    assertThat(e.seeds(BudgetLevel.PAPER)).isEqualTo(row.paper());
  }

  /** A minimum raises the default and paper budgets only, and never lowers a level's own. */
  @Test
  void aMinimumRaisesOnlyTheDefaultAndPaperBudgets() {
    assertThat(BudgetLevel.SMOKE.seeds(5)).isEqualTo(1);
    assertThat(BudgetLevel.QUICK.seeds(5)).isEqualTo(2);
    assertThat(BudgetLevel.FULL.seeds(5)).isEqualTo(5);
    assertThat(BudgetLevel.PAPER.seeds(5)).isEqualTo(5);
    assertThat(BudgetLevel.FULL.seeds(2)).isEqualTo(3);
  }

  /** A new experiment needs its row. */
  @Test
  void theTableCoversTheRegistry() {
    assertThat(TABLE.stream().map(Row::name).toList()).isEqualTo(Experiments.names());
  }
}
