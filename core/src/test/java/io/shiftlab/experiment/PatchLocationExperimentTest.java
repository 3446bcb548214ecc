package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.experiment.PatchLocationExperiment.Result;
import io.shiftlab.experiment.PatchLocationExperiment.Row;
import io.shiftlab.report.Json;
import io.shiftlab.train.BatchOrder;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny patch-location run, the hand-checked helpers, and the config default for the order. */
class PatchLocationExperimentTest {
  @TempDir Path dir;

  @Test
  void tinyRunWritesTheReportAndFullAndCircularCannotSeparate() {
    Result r =
        PatchLocationExperiment.run(
            new PatchLocationExperiment.Budget(3, 1, 0.1f, 0.9f),
            dir,
            (p, s) -> new TrainingListener() {});
    PatchLocationReport.write(r, dir);
    for (String f :
        new String[] {
          "results.md", "results.csv", "results.json", PatchLocationReport.CHART + ".png"
        }) {
      assertThat(dir.resolve(f)).isNotEmptyFile();
    }
    assertThat(dir.resolve("runs/zero-s0/config.json")).isNotEmptyFile();
    // the four paddings are categories, drawn as bars, not a line over 0..3
    io.shiftlab.report.BarChart chart = PatchLocationReport.chart(r);
    assertThat(chart.categories()).containsExactly("zero", "none", "circular", "full");
    assertThat(r.rows())
        .extracting(Row::padding)
        .containsExactly("zero", "none", "circular", "full");
    for (Row row : r.rows()) {
      if (row.padding().equals("full") || row.padding().equals("circular")) {
        // a property of the padding, true even untrained: both images give the same logits
        assertThat(row.mean()).as(row.padding()).isEqualTo(0.5);
        assertThat(row.identicalRuns()).as(row.padding()).isEqualTo(1);
        assertThat(row.held()).as(row.padding()).isTrue();
      }
    }
  }

  @Test
  void accuracyAndBitIdentityByHand() {
    int[] labels = {0, 1};
    assertThat(PatchLocationExperiment.accuracy(new float[][] {{1, 0}, {0, 1}}, labels))
        .isEqualTo(1.0);
    // a tie goes to class 0 for both images: one right, one wrong
    assertThat(PatchLocationExperiment.accuracy(new float[][] {{2, 2}, {2, 2}}, labels))
        .isEqualTo(0.5);
    assertThat(PatchLocationExperiment.bitIdentical(new float[] {0f}, new float[] {-0f})).isFalse();
    assertThat(PatchLocationExperiment.bitIdentical(new float[] {1.5f}, new float[] {1.5f}))
        .isTrue();
  }

  @Test
  void aConfigWithoutOrderReadsAsShuffled() throws Exception {
    TrainConfig fixed =
        new TrainConfig(
            "patchnet-zero",
            "x",
            1,
            1,
            OptimizerSettings.sgd(0.1f, 0.9f),
            "none",
            0,
            0,
            0,
            BatchOrder.FIXED);
    Path f = dir.resolve("config.json");
    Json.write(f, fixed);
    assertThat(Json.read(f, TrainConfig.class)).isEqualTo(fixed);
    String old = Files.readString(f).replaceAll("(?m)^\\s*\"order\"\\s*:\\s*\"FIXED\",?\\R", "");
    Files.writeString(f, old);
    assertThat(old).doesNotContain("order");
    assertThat(Json.read(f, TrainConfig.class).order()).isEqualTo(BatchOrder.SHUFFLED);
  }
}
