package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.TestData;
import io.shiftlab.data.DataSplits;
import io.shiftlab.experiment.CornerOnlyExperiment.Result;
import io.shiftlab.experiment.CornerOnlyExperiment.Row;
import io.shiftlab.nn.zoo.CornerNets.Head;
import io.shiftlab.rf.RfRow;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny corner-only run on toy digits, and the hand-checked helpers. */
class CornerOnlyExperimentTest {
  @TempDir Path dir;

  @Test
  void tinyRunWritesTheReportAndTheCircularHeadAgreesAcrossCorners() throws Exception {
    DataSplits data =
        new DataSplits(
            TestData.squares("toy/train", 64, 4, 1),
            TestData.squares("toy/val", 16, 4, 2),
            TestData.squares("toy/test", 16, 4, 3),
            Map.of());
    Result r =
        CornerOnlyExperiment.run(
            "toy",
            new CornerOnlyExperiment.Budget(1, 1, 0, 0, 0),
            1,
            data,
            dir,
            (h, s) -> new TrainingListener() {});
    CornerOnlyReport.write(r, dir);
    for (String f :
        new String[] {
          "results.md",
          "results.csv",
          "results.json",
          CornerOnlyReport.CHART + ".png",
          CornerOnlyReport.CHART + ".svg"
        }) {
      assertThat(dir.resolve(f)).isNotEmptyFile();
    }
    assertThat(r.rows()).extracting(Row::head).containsExactly("fc", "gap", "gap-circular");
    Row circular = r.rows().get(2);
    // a property of the padding, true even after one epoch: the corners are rolls by 32
    assertThat(circular.runs().get(0).samePredictions()).isEqualTo(16);
    assertThat(circular.runs().get(0).identicalLogits()).isEqualTo(16);
    assertThat(circular.runs().get(0).maxLogitDiff()).isZero();
    assertThat(circular.mean()).containsOnly(circular.mean()[0]);
    assertThat(CornerOnlyExperiment.checks(r)).hasSize(3);
    String md = Files.readString(dir.resolve("results.md"));
    assertThat(md).contains("receptive field 22, jump 8, effective padding 7");
    assertThat(md).contains("cell 4 (rows 25-46)").contains("cell i sees rows 8i-7..8i+14");
  }

  @Test
  void theLastMapIsTheCards() {
    RfRow top = CornerOnlyExperiment.lastMap(Head.GAP_CIRCULAR);
    assertThat(top.r()).isEqualTo(22);
    assertThat(top.jump()).isEqualTo(8);
    assertThat(top.firstPixel(0)).isEqualTo(-7);
  }

  @Test
  void agreementCountsByHand() {
    int[][] pred = {{0, 1, 2}, {0, 1, 3}, {0, 2, 2}};
    assertThat(CornerOnlyExperiment.sameAcross(pred)).isEqualTo(1);
    float[][] logits = {{1f, 2f, 3f, 4f}, {1f, 2f, 3f, 4.5f}};
    assertThat(CornerOnlyExperiment.identicalAcross(logits, 2)).isEqualTo(1);
    assertThat(CornerOnlyExperiment.maxAbsDiff(logits)).isEqualTo(0.5);
  }
}
