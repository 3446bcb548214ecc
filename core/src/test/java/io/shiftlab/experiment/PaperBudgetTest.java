package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.data.synthetic.RedGreenSizes;
import io.shiftlab.nn.PaddingMode;
import org.junit.jupiter.api.Test;

/**
 * The paper budget follows each protocol card's schedule and sizes (PROTOCOLS.md), never less than
 * the default budget, and the seeds the cards name.
 */
class PaperBudgetTest {
  private static final BudgetLevel PAPER = BudgetLevel.PAPER;

  @Test
  void parsesAndKeepsAtLeastThreeSeeds() {
    assertThat(BudgetLevel.parse("--budget", "Paper")).isEqualTo(PAPER);
    for (Experiment<?> e : Experiments.all()) {
      assertThat(e.seeds(PAPER)).as(e.name()).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void shiftedDigitsUsesTheArticlesOptimiserAndEpochs() {
    for (String set : new String[] {"digits", "fashion-mnist"}) {
      ShiftedDigitsReport.Budget b = ShiftedDigits.budget(set, PAPER);
      assertThat(b.learningRate()).isEqualTo(1e-4f);
      assertThat(b.epochs()).isEqualTo(100);
      assertThat(b.batchSize()).isEqualTo(128);
      assertThat(b.maxTrain()).as("every training image").isZero();
      assertThat(b.maxTest()).as("every test image").isZero();
    }
  }

  @Test
  void syntheticCardsUseTheirFullSizesAndSchedules() {
    assertThat(FramingBiasExperiment.budget(PAPER))
        .isEqualTo(new FramingBiasReport.Budget(4000, 1000, 2000, 10));
    assertThat(RedGreenExperiment.budget(PAPER, 10).sizes()).isEqualTo(RedGreenSizes.DEFAULT);
    assertThat(RedGreenExperiment.budget(PAPER, 10).maxEpochs()).isEqualTo(50);
    assertThat(new RedGreenExperiment().seeds(PAPER)).isEqualTo(10);
    assertThat(new PatchLocationExperiment().seeds(PAPER)).isEqualTo(5);
    assertThat(PatchLocationExperiment.budget(PAPER).epochs()).isEqualTo(100);
    BorderDistanceReport.Budget bd = BorderDistanceExperiment.budget(PAPER);
    assertThat(bd.cell()).as("28 px cells, a 140 px canvas").isEqualTo(28);
    assertThat(bd.train()).isEqualTo(5000);
    assertThat(bd.test()).isEqualTo(2500);
    assertThat(bd.epochs()).isEqualTo(5);
  }

  @Test
  void locationGridRunsBothGridSizesForTwentyEpochs() {
    LocationGridReport.Budget b = LocationGridExperiment.budget(PAPER);
    assertThat(b.grids()).extracting(LocationGridReport.GridPlan::g).containsExactly(3, 7);
    assertThat(b.grids())
        .allSatisfy(p -> assertThat(p.paddings()).contains(PaddingMode.ZERO, PaddingMode.CIRCULAR));
    assertThat(b.epochs()).isEqualTo(20);
    assertThat(b.batchSize()).isEqualTo(48);
    assertThat(PositionChannelsExperiment.budget(PAPER).epochs()).isEqualTo(20);
  }

  @Test
  void noPaperBudgetIsSmallerThanTheDefault() {
    BudgetLevel full = BudgetLevel.FULL;
    assertThat(PositionReadoutExperiment.budget(PAPER).readoutEpochs())
        .isGreaterThanOrEqualTo(PositionReadoutExperiment.budget(full).readoutEpochs());
    assertThat(PositionReadoutExperiment.budget(PAPER).encoderEpochs())
        .isGreaterThanOrEqualTo(PositionReadoutExperiment.budget(full).encoderEpochs());
    assertThat(ShiftRobust.budget(PAPER).epochs())
        .isGreaterThanOrEqualTo(ShiftRobust.budget(full).epochs());
    assertThat(CornerOnlyExperiment.budget(PAPER)).isEqualTo(CornerOnlyExperiment.budget(full));
    assertThat(LocationGridExperiment.budget(PAPER).epochs())
        .isGreaterThanOrEqualTo(LocationGridExperiment.budget(full).epochs());
  }
}
