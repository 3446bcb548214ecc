package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shiftlab.TestData;
import io.shiftlab.data.DataSplits;
import io.shiftlab.experiment.CornerOnlyReport.Result;
import io.shiftlab.experiment.CornerOnlyReport.Row;
import io.shiftlab.experiment.CornerOnlyReport.Run;
import io.shiftlab.nn.zoo.PlainCnns.Head;
import io.shiftlab.random.Streams;
import io.shiftlab.rf.RfRow;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny corner-only run on toy digits, a hand-made result whose decisions are known, and the
 * hand-checked helpers.
 */
class CornerOnlyExperimentTest {
  @TempDir Path dir;

  @Test
  void tinyRunWritesTheReportAndTheCircularHeadAgreesAcrossCorners() throws Exception {
    DataSplits data = TestData.squareSplits("toy/", 64, 16, 16, 4, 1);
    Result r =
        CornerOnlyExperiment.run(
            "toy",
            new CornerOnlyReport.Budget(1, 0, 0, 0),
            1,
            1,
            data,
            dir,
            (h, s) -> new TrainingListener() {});
    new CornerOnlyReport().write(r, dir);
    TestData.assertReportFiles(
        dir, CornerOnlyReport.CHART + ".png", CornerOnlyReport.CHART + ".svg");
    assertThat(r.rows()).extracting(Row::head).containsExactly("fc", "gap", "gap-circular");
    Row circular = r.rows().get(2);
    // a property of the padding, true even after one epoch: the corners are rolls by 32
    assertThat(circular.runs().get(0).samePredictions()).isEqualTo(16);
    assertThat(circular.runs().get(0).identicalLogits()).isEqualTo(16);
    assertThat(circular.runs().get(0).maxLogitDiff()).isZero();
    assertThat(circular.mean()).containsOnly(circular.mean()[0]);
    // fc: TL vs clean and BR; gap: TR, BL, BR vs TL; gap-circular: one exact check, held
    List<Check> checks = CornerOnlyReport.checks(r);
    assertThat(checks).hasSize(6);
    assertThat(checks.get(5).expected()).startsWith("gap-circular: ");
    assertThat(checks.get(5).decision()).isEqualTo(Decision.HELD);
    String md = Files.readString(dir.resolve("results.md"));
    assertThat(md).contains("receptive field 22, jump 8, effective padding 7");
    assertThat(md).contains("cell 4 (rows 25-46)").contains("cell i sees rows 8i-7..8i+14");
  }

  @Test
  void theLastMapIsTheCards() {
    RfRow top = CornerOnlyReport.lastMap(Head.GAP_CIRCULAR);
    assertThat(top.r()).isEqualTo(22);
    assertThat(top.jump()).isEqualTo(8);
    assertThat(top.firstPixel(0)).isEqualTo(-7);
  }

  @Test
  void theContextsSeedsAreTheRunsPerHead() throws Exception {
    ExperimentContext ctx =
        TestData.smokeContext(
            3,
            2,
            (name, seed, maxTrain, maxTest) -> TestData.squareSplits("toy/", 64, 16, 16, 4, seed));
    Result r = new CornerOnlyExperiment().measure(ctx, dir);
    assertThat(r.seeds()).isEqualTo(2);
    TestData.assertRunDirs(
        dir, "fc-r0", "fc-r1", "gap-r0", "gap-r1", "gap-circular-r0", "gap-circular-r1");
    for (Row row : r.rows()) {
      // run 0 trains with the master seed, run 1 with a seed derived from it: --seed matters
      assertThat(row.runs())
          .extracting(Run::seed)
          .containsExactly(3L, Streams.runSeed(3, 1))
          .doesNotContain(0L, 1L);
      assertThat(row.runs()).extracting(Run::runDir).allMatch(d -> d.startsWith("runs/"));
    }
    assertThat(CornerOnlyReport.setup(r))
        .contains("master seed 3. Per head, 2 runs (r = 0..1, training seed");
  }

  /** n flags, the first {@code right} of them 1. */
  private static double[] flags(int n, int right) {
    double[] f = new double[n];
    Arrays.fill(f, 0, right, 1);
    return f;
  }

  /** A run whose corners have the given numbers right out of 100 test images. */
  private static Run run(Head h, long seed, int clean, int... right) {
    double[][] correct = new double[4][];
    double[] acc = new double[4];
    for (int c = 0; c < 4; c++) {
      correct[c] = flags(100, right[c]);
      acc[c] = right[c] / 100.0;
    }
    return new Run(h.id(), seed, "runs/x", clean / 100.0, acc, 0, 0, 1, flags(100, clean), correct);
  }

  @Test
  void handMadeResultIsDecidedByTheInterval() {
    List<Run> fc = List.of(run(Head.FC, 0, 60, 90, 10, 10, 8), run(Head.FC, 1, 62, 92, 12, 9, 10));
    // gap: the same digits right at every corner, so each paired difference is exactly 0
    List<Run> gap =
        List.of(run(Head.GAP, 0, 50, 50, 50, 50, 50), run(Head.GAP, 1, 52, 52, 52, 52, 52));
    // gap-circular: all 100 rows bit-identical in run 0, 99 of 100 in run 1
    Run circ = run(Head.GAP_CIRCULAR, 0, 40, 40, 40, 40, 40);
    Run circ0 =
        new Run(
            circ.head(),
            0,
            "runs/y0",
            0.4,
            circ.accuracy(),
            100,
            100,
            0,
            circ.cleanCorrect(),
            circ.correct());
    Run circ1 =
        new Run(
            circ.head(),
            1,
            "runs/y1",
            0.4,
            circ.accuracy(),
            100,
            99,
            1e-7,
            circ.cleanCorrect(),
            circ.correct());
    Result r =
        new Result(
            "toy",
            new CornerOnlyReport.Budget(1, 0, 0, 0),
            2,
            64,
            1,
            500,
            100,
            List.of(
                CornerOnlyExperiment.summarise(Head.FC, fc),
                CornerOnlyExperiment.summarise(Head.GAP, gap),
                CornerOnlyExperiment.summarise(Head.GAP_CIRCULAR, List.of(circ0, circ1))));
    List<Check> checks = CornerOnlyReport.checks(r);
    // fc: TL (91%) is 30 points above clean (61%): far outside 3 of 0 -> not held;
    // BR about 9%: the whole interval below 25% -> held
    assertThat(checks.get(0).decision()).isEqualTo(Decision.NOT_HELD);
    assertThat(checks.get(0).effect().value()).isCloseTo(30.0, within(1e-9));
    assertThat(checks.get(1).decision()).isEqualTo(Decision.HELD);
    assertThat(checks.get(1).effect().hi()).isLessThan(25.0);
    // gap: TR, BL, BR - TL exactly 0 on every image -> held
    assertThat(checks.subList(2, 5)).allMatch(c -> c.decision() == Decision.HELD);
    assertThat(checks.get(2).effect().lo()).isZero();
    // gap-circular: exact, must hold in every run; one row of run 1 not bit-identical -> not held
    assertThat(checks.get(5).decision()).isEqualTo(Decision.NOT_HELD);
    assertThat(checks.get(5).effect()).isNull();
    assertThat(checks.get(5).measured()).startsWith("bit-identical logits 199 of 200");
    // the intervals rest on both seeds
    assertThat(checks.get(1).effect().seeds()).isEqualTo(2);
    assertThat(CornerOnlyReport.verdict(r)).contains("held for 1 of 3 heads");
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
