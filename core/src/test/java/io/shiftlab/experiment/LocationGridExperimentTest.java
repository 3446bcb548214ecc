package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.shiftlab.TestData;
import io.shiftlab.data.synthetic.GridTask;
import io.shiftlab.experiment.LocationGridReport.Arm;
import io.shiftlab.experiment.LocationGridReport.Family;
import io.shiftlab.experiment.LocationGridReport.GridPlan;
import io.shiftlab.experiment.LocationGridReport.Result;
import io.shiftlab.experiment.LocationGridReport.Row;
import io.shiftlab.experiment.LocationGridReport.Run;
import io.shiftlab.nn.PaddingMode;
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
    Result r = new LocationGridExperiment().measure(TestData.squaresContext(1, 10, 40, 1), dir);
    new LocationGridReport().write(r, dir);
    TestData.assertReportFiles(
        dir,
        LocationGridReport.CHART + ".png",
        LocationGridReport.CHART + ".svg",
        "cells-g3-gapnet-zero.png",
        "cells-g3-permutenet-zero.png");
    // 2 tasks x (2 GAPNet paddings + PermuteNet)
    assertThat(r.rows()).hasSize(6);
    assertThat(dir.resolve("runs/g3-gapnet-circular-location-r0/config.json")).isNotEmptyFile();
    assertThat(r.seeds()).isEqualTo(1);
    // a property of circular padding, true untrained: the cell cannot be seen
    Row circ = r.row(3, Family.GAPNET, PaddingMode.CIRCULAR, GridTask.LOCATION);
    assertThat(circ.runs()).hasSize(1);
    assertThat(circ.runs().get(0).identicalTiles()).isEqualTo(circ.tiles()).isEqualTo(6);
    assertThat(circ.accuracy()).isEqualTo(1.0 / 9);
    assertThat(circ.runs().get(0).seed()).isEqualTo(1); // run 0 trains with the master seed
    Row perm = r.row(3, Family.PERMUTENET, PaddingMode.ZERO, GridTask.LOCATION);
    assertThat(perm.passes()).isEqualTo(2);
    assertThat(perm.runs().get(0).passAccuracy()).hasSize(2);
    assertThat(perm.runs().get(0).correct()).hasSize(6 * 9);
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
  void twoSeedsTrainTwoModelsPerArmThroughTheRunner() throws Exception {
    Path target = dir.resolve("two");
    Outcome o = TestData.runOnSquares(new LocationGridExperiment(), target, 4, 10, 40, 2);
    List<String> dirs;
    try (var list = Files.list(target.resolve("runs"))) {
      dirs = list.map(p -> p.getFileName().toString()).sorted().toList();
    }
    // 2 tasks x 3 arms x 2 runs
    assertThat(dirs)
        .hasSize(12)
        .contains("g3-gapnet-zero-location-r0", "g3-gapnet-zero-location-r1");
    JsonNode json = TestData.json(target.resolve("results.json"));
    assertThat(json.get("seeds").asInt()).isEqualTo(2);
    for (var row : json.get("rows")) {
      assertThat(row.get("runs")).hasSize(2);
      assertThat(row.get("runs").get(1).get("seed").asLong())
          .isEqualTo(io.shiftlab.random.Streams.runSeed(4, 1));
    }
    // the circular known answer holds in both runs
    assertThat(o.checks().get(1).held()).isTrue();
    assertThat(o.checks().get(0).effect().seeds()).isEqualTo(2);
  }

  @Test
  void checksAreDecidedFromTheIntervalOverRunsAndTestImages() {
    int tiles = 30;
    int images = tiles * 9;
    // two runs per arm: zero-padded GAPNet right on 269 of 270 images in each; circular exactly at
    // chance; PermuteNet right on 80% of the passes of every image, so GAPNet - PermuteNet is about
    // 19.6 points
    double[] zero = flags(images, images - 1);
    double[] circ = flags(images, tiles);
    double[] perm = new double[images];
    java.util.Arrays.fill(perm, 0.8);
    GridPlan plan = new GridPlan(3, 100, tiles, List.of(PaddingMode.ZERO, PaddingMode.CIRCULAR));
    Arm zeroArm = new Arm(Family.GAPNET, PaddingMode.ZERO, GridTask.LOCATION);
    Arm circArm = new Arm(Family.GAPNET, PaddingMode.CIRCULAR, GridTask.LOCATION);
    Arm permArm = new Arm(Family.PERMUTENET, PaddingMode.ZERO, GridTask.LOCATION);
    Result r =
        new Result(
            new LocationGridReport.Budget(List.of(plan), 10, 1, 48, 5),
            1,
            2,
            List.of(
                row(zeroArm, 0, zero, zero),
                row(circArm, tiles, circ, circ),
                row(permArm, 0, perm, perm)));
    List<Check> checks = LocationGridReport.checks(r);
    assertThat(checks)
        .extracting(Check::decision)
        .containsExactly(Decision.HELD, Decision.HELD, Decision.HELD);
    assertThat(checks.get(0).effect().seeds()).isEqualTo(2);
    assertThat(checks.get(2).effect().value()).isCloseTo(100 * (269.0 / 270 - 0.8), within(1e-9));
    // the same PermuteNet at 92% is within 10 points of GAPNet: the claim fails
    java.util.Arrays.fill(perm, 0.92);
    assertThat(LocationGridReport.checks(r).get(2).decision()).isEqualTo(Decision.NOT_HELD);
    // a GAPNet right on 96% of 270 images in both runs: its interval straddles 95%
    double[] shaky = flags(images, (int) Math.round(0.96 * images));
    Row shakyRow = row(zeroArm, 0, shaky, shaky);
    Result r2 = new Result(r.budget(), 1, 2, List.of(shakyRow, r.rows().get(1), r.rows().get(2)));
    assertThat(LocationGridReport.checks(r2).get(0).decision()).isEqualTo(Decision.INCONCLUSIVE);
    // the runs differ: 100% and 93% right (251 of 270) average to 96.5%, above 95%, but the
    // spread between the two trained models reaches below 95%: inconclusive
    Row apart = row(zeroArm, 0, flags(images, images), flags(images, 251));
    Result r3 = new Result(r.budget(), 1, 2, List.of(apart, r.rows().get(1), r.rows().get(2)));
    assertThat(apart.accuracy()).isCloseTo((1 + 251.0 / 270) / 2, within(1e-9));
    assertThat(apart.std()).isCloseTo((1 - 251.0 / 270) / 2, within(1e-9));
    Check c3 = LocationGridReport.checks(r3).get(0);
    assertThat(c3.decision()).isEqualTo(Decision.INCONCLUSIVE);
    assertThat(c3.effect().lo()).isLessThan(95);
    assertThat(c3.effect().value()).isGreaterThan(95);
    // circular must be exact in every run: one run with a tile whose logits differ breaks it
    Row circBroken =
        Row.of(3, circArm, 9, 1, tiles, List.of(run(0, circ, tiles), run(1, circ, tiles - 1)));
    Result r4 = new Result(r.budget(), 1, 2, List.of(r.rows().get(0), circBroken, r.rows().get(2)));
    assertThat(LocationGridReport.checks(r4).get(1).decision()).isEqualTo(Decision.NOT_HELD);
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

  /** A row of hand-made runs, one per array of per-image flags. */
  private static Row row(Arm arm, int identical, double[]... correctPerRun) {
    List<Run> runs = new java.util.ArrayList<>();
    for (int i = 0; i < correctPerRun.length; i++) {
      runs.add(run(i, correctPerRun[i], identical));
    }
    int k = arm.task() == GridTask.LOCATION ? 9 : 10;
    return Row.of(3, arm, k, 1, correctPerRun[0].length / 9, runs);
  }

  private static Run run(int index, double[] correct, int identical) {
    double acc = java.util.Arrays.stream(correct).average().orElseThrow();
    return new Run(
        index,
        index,
        "runs/hand-r" + index,
        new double[] {acc},
        acc,
        0,
        new double[9],
        identical,
        correct);
  }
}
