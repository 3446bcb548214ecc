package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shiftlab.TestData;
import io.shiftlab.data.synthetic.GridTask;
import io.shiftlab.experiment.LocationGridReport.Arm;
import io.shiftlab.experiment.LocationGridReport.Family;
import io.shiftlab.experiment.LocationGridReport.GridPlan;
import io.shiftlab.experiment.LocationGridReport.Result;
import io.shiftlab.experiment.LocationGridReport.Row;
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
    LocationGridReport.Budget b = LocationGridExperiment.budget(BudgetLevel.SMOKE);
    Result r =
        LocationGridExperiment.run(
            b,
            1,
            TestData.squares("train", 120, 10, 1),
            TestData.squares("val", 40, 10, 2),
            TestData.squares("test", 40, 10, 3),
            dir,
            label -> TrainingListener.NONE);
    new LocationGridReport().write(r, dir);
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
    assertThat(perm.correct()).hasSize(6 * 9);
    List<Check> checks = LocationGridReport.checks(r);
    assertThat(checks).hasSize(3);
    assertThat(checks.get(1).held()).isTrue();
    assertThat(checks.get(1).effect()).isNull();
    String md = Files.readString(dir.resolve("results.md"));
    assertThat(md).contains("published % (CIFAR-10 ResNet-18, reference)").contains("78.8");
    Findings o = new LocationGridReport().findings(r);
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

  @Test
  void checksAreDecidedFromTheIntervalOverTheTestImages() {
    int tiles = 30;
    int images = tiles * 9;
    // zero-padded GAPNet right on 269 of 270 images; circular exactly at chance; PermuteNet right
    // on 80% of the passes of every image, so GAPNet - PermuteNet is about 19.6 points
    double[] zero = flags(images, images - 1);
    double[] circ = flags(images, tiles);
    double[] perm = new double[images];
    java.util.Arrays.fill(perm, 0.8);
    GridPlan plan = new GridPlan(3, 100, tiles, List.of(PaddingMode.ZERO, PaddingMode.CIRCULAR));
    Result r =
        new Result(
            new LocationGridReport.Budget(List.of(plan), 10, 1, 48, 5),
            1,
            List.of(
                row(new Arm(Family.GAPNET, PaddingMode.ZERO, GridTask.LOCATION), zero, 0),
                row(new Arm(Family.GAPNET, PaddingMode.CIRCULAR, GridTask.LOCATION), circ, tiles),
                row(new Arm(Family.PERMUTENET, PaddingMode.ZERO, GridTask.LOCATION), perm, 0)));
    List<Check> checks = LocationGridReport.checks(r);
    assertThat(checks)
        .extracting(Check::decision)
        .containsExactly(Decision.HELD, Decision.HELD, Decision.HELD);
    assertThat(checks.get(2).effect().value()).isCloseTo(100 * (269.0 / 270 - 0.8), within(1e-9));
    // the same PermuteNet at 92% is within 10 points of GAPNet: the claim fails
    java.util.Arrays.fill(perm, 0.92);
    assertThat(LocationGridReport.checks(r).get(2).decision()).isEqualTo(Decision.NOT_HELD);
    // a GAPNet right on 96% of 270 images: its interval straddles 95%
    Row shaky =
        row(
            new Arm(Family.GAPNET, PaddingMode.ZERO, GridTask.LOCATION),
            flags(images, (int) Math.round(0.96 * images)),
            0);
    Result r2 = new Result(r.budget(), 1, List.of(shaky, r.rows().get(1), r.rows().get(2)));
    assertThat(LocationGridReport.checks(r2).get(0).decision()).isEqualTo(Decision.INCONCLUSIVE);
    // published 100 lies inside the zero-padded GAPNet's interval (its upper end is 100);
    // PermuteNet's published 78.8 lies outside its interval [92.0, 92.0]
    List<String> lines = LocationGridReport.table(r).toMarkdown().lines().toList();
    assertThat(lines.get(0)).contains("published inside our interval");
    assertThat(lines.get(2)).contains("GAPNet").contains("100.0").containsPattern("\\| yes +\\|$");
    assertThat(lines.get(4))
        .contains("PermuteNet")
        .contains("78.8")
        .containsPattern("\\| no +\\|$");
  }

  /** {@code right} ones then zeros. */
  private static double[] flags(int n, int right) {
    double[] v = new double[n];
    for (int i = 0; i < right; i++) {
      v[i] = 1;
    }
    return v;
  }

  private static Row row(Arm arm, double[] correct, int identical) {
    double acc = java.util.Arrays.stream(correct).average().orElseThrow();
    int k = arm.task() == GridTask.LOCATION ? 9 : 10;
    return new Row(
        3,
        arm,
        "runs/hand",
        k,
        1,
        new double[] {acc},
        acc,
        0,
        new double[9],
        identical,
        correct.length / 9,
        correct);
  }
}
