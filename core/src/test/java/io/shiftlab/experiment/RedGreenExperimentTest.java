package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.TestData;
import io.shiftlab.data.synthetic.RedGreenSizes;
import io.shiftlab.experiment.RedGreenReport.Result;
import io.shiftlab.experiment.RedGreenReport.Row;
import io.shiftlab.nn.zoo.AllConvNets.ConvType;
import io.shiftlab.train.OptimizerKind;
import io.shiftlab.train.RunDirectory;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny red-green run, the hand-checked helpers and the published numbers of card 5. */
class RedGreenExperimentTest {
  @TempDir Path dir;

  @Test
  void tinyRunWritesTheReportAndTheCircularNetCannotTellTheVariantsApart() {
    Result r =
        RedGreenExperiment.run(
            new RedGreenReport.Budget(new RedGreenSizes(60, 20, 20), 1, 1),
            7,
            dir,
            (c, s) -> new TrainingListener() {});
    new RedGreenReport().write(r, dir);
    TestData.assertReportFiles(dir, RedGreenReport.CHART + ".png", RedGreenReport.CHART + ".svg");
    var run = RunDirectory.open(dir.resolve("runs/same-circular-s0"));
    assertThat(run.config().optimizer().kind()).isEqualTo(OptimizerKind.ADADELTA);
    assertThat(run.config().batchSize()).isEqualTo(200);
    assertThat(run.config().patience()).isEqualTo(8);
    assertThat(r.rows())
        .extracting(Row::conv)
        .containsExactly("valid", "same-zero", "same-circular", "full-zero");
    Row circular = r.rows().get(2);
    // a property of the padding, true even after one epoch: Dissimilar is a roll by 16 rows
    assertThat(circular.runs().get(0).identicalLogits()).isEqualTo(20);
    assertThat(circular.similarMean()).isEqualTo(circular.dissimilarMean());
    assertThat(r.disjoint()).isTrue();
    // valid and same-zero: two statistical checks each; full-zero one; circular exact; splits
    assertThat(RedGreenReport.checks(r))
        .extracting(Check::expected)
        .filteredOn(e -> e.startsWith("same-circular"))
        .hasSize(1);
    assertThat(RedGreenReport.checks(r)).hasSize(7);
    assertThat(RedGreenReport.checks(r).get(4).decision()).isEqualTo(Decision.HELD);
    assertThat(RedGreenReport.table(r).toMarkdown()).contains("99.8 ± 0.1 / 8.4 ± 0.7");
  }

  @Test
  void countsByHand() {
    assertThat(RedGreenExperiment.samePredictions(new int[] {0, 1, 1}, new int[] {0, 0, 1}))
        .isEqualTo(2);
    // rows (1, 2) equal; (0, -0) differ in the sign bit; (3, NaN) vs (3, NaN) same bits
    float[] a = {1f, 2f, 0f, 5f, 3f, Float.NaN};
    float[] b = {1f, 2f, -0f, 5f, 3f, Float.NaN};
    assertThat(RedGreenExperiment.identicalRows(a, b, 2)).isEqualTo(2);
  }

  @Test
  void publishedNumbersAreTheReadmes() {
    assertThat(RedGreenReport.published(ConvType.VALID).text())
        .isEqualTo("100.0 ± 0.0 / 0.2 ± 0.1");
    assertThat(RedGreenReport.published(ConvType.SAME_CIRCULAR).text())
        .isEqualTo("73.7 ± 1.0 / 73.7 ± 1.0");
    assertThat(RedGreenReport.published(ConvType.FULL_ZERO).text())
        .isEqualTo("89.7 ± 0.5 / 89.7 ± 0.5");
  }
}
