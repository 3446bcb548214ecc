package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shiftlab.TestData;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.ImageSet;
import io.shiftlab.experiment.ShiftRobustReport.ArmResult;
import io.shiftlab.experiment.ShiftRobustReport.Consistency;
import io.shiftlab.experiment.ShiftRobustReport.Result;
import io.shiftlab.experiment.ShiftRobustReport.Run;
import io.shiftlab.random.Streams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke run of shift-robust on random images, the padding, and the checks by hand. */
class ShiftRobustTest {
  @TempDir Path dir;

  private static ImageSet noise(String name, int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] pixels = new byte[n * 28 * 28];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(10);
      for (int p = 0; p < 28 * 28; p++) {
        pixels[i * 28 * 28 + p] = (byte) rng.nextInt(256);
      }
    }
    return new ImageSet(name, pixels, labels, 10, 1, 28, 28);
  }

  @Test
  void padPutsA28PixelImageTwoPixelsInFromEachSide() {
    byte[] px = new byte[28 * 28];
    px[0] = (byte) 255; // (row 0, col 0)
    px[28 * 28 - 1] = 7; // (row 27, col 27)
    ImageSet padded = ShiftRobust.pad(new ImageSet("one", px, new int[] {3}, 10, 1, 28, 28));
    assertThat(padded.height()).isEqualTo(32);
    assertThat(padded.width()).isEqualTo(32);
    byte[] out = padded.image(0);
    assertThat(out[2 * 32 + 2]).isEqualTo((byte) 255);
    assertThat(out[29 * 32 + 29]).isEqualTo((byte) 7);
    int nonZero = 0;
    for (byte b : out) {
      nonZero += b != 0 ? 1 : 0;
    }
    assertThat(nonZero).isEqualTo(2);
    assertThat(padded.labels()).containsExactly(3);
  }

  /**
   * A smoke run through the context with two seeds: every arm trains two models (run directories
   * {@code runs/ARM-r0} and {@code -r1}, probes likewise), the second with the derived run seed.
   */
  @Test
  void smokeRunWithTwoSeedsTrainsTwoRunsPerArmAndApsIsExactlyCircularlyConsistentEvenUntrained()
      throws IOException {
    ExperimentContext ctx =
        TestData.smokeContext(
            5,
            2,
            (name, seed, maxTrain, maxTest) ->
                new DataSplits(
                    noise("train", 64, 1), noise("val", 16, 2), noise("test", 16, 3), Map.of()));
    Result r = new ShiftRobust().measure(ctx, dir);
    new ShiftRobustReport().write(r, dir);
    TestData.assertReportFiles(
        dir,
        "consistency-by-distance-crop.png",
        "consistency-by-distance-circular.svg",
        "runs/aps-r0/config.json",
        "runs/aps-r1/config.json",
        "probes/aps-r1/circular/consistency.json",
        "probes/baseline-r0/crop/consistency-distance.csv");
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      assertThat(runs).hasSize(8);
    }
    assertThat(r.seeds()).isEqualTo(2);
    assertThat(r.arms())
        .extracting(a -> a.arm().label())
        .containsExactly("baseline", "blurpool", "aps", "augshift");
    for (ArmResult a : r.arms()) {
      assertThat(a.runs()).extracting(Run::run).containsExactly(0, 1);
      assertThat(a.runs()).extracting(Run::seed).containsExactly(5L, Streams.runSeed(5, 1));
    }
    List<Check> checks = ShiftRobustReport.checks(r);
    assertThat(checks).hasSize(5);
    // a property of the architecture, true for any weights: APS + circular padding + GAP
    assertThat(r.arms().get(2).runs()).allMatch(x -> x.circular().pct() == 100.0);
    assertThat(checks.get(0).held()).isTrue();
    assertThat(checks.get(1).effect().seeds()).isEqualTo(2);
    assertThat(r.arms().get(0).runs().get(1).cropPerImage()).hasSize(16);
    assertThat(Files.readString(dir.resolve("results.json"))).doesNotContain("cropPerImage");
    assertThat(Files.readAllLines(dir.resolve("results.csv"))).hasSize(5);
    String md = Files.readString(dir.resolve("results.md"));
    assertThat(md)
        .contains("published CIFAR-10 acc %")
        .contains("93.1")
        .contains("94.8")
        .contains("2 run(s) per arm");
    assertThat(Files.readString(dir.resolve("runs/aps-r1/config.json")))
        .contains("vgg-small:padding=circular,down=aps_max")
        .contains(Long.toString(Streams.runSeed(5, 1)));
  }

  /**
   * A hand-made result of 100 test images and two runs per arm whose decisions are known: AugShift
   * agrees on 15 and 17 more crop images than the baseline (held); BlurPool agrees on exactly the
   * same crop images in each run (a difference of exactly 0, not held) and, under circular shifts,
   * on 82 images against 80 in run 0 and 80 against 82 in run 1, on different ones (the interval
   * straddles 0: inconclusive).
   */
  @Test
  void checksAreDecidedFromPerImageIntervalsOverRuns() {
    Result r =
        result(
            arm(0, run(0, flags(0, 80), flags(0, 80)), run(1, flags(0, 78), flags(0, 82))),
            arm(1, run(0, flags(0, 80), flags(18, 100)), run(1, flags(0, 78), flags(20, 100))),
            arm(2, run(0, flags(0, 90), flags(0, 100)), run(1, flags(0, 88), flags(0, 100))),
            arm(3, run(0, flags(0, 95), flags(0, 99)), run(1, flags(0, 95), flags(0, 99))));
    List<Check> c = ShiftRobustReport.checks(r);
    assertThat(c)
        .extracting(Check::decision)
        .containsExactly(
            Decision.HELD, Decision.NOT_HELD, Decision.INCONCLUSIVE, Decision.HELD, Decision.HELD);
    assertThat(c.get(3).effect().value()).isCloseTo(16.0, within(1e-9));
    assertThat(c.get(3).effect().seeds()).isEqualTo(2);
    assertThat(c.get(3).effect().lo()).isGreaterThan(0);
    assertThat(c.get(2).effect().value()).isCloseTo(0.0, within(1e-9));
    assertThat(c.get(2).effect().lo()).isLessThan(0);
    assertThat(c.get(2).effect().hi()).isGreaterThan(0);
    assertThat(c.get(1).effect().hi()).isEqualTo(0.0);
    assertThat(Verdict.of(c)).isEqualTo(Verdict.PARTLY);
    // one image short of 100% in one run is not exact consistency
    Result almost =
        result(
            r.arms().get(0),
            r.arms().get(1),
            arm(2, run(0, flags(0, 90), flags(0, 100)), run(1, flags(0, 88), flags(0, 99))),
            r.arms().get(3));
    assertThat(ShiftRobustReport.checks(almost).get(0).decision()).isEqualTo(Decision.NOT_HELD);
    assertThat(ShiftRobustReport.checks(almost).get(0).measured())
        .contains("run 0 100.00%")
        .contains("run 1 99.00%");
    // baseline accuracy 93% on 100 images: the published 93.1 lies inside; its two runs' crop
    // consistency (78%, 80%) differ, so with t(1) its interval [64, 94] holds the published 90.8;
    // AugShift's circular runs agree at 99%: [97, 100] leaves the published 94.8 outside
    String table = ShiftRobustReport.table(r).toMarkdown();
    assertThat(table)
        .contains("published inside")
        .contains("79.0 [64.0, 94.0]")
        .contains("yes / yes / yes")
        .contains("yes / yes / no");
  }

  private static double[] flags(int from, int to) {
    double[] v = new double[100];
    for (int i = from; i < to; i++) {
      v[i] = 1;
    }
    return v;
  }

  private static Result result(ArmResult... arms) {
    return new Result(
        "hand-made",
        1,
        arms[0].runs().size(),
        ShiftRobust.budget(BudgetLevel.SMOKE),
        100,
        List.of(arms));
  }

  private static ArmResult arm(int i, Run... runs) {
    return ArmResult.of(ShiftRobust.ARMS.get(i), List.of(runs));
  }

  private static Run run(int r, double[] crop, double[] circular) {
    return new Run(
        r,
        Streams.runSeed(1, r),
        null,
        "runs/x-r" + r,
        "probes/x-r" + r,
        93,
        new Consistency(100 * mean(crop), 0.5, 100),
        new Consistency(100 * mean(circular), 0.5, 100),
        new double[0][],
        new double[0][],
        flags(0, 93),
        crop,
        circular);
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElseThrow();
  }
}
