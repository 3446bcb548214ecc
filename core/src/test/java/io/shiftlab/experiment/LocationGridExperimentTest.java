package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.TestData;
import io.shiftlab.data.synthetic.GridTask;
import io.shiftlab.experiment.LocationGridExperiment.Family;
import io.shiftlab.experiment.LocationGridExperiment.Result;
import io.shiftlab.experiment.LocationGridExperiment.Row;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke-budget location-grid run on synthetic tiles: files, rows, checks, known answers. */
class LocationGridExperimentTest {
  @TempDir Path dir;

  @Test
  void smokeRunWritesTheReportAndCircularIsExactlyChance() throws Exception {
    LocationGridExperiment.Budget b = LocationGridExperiment.budget(BudgetLevel.SMOKE);
    Result r =
        LocationGridExperiment.run(
            b,
            1,
            TestData.squares("train", 120, 10, 1),
            TestData.squares("val", 40, 10, 2),
            TestData.squares("test", 40, 10, 3),
            dir,
            label -> TrainingListener.NONE);
    LocationGridReport.write(r, dir);
    for (String f :
        List.of(
            "results.md",
            "results.csv",
            "results.json",
            LocationGridReport.CHART + ".png",
            LocationGridReport.CHART + ".svg",
            "cells-g3-gapnet-zero.png",
            "cells-g3-permutenet-zero.png")) {
      assertThat(dir.resolve(f)).as(f).isNotEmptyFile();
    }
    // 2 tasks x (2 GAPNet paddings + PermuteNet)
    assertThat(r.rows()).hasSize(6);
    assertThat(dir.resolve("runs/g3-gapnet-circular-location/config.json")).isNotEmptyFile();
    // a property of circular padding, true untrained: the cell cannot be seen
    Row circ = r.row(3, Family.GAPNET, PaddingMode.CIRCULAR, GridTask.LOCATION);
    assertThat(circ.identicalTiles()).isEqualTo(circ.tiles()).isEqualTo(6);
    assertThat(circ.accuracy()).isEqualTo(1.0 / 9);
    Row perm = r.row(3, Family.PERMUTENET, PaddingMode.ZERO, GridTask.LOCATION);
    assertThat(perm.passes()).isEqualTo(2);
    assertThat(perm.passAccuracy()).hasSize(2);
    List<Check> checks = LocationGridExperiment.checks(r);
    assertThat(checks).hasSize(3);
    assertThat(checks.get(1).held()).isTrue();
    String md = Files.readString(dir.resolve("results.md"));
    assertThat(md).contains("published % (CIFAR-10 ResNet-18, reference)").contains("78.8");
    Outcome o = LocationGridReport.outcome(new LocationGridExperiment(), r, 1.0);
    assertThat(o.table().rows()).hasSize(6);
    assertThat(o.figures()).hasSize(3);
  }

  @Test
  void publishedNumbersAreOnlyForZeroPaddingAndTheTwoGrids() {
    assertThat(
            LocationGridReport.published(7, Family.PERMUTENET, PaddingMode.ZERO, GridTask.LOCATION))
        .isEqualTo(21.4);
    assertThat(LocationGridReport.published(3, Family.GAPNET, PaddingMode.ZERO, GridTask.CLASS))
        .isEqualTo(82.6);
    assertThat(
            LocationGridReport.published(3, Family.GAPNET, PaddingMode.CIRCULAR, GridTask.LOCATION))
        .isNull();
    assertThat(LocationGridReport.published(5, Family.GAPNET, PaddingMode.ZERO, GridTask.LOCATION))
        .isNull();
  }
}
