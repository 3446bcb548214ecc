package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.TestData;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.synthetic.PositionTarget;
import io.shiftlab.experiment.PositionReadoutExperiment.Result;
import io.shiftlab.probe.PositionReadout.Fit;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke-budget position-readout run on a toy data set: every file, table row and check. */
class PositionReadoutExperimentTest {
  @TempDir Path dir;

  @Test
  void smokeRunWritesEveryOutputAndReportsNaNForConstantPredictions() throws Exception {
    DataSplits data =
        new DataSplits(
            TestData.squares("train", 120, 4, 1),
            TestData.squares("val", 20, 4, 2),
            TestData.squares("test", 30, 4, 3),
            Map.of());
    var settings =
        new PositionReadoutExperiment.Settings(
            "squares",
            PositionReadoutExperiment.budget(BudgetLevel.SMOKE),
            1,
            io.shiftlab.train.ReadoutConfig.cardSgd());
    Result r = PositionReadoutExperiment.run(settings, data, dir, m -> TrainingListener.NONE);
    PositionReadoutReport.write(r, dir);
    for (String f :
        new String[] {
          "results.md",
          "results.csv",
          "ablations.csv",
          "results.json",
          PositionReadoutReport.CHART + ".png",
          PositionReadoutReport.CHART + ".svg",
          PositionReadoutReport.GRID,
          "runs/posenc-zero/config.json",
          "runs/posenc-none/config.json"
        }) {
      assertThat(dir.resolve(f)).as(f).isNotEmptyFile();
    }
    // 3 feature sources x 5 targets, and every ablation factor
    assertThat(r.main()).hasSize(15);
    assertThat(Files.readAllLines(dir.resolve("results.csv"))).hasSize(1 + 15);
    assertThat(r.ablations())
        .extracting(PositionReadoutExperiment.Ablation::factor)
        .contains("encoder padding", "kernel", "depth", "read-out padding", "level");
    assertThat(PositionReadoutExperiment.checks(r)).hasSize(5);
    // the raw image read-out without padding is translation-equivariant: black and white images
    // give a constant prediction, reported as NaN with the image counted as undefined
    for (PositionTarget t : PositionTarget.values()) {
      Fit raw = r.fit(PositionReadoutExperiment.RAW, t);
      assertThat(raw.score("black").spc()).as(t.name()).isNaN();
      assertThat(raw.score("black").undefined()).isEqualTo(1);
      assertThat(raw.score("white").spc()).isNaN();
    }
    String md = Files.readString(dir.resolve("results.md"));
    assertThat(md).contains("published ICLR T1").contains("PosENet .012/.251").contains("NaN");
    Outcome o = PositionReadoutReport.outcome(new PositionReadoutExperiment(), r, 1.0);
    assertThat(o.figures()).hasSize(2);
    assertThat(o.checks()).hasSize(5);
  }
}
