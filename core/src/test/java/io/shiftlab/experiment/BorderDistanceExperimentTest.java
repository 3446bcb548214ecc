package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shiftlab.TestData;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.CanvasGrid.Colour;
import io.shiftlab.data.synthetic.CanvasGrid.Task;
import io.shiftlab.experiment.BorderDistanceReport.ArmResult;
import io.shiftlab.experiment.BorderDistanceReport.Result;
import io.shiftlab.experiment.BorderDistanceReport.RunResult;
import io.shiftlab.experiment.BorderDistanceReport.RunSpec;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.probe.GridAccuracy;
import io.shiftlab.random.Streams;
import io.shiftlab.stats.Intervals;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke-budget border-distance run, the circular known answer, and a hand-made result whose
 * decisions are known.
 */
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
            1,
            0,
            new DataSplits(train, val, test, Map.of()),
            dir,
            (s, run) -> TrainingListener.NONE);
    new BorderDistanceReport().write(r, dir);
    List<Check> checks = BorderDistanceReport.checks(r);
    TestData.assertReportFiles(
        dir,
        BorderDistanceReport.BY_PADDING + ".png",
        BorderDistanceReport.BY_PADDING + ".svg",
        BorderDistanceReport.BY_COLOUR + ".svg",
        BorderDistanceReport.SEM + ".png",
        "cells-loc-zero-black.png",
        "cells-sem-zero-black.png");
    assertThat(dir.resolve("runs/loc-circular-black-r0/config.json")).isNotEmptyFile();
    assertThat(r.arms()).hasSize(4);
    assertThat(r.arms()).allMatch(a -> a.runs().size() == 1);
    // smoke trains LOC zero, circular, zero on white, SEM zero: zero's A(0) and A(0) - A(2), the
    // circular's two exact checks, white vs black and SEM's dip can be tested
    assertThat(checks).hasSize(6);
    RunResult circ = r.find(Task.LOC, PaddingMode.CIRCULAR, Colour.BLACK).runs().get(0);
    // a property of the padding, true even after one epoch: the same cell for a digit everywhere
    assertThat(circ.invariance().samePrediction()).isTrue();
    assertThat(circ.invariance().accuracy()).isEqualTo(1.0 / 25);
    assertThat(circ.invariance().spread())
        .isLessThanOrEqualTo(1e-4 * Math.max(1, circ.invariance().scale()));
    // one run: run 0 trains with the master seed
    assertThat(circ.run()).isZero();
    assertThat(circ.seed()).isZero();
    assertThat(checks.stream().filter(c -> c.expected().startsWith("LOC circular")))
        .hasSize(2)
        .allMatch(Check::held);
    assertThat(r.find(Task.LOC, PaddingMode.ZERO, Colour.BLACK).runs().get(0).invariance())
        .isNull();
    assertThat(r.canvasValues().get(Colour.WHITE)).isEqualTo(255);
    List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
    assertThat(csv).hasSize(5);
    assertThat(csv.get(0)).startsWith("task,padding,canvas,seeds,accuracy,accuracy_std,");
    assertThat(csv.get(1)).startsWith("loc,zero,black (0),1,");
    for (ArmResult arm : r.arms()) {
      RunResult a = arm.runs().get(0);
      assertThat(a.rings()).hasSize(3);
      assertThat(a.chance()).isEqualTo(a.spec().task() == Task.LOC ? 1.0 / 25 : 1.0 / 10);
      // one run: the arm's means are the run's numbers
      assertThat(arm.accuracy()).isEqualTo(a.accuracy());
      assertThat(arm.accuracyStd()).isZero();
    }
  }

  @Test
  void theContextsSeedsAreTheRunsPerArm() throws Exception {
    ExperimentContext ctx =
        TestData.smokeContext(
            3,
            2,
            (name, seed, maxTrain, maxTest) ->
                new DataSplits(
                    TestData.squares("tr", 120, 10, 1),
                    TestData.squares("va", 40, 10, 2),
                    TestData.squares("te", 60, 10, 3),
                    Map.of()));
    Result r = new BorderDistanceExperiment().measure(ctx, dir);
    assertThat(r.seeds()).isEqualTo(2);
    TestData.assertRunDirs(
        dir,
        "loc-zero-black-r0",
        "loc-zero-black-r1",
        "loc-circular-black-r0",
        "loc-circular-black-r1",
        "loc-zero-white-r0",
        "loc-zero-white-r1",
        "sem-zero-black-r0",
        "sem-zero-black-r1");
    for (ArmResult arm : r.arms()) {
      // the data are the master seed's; run 0 trains with it, run 1 with a derived seed
      assertThat(arm.runs()).extracting(RunResult::seed).containsExactly(3L, Streams.runSeed(3, 1));
    }
    // the circular known answer must hold in every run, and does
    assertThat(BorderDistanceReport.checks(r))
        .filteredOn(c -> c.expected().startsWith("LOC circular"))
        .hasSize(2)
        .allMatch(Check::held);
  }

  /**
   * A run from per-image cells, predictions and labels, as the experiment measures it.
   *
   * @param spec the arm
   * @param run the run index
   * @param cells each image's (row, col) on the 5x5 grid
   * @param right whether each image is classified correctly
   */
  private static RunResult run(RunSpec spec, int run, int[][] cells, boolean[] right) {
    int n = cells.length;
    int[] rows = new int[n];
    int[] cols = new int[n];
    int[] pred = new int[n];
    int[] labels = new int[n];
    int[] distance = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = cells[i][0];
      cols[i] = cells[i][1];
      pred[i] = right[i] ? 0 : 1;
      distance[i] = GridAccuracy.ring(rows[i], cols[i], 5);
    }
    GridAccuracy.Cells c = GridAccuracy.cells(5, rows, cols, pred, labels);
    double[][] acc = new double[5][5];
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 5; x++) {
        acc[y][x] = c.accuracy(y, x);
      }
    }
    return new RunResult(
        spec,
        run,
        run,
        "runs/" + spec.id() + "-r" + run,
        1.0 / 25,
        c.overall(),
        acc,
        GridAccuracy.byRing(c),
        null,
        Intervals.correct(pred, labels),
        distance);
  }

  @Test
  void handMadeResultIsDecidedByTheInterval() {
    // 40 images in corner cell (0, 0) (d 0) and 10 in the centre (2, 2) (d 2)
    int[][] cells = new int[50][];
    boolean[] zero = new boolean[50];
    boolean[] sem = new boolean[50];
    boolean[] sem1 = new boolean[50];
    for (int i = 0; i < 50; i++) {
      cells[i] = i < 40 ? new int[] {0, 0} : new int[] {2, 2};
      zero[i] = i < 40; // every border image right, every centre image wrong
      sem[i] = i % 2 == 0; // half right in both rings
      sem1[i] = i % 2 == 1; // the other half: still half right in both rings
    }
    RunSpec locZero = new RunSpec(Task.LOC, PaddingMode.ZERO, Colour.BLACK);
    RunSpec locReflect = new RunSpec(Task.LOC, PaddingMode.REFLECT, Colour.BLACK);
    RunSpec semZero = new RunSpec(Task.SEM, PaddingMode.ZERO, Colour.BLACK);
    // two runs (seeds) per arm
    Result r =
        new Result(
            BorderDistanceExperiment.budget(BudgetLevel.SMOKE),
            2,
            0,
            Map.of(Colour.BLACK, 0),
            List.of(
                ArmResult.of(
                    locZero, List.of(run(locZero, 0, cells, zero), run(locZero, 1, cells, zero))),
                // reflect: the same images, the same answers in each run: the paired difference is
                // exactly 0
                ArmResult.of(
                    locReflect,
                    List.of(run(locReflect, 0, cells, zero), run(locReflect, 1, cells, zero))),
                ArmResult.of(
                    semZero, List.of(run(semZero, 0, cells, sem), run(semZero, 1, cells, sem1)))));
    List<Check> checks = BorderDistanceReport.checks(r);
    assertThat(checks)
        .extracting(Check::expected)
        .containsExactly(
            "LOC zero (black): high at the border, A(0) > 90%",
            "LOC zero (black): errors at d 2 (A(0) - A(2) > 0)",
            "LOC reflect (black): lower accuracy than zero padding",
            "SEM zero (black): accuracy dips at d 0 (A(0) - A(2) < 0, hypothesis)");
    // A(0) = 100% on all 40 images in both runs: the interval [100, 100] lies above 90
    assertThat(checks.get(0).decision()).isEqualTo(Decision.HELD);
    assertThat(checks.get(0).effect().seeds()).isEqualTo(2);
    assertThat(checks.get(0).effect().lo()).isEqualTo(100.0);
    // A(0) - A(2) = 100 points, with an interval far above 0
    assertThat(checks.get(1).decision()).isEqualTo(Decision.HELD);
    assertThat(checks.get(1).effect().value()).isCloseTo(100.0, within(1e-9));
    // reflect - zero = 0 exactly: the interval [0, 0] is not below 0
    assertThat(checks.get(2).decision()).isEqualTo(Decision.NOT_HELD);
    // SEM: 50% in both rings in each run: the interval straddles 0
    assertThat(checks.get(3).decision()).isEqualTo(Decision.INCONCLUSIVE);
    assertThat(checks.get(3).effect().lo()).isLessThan(0);
    assertThat(checks.get(3).effect().hi()).isGreaterThan(0);
    // the arm's numbers are means over its runs
    ArmResult semArm = r.find(Task.SEM, PaddingMode.ZERO, Colour.BLACK);
    assertThat(semArm.ring(0)).isCloseTo(0.5, within(1e-12));
    assertThat(semArm.accuracyStd()).isZero();
  }
}
