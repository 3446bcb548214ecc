package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shiftlab.TestData;
import io.shiftlab.data.DataSplits;
import io.shiftlab.experiment.ShiftedDigitsReport.ArmResult;
import io.shiftlab.experiment.ShiftedDigitsReport.Result;
import io.shiftlab.experiment.ShiftedDigitsReport.Run;
import io.shiftlab.experiment.ShiftedDigitsReport.Settings;
import io.shiftlab.random.Streams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shifted-digits' checks and table, decided from a hand-made result, and its runs per arm. */
class ShiftedDigitsTest {
  private static final int N = 200;

  @TempDir Path dir;

  /**
   * 200 test images, two runs per arm. NN loses 140 and 136 images to Shift, CNN1 60 and 55 of the
   * same images (held); MLP loses exactly CNN1's images in both runs (a difference of exactly 0:
   * not held); CNN2 loses as many as CNN1 in each run but two others (inconclusive); CNN2+aug loses
   * one image in each run (held: with two runs, Student's t(1) = 12.7 leaves anything that differs
   * between them open, so only runs that agree can hold a claim).
   */
  @Test
  void dropOrderingIsDecidedFromPerImageIntervalsOverRuns() {
    // per arm, run 0 then run 1: images right clean, under ShiftMin and under Shift (the first k)
    Result r =
        result(
            arm(0, run(0, 180, 150, 40), run(1, 186, 150, 50)), // NN
            arm(1, run(0, 180, 180, 120), run(1, 180, 180, 125)), // MLP
            arm(2, run(0, 180, 180, 120), run(1, 180, 180, 125)), // CNN1
            arm(
                3,
                run(0, flags(0, 180), flags(0, 180), flags(2, 122)),
                run(1, flags(0, 180), flags(0, 180), flags(2, 127))), // CNN2
            arm(4, run(0, 180, 180, 179), run(1, 180, 180, 179))); // CNN2+aug
    List<Check> c = ShiftedDigitsReport.checks(r);
    assertThat(c)
        .extracting(Check::decision)
        .containsExactly(Decision.HELD, Decision.NOT_HELD, Decision.INCONCLUSIVE, Decision.HELD);
    // NN's drops 70 and 68 points, CNN1's 30 and 27.5: the paired differences are 40 and 40.5
    assertThat(c.get(0).effect().value()).isCloseTo(40.25, within(1e-9));
    assertThat(c.get(0).effect().seeds()).isEqualTo(2);
    assertThat(c.get(0).measured()).contains("over 2 seeds").contains("NN 69.0 pts (70.0, 68.0)");
    assertThat(c.get(1).effect().hi()).isEqualTo(0.0);
    assertThat(c.get(3).effect().value()).isCloseTo(0.5, within(1e-9));
    assertThat(c.get(3).effect().hi()).isLessThan(2.5);
    assertThat(Verdict.of(c)).isEqualTo(Verdict.PARTLY);
    assertThat(ShiftedDigitsReport.verdict(c))
        .isEqualTo("The expected shape did NOT fully hold (2 of 4 checks held, 1 inconclusive).");
    // NN: clean 90% and 93% hold the published 93%; ShiftMin, 75% in both runs, does not hold
    // 86.1; Shift, 20% and 25% (two runs that differ: t(1) = 12.7), holds 44.9; MLP has no
    // published numbers
    String table = ShiftedDigitsReport.table(r).toMarkdown();
    assertThat(table.lines().filter(l -> l.startsWith("| NN")).findFirst().orElseThrow())
        .contains("0.9150")
        .contains("0.2250")
        .contains("0.0150 / 0.0000 / 0.0250")
        .contains("yes / no / yes");
    assertThat(table.lines().filter(l -> l.startsWith("| MLP")).findFirst().orElseThrow())
        .doesNotContain("yes")
        .doesNotContain("no ");
    assertThat(ShiftedDigitsReport.setup(r)).contains("2 run(s) per arm");
  }

  /** The runner's number of runs decides how many models each arm trains: 2 here, 10 in all. */
  @Test
  void aContextWithTwoSeedsTrainsTwoRunsPerArm() throws Exception {
    ExperimentContext ctx = TestData.smokeContext(3, 2, ShiftedDigitsTest::toy);
    Result r = new ShiftedDigits().measure(ctx, dir);
    new ShiftedDigitsReport().write(r, dir);
    assertThat(r.settings().seeds()).isEqualTo(2);
    for (ArmResult a : r.arms()) {
      assertThat(a.runs()).extracting(Run::run).containsExactly(0, 1);
      assertThat(a.runs()).extracting(Run::seed).containsExactly(3L, Streams.runSeed(3, 1));
      assertThat(a.clean())
          .isCloseTo((a.runs().get(0).clean() + a.runs().get(1).clean()) / 2, within(1e-12));
    }
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      assertThat(runs.map(p -> p.getFileName().toString()))
          .hasSize(10)
          .contains("nn-article-r0", "nn-article-r1", "cnn2-aug-r0", "cnn2-aug-r1");
    }
    assertThat(Files.readString(dir.resolve("runs/cnn2-aug-r1/config.json")))
        .contains(Long.toString(Streams.runSeed(3, 1)));
    assertThat(ShiftedDigitsReport.checks(r).get(0).effect().seeds()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("results.md"))).contains("CNN2+aug run 1 (seed ");
  }

  private static DataSplits toy(String dataset, long seed, int maxTrain, int maxTest) {
    return TestData.squareSplits("toy/", 64, 16, 16, 10, seed);
  }

  private static double[] flags(int from, int to) {
    double[] v = new double[N];
    for (int i = from; i < to; i++) {
      v[i] = 1;
    }
    return v;
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElseThrow();
  }

  private static Result result(ArmResult... arms) {
    return new Result(
        new Settings(
            "hand-made",
            ShiftedDigits.budget("digits", BudgetLevel.SMOKE),
            1,
            arms[0].runs().size()),
        N,
        ShiftedDigits.CURVE_MAX,
        List.of(arms));
  }

  /** A run right on the first {@code clean}, {@code shiftMin} and {@code shift} test images. */
  private static Run run(int r, int clean, int shiftMin, int shift) {
    return run(r, flags(0, clean), flags(0, shiftMin), flags(0, shift));
  }

  private static Run run(int r, double[] clean, double[] shiftMin, double[] shift) {
    double[] curve = new double[ShiftedDigits.CURVE_MAX + 1];
    Arrays.fill(curve, mean(clean));
    return new Run(
        r,
        Streams.runSeed(1, r),
        null,
        "runs/x-r" + r,
        mean(clean),
        mean(shiftMin),
        mean(shift),
        curve,
        clean,
        shiftMin,
        shift);
  }

  private static ArmResult arm(int i, Run... runs) {
    return ArmResult.of(ShiftedDigits.ARMS.get(i), List.of(runs));
  }
}
