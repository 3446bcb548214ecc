package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.TestData;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.CanvasGrid.Colour;
import io.shiftlab.data.synthetic.CanvasGrid.Task;
import io.shiftlab.experiment.BorderDistanceExperiment.Result;
import io.shiftlab.experiment.BorderDistanceExperiment.RunResult;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke-budget border-distance run and the circular known answer. */
class BorderDistanceExperimentTest {
  @TempDir Path dir;

  @Test
  void smokeRunWritesTheReportAndCircularIsExactlyChance() throws Exception {
    ImageSet train = TestData.squares("tr", 120, 10, 1);
    ImageSet val = TestData.squares("va", 40, 10, 2);
    ImageSet test = TestData.squares("te", 60, 10, 3);
    Result r =
        BorderDistanceExperiment.run(
            BorderDistanceExperiment.budget(BudgetLevel.SMOKE),
            0,
            train,
            val,
            test,
            Map.of(),
            dir,
            s -> TrainingListener.NONE);
    BorderDistanceReport.write(r, dir);
    for (String f :
        List.of(
            "results.md",
            "results.csv",
            "results.json",
            BorderDistanceReport.BY_PADDING + ".png",
            BorderDistanceReport.BY_PADDING + ".svg",
            BorderDistanceReport.BY_COLOUR + ".svg",
            BorderDistanceReport.SEM + ".png",
            "cells-loc-zero-black.png",
            "cells-sem-zero-black.png")) {
      assertThat(dir.resolve(f)).as(f).isNotEmptyFile();
    }
    assertThat(dir.resolve("runs/loc-circular-black/config.json")).isNotEmptyFile();
    assertThat(r.runs()).hasSize(4);
    // smoke trains LOC zero, circular, zero on white, SEM zero: 4 checks can be tested
    assertThat(r.checks()).hasSize(4);
    RunResult circ = r.find(Task.LOC, PaddingMode.CIRCULAR, Colour.BLACK);
    // a property of the padding, true even after one epoch: the same cell for a digit everywhere
    assertThat(circ.invariance().samePrediction()).isTrue();
    assertThat(circ.invariance().accuracy()).isEqualTo(1.0 / 25);
    assertThat(circ.invariance().spread())
        .isLessThanOrEqualTo(1e-4 * Math.max(1, circ.invariance().scale()));
    assertThat(r.checks().stream().filter(c -> c.expected().startsWith("LOC circular")))
        .singleElement()
        .matches(Check::held);
    assertThat(r.find(Task.LOC, PaddingMode.ZERO, Colour.BLACK).invariance()).isNull();
    assertThat(r.canvasValues().get(Colour.WHITE)).isEqualTo(255);
    List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
    assertThat(csv).hasSize(5);
    assertThat(csv.get(1)).startsWith("loc,zero,black (0),");
    for (RunResult a : r.runs()) {
      assertThat(a.rings()).hasSize(3);
      assertThat(a.chance()).isEqualTo(a.spec().task() == Task.LOC ? 1.0 / 25 : 1.0 / 10);
    }
  }
}
