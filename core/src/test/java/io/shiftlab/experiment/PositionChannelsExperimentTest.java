package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.shiftlab.TestData;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.GridTask;
import io.shiftlab.data.synthetic.LocationGrid;
import io.shiftlab.experiment.PositionChannelsReport.Accuracy;
import io.shiftlab.experiment.PositionChannelsReport.Attack;
import io.shiftlab.experiment.PositionChannelsReport.ModelResult;
import io.shiftlab.experiment.PositionChannelsReport.Result;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.nn.zoo.GapNets;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.probe.BackboneProbe;
import io.shiftlab.probe.ChannelRanking;
import io.shiftlab.report.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke-budget position-channels run on synthetic tiles. */
class PositionChannelsExperimentTest {
  @TempDir Path dir;

  @Test
  void smokeRunWritesTheReport() throws Exception {
    Result r = new PositionChannelsExperiment().measure(TestData.squaresContext(1, 10, 60, 1), dir);
    new PositionChannelsReport().write(r, dir);
    TestData.assertReportFiles(
        dir,
        PositionChannelsReport.RANKING + ".png",
        PositionChannelsReport.RANKING + ".svg",
        PositionChannelsReport.ATTACK + ".png",
        PositionChannelsReport.ATTACK + ".svg");
    assertThat(r.seeds()).isEqualTo(1);
    assertThat(r.runs().get(0).seed()).isEqualTo(1); // run 0 trains with the master seed
    ModelResult loc = r.runs().get(0).location();
    assertThat(loc.runDir()).isEqualTo("runs/g3-gapnet-zero-location-r0");
    assertThat(dir.resolve(loc.runDir()).resolve("config.json")).isNotEmptyFile();
    assertThat(loc.attacks()).hasSize(4);
    assertThat(loc.attack(8).random()).hasSize(r.budget().draws());
    for (int[] ranking : loc.rankings()) {
      assertThat(ranking).hasSize(32).doesNotHaveDuplicates();
    }
    // 2 models x (baseline + 4 N x (3 rankings + random))
    Findings o = new PositionChannelsReport().findings(r);
    assertThat(o.table().rows()).hasSize(2 * (1 + 4 * 4));
    // the card's: N = 4, N = 8, average over N; ours, apart: the class twin
    assertThat(o.checks()).hasSize(3);
    assertThat(o.checks()).allSatisfy(c -> assertThat(c.effect()).isNotNull());
    assertThat(o.ownHypotheses()).hasSize(1);
    assertThat(o.ownHypotheses().get(0).expected()).startsWith("class-task twin");
    // the per-image flags agree with the accuracies they summarise
    Attack a8 = loc.attack(8);
    assertThat(mean(a8.targetedCorrect())).isCloseTo(a8.targeted().get(0).overall(), within(1e-9));
    assertThat(mean(a8.randomCorrect())).isCloseTo(a8.randomMean().overall(), within(1e-9));
    assertThat(mean(loc.baselineCorrect())).isCloseTo(loc.baseline().overall(), within(1e-9));
  }

  @Test
  void maskingTheBackboneMapLeavesTheModelUnchanged() {
    ImageSet canvas =
        new LocationGrid(3, 28)
            .everyCell("x", TestData.squares("x", 2, 10, 9), GridTask.LOCATION)
            .images();
    try (Network net =
        Network.create(
            ModelCatalog.get(GapNets.gapNetName(PaddingMode.ZERO)),
            new InputShape(1, 84, 84),
            9,
            3)) {
      float[] before = params(net);
      List<float[]> out =
          BackboneProbe.headLogits(
              net, canvas, Arrays.asList(null, ChannelRanking.zeroMask(32, new int[] {0, 1, 2})));
      assertThat(out.get(1)).isNotEqualTo(out.get(0));
      assertThat(params(net)).containsExactly(before);
      float[] again = BackboneProbe.headLogits(net, canvas, Arrays.asList((float[]) null)).get(0);
      assertThat(again).containsExactly(out.get(0));
    }
  }

  @Test
  void twoSeedsTrainTwoModelsPerTaskThroughTheRunner() throws Exception {
    Path target = dir.resolve("two");
    Outcome o = TestData.runOnSquares(new PositionChannelsExperiment(), target, 6, 10, 60, 2);
    TestData.assertRunDirs(
        target,
        "g3-gapnet-zero-class-r0",
        "g3-gapnet-zero-class-r1",
        "g3-gapnet-zero-location-r0",
        "g3-gapnet-zero-location-r1");
    JsonNode json = TestData.resultsOfSeeds(target, 2);
    assertThat(json.get("runs").get(1).get("seed").asLong())
        .isEqualTo(io.shiftlab.random.Streams.runSeed(6, 1));
    assertThat(o.checks()).hasSize(3).allSatisfy(c -> assertThat(c.effect().seeds()).isEqualTo(2));
    // a smoke model at chance has no share of above-chance accuracy: then "undefined", no number
    assertThat(o.ownHypotheses())
        .hasSize(1)
        .allSatisfy(
            c -> {
              if (c.effect() == null) {
                assertThat(c.decision()).isEqualTo(Decision.INCONCLUSIVE);
                assertThat(c.measured()).startsWith("undefined: ");
              } else {
                assertThat(c.effect().seeds()).isEqualTo(2);
              }
            });
    // the verdict comes from the card's three checks alone
    assertThat(o.verdict()).isEqualTo(Verdict.of(o.checks()));
  }

  @Test
  void checksAreDecidedFromTheIntervalOverRunsAndTestImages() {
    int n = 200;
    double[] all = flags(n, n);
    // three runs (with two, Student's t(1) = 12.7 leaves runs that differ undecided). Location
    // model: intact 100%; at N = 4 the top channels cost 50, 40 and 45 points (runs 0, 1, 2) and
    // random ones none; at N = 8 all leave 90% (targeted: 180 of 200 images, random: 0.9 of the
    // draws on each)
    int[] rightAtN4 = {n / 2, 120, 110};
    List<PositionChannelsReport.Run> runs = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      ModelResult loc = location(all, rightAtN4[k]);
      // digit model: intact 100%, nothing left at N = 8: it loses more than location does
      ModelResult dig =
          model(GridTask.CLASS, all, attack(4, all, all), attack(8, flags(n, 0), all));
      runs.add(new PositionChannelsReport.Run(k, k, loc, dig));
    }
    Result r = new Result(PositionChannelsExperiment.budget(BudgetLevel.SMOKE), 1, 3, runs, 3);
    List<Check> checks = PositionChannelsReport.checks(r);
    assertThat(checks)
        .extracting(Check::decision)
        .containsExactly(
            Decision.HELD, // N = 4: 45 points extra loss (50, 40 and 45)
            Decision.INCONCLUSIVE, // N = 8: 0 extra loss, interval around 0
            Decision.HELD); // average over N: 11.25 points
    assertThat(checks).allSatisfy(c -> assertThat(c.effect().seeds()).isEqualTo(3));
    assertThat(checks.get(0).effect().value()).isCloseTo(45, within(1e-9));
    assertThat(checks.get(2).effect().value()).isCloseTo(11.25, within(1e-9));
    // ours, beside the verdict: location loses 11% of its above-chance accuracy, class 111%
    List<Check> ours = PositionChannelsReport.ownHypotheses(r);
    assertThat(ours).extracting(Check::decision).containsExactly(Decision.NOT_HELD);
    assertThat(ours.get(0).effect().value())
        .isCloseTo(100 * (0.1 / (1 - 1.0 / 9) - 1 / 0.9), within(1e-9));
    assertThat(ours.get(0).effect().seeds()).isEqualTo(3);
    // the verdict counts only the card's checks: held, inconclusive, held
    assertThat(Verdict.of(checks)).isEqualTo(Verdict.INCONCLUSIVE);
    // the table: the targeted N = 4 row of the location model is 55 ± 4.1 (runs at 50, 60 and 55;
    // population std sqrt(50 / 3))
    Table t = PositionChannelsReport.table(r);
    List<Object> row = t.rows().get(1 + 2 * 4);
    assertThat(row.subList(0, 4))
        .containsExactly("location", "top by overall ranking", 4, "55.0 ± 4.1");
  }

  @Test
  void theTwinHypothesisIsUndefinedWhenAnIntactModelIsAtChance() {
    int n = 200;
    double[] all = flags(n, n);
    List<PositionChannelsReport.Run> runs = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      ModelResult loc = location(all, n / 2);
      // run 1's class twin is right on 20 of 200 images intact: 10%, the class task's chance
      double[] intact = k == 1 ? flags(n, 20) : all;
      ModelResult dig =
          model(GridTask.CLASS, intact, attack(4, intact, intact), attack(8, flags(n, 0), intact));
      runs.add(new PositionChannelsReport.Run(k, k, loc, dig));
    }
    Result r = new Result(PositionChannelsExperiment.budget(BudgetLevel.SMOKE), 1, 3, runs, 3);
    Check twin = PositionChannelsReport.ownHypotheses(r).get(0);
    assertThat(twin.decision()).isEqualTo(Decision.INCONCLUSIVE);
    assertThat(twin.effect()).isNull();
    assertThat(twin.measured())
        .isEqualTo(
            "undefined: 1 of 6 intact models are at or below chance, so a share of their above-chance"
                + " accuracy means nothing");
    // the card's checks do not need the share and are still decided
    assertThat(PositionChannelsReport.checks(r))
        .allSatisfy(c -> assertThat(c.effect()).isNotNull());
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElseThrow();
  }

  /** {@code right} ones then zeros. */
  private static double[] flags(int n, int right) {
    double[] v = new double[n];
    Arrays.fill(v, 0, right, 1);
    return v;
  }

  private static double[] constant(int n, double x) {
    double[] v = new double[n];
    Arrays.fill(v, x);
    return v;
  }

  private static Accuracy accuracy(double[] correct) {
    double m = mean(correct);
    return new Accuracy(m, m, m, m);
  }

  private static Attack attack(int n, double[] targeted, double[] random) {
    Accuracy t = accuracy(targeted);
    return new Attack(
        n,
        List.of(t, t, t),
        List.of(accuracy(random), accuracy(random)),
        accuracy(random),
        new Accuracy(0, 0, 0, 0),
        targeted,
        random);
  }

  /**
   * A model right on every image intact ({@code all}) and with its top 1 or 2 channels masked,
   * under the given attacks at N = 4 and N = 8.
   */
  private static ModelResult model(GridTask task, double[] all, Attack four, Attack eight) {
    return new ModelResult(
        task,
        "runs/hand",
        new double[32],
        new double[32],
        List.of(),
        accuracy(all),
        List.of(attack(1, all, all), attack(2, all, all), four, eight),
        all);
  }

  /**
   * A location model right on every image intact ({@code all}); at N = 4 the top channels leave
   * {@code rightAtN4} images right and random ones all; at N = 8 the top ones leave 180 and random
   * ones 0.9 of the draws on each.
   */
  private static ModelResult location(double[] all, int rightAtN4) {
    int n = all.length;
    return model(
        GridTask.LOCATION,
        all,
        attack(4, flags(n, rightAtN4), all),
        attack(8, flags(n, 180), constant(n, 0.9)));
  }

  private static float[] params(Network net) {
    var p = net.block().getParameters();
    int n = 0;
    for (var e : p) {
      n += (int) e.getValue().getArray().size();
    }
    float[] out = new float[n];
    int o = 0;
    for (var e : p) {
      float[] v = e.getValue().getArray().toFloatArray();
      System.arraycopy(v, 0, out, o, v.length);
      o += v.length;
    }
    return out;
  }
}
