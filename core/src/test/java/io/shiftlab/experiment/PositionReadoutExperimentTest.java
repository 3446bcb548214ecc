package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.shiftlab.TestData;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.synthetic.PositionTarget;
import io.shiftlab.experiment.PositionReadoutReport.Result;
import io.shiftlab.experiment.PositionReadoutReport.Run;
import io.shiftlab.probe.PositionReadout.Fit;
import io.shiftlab.probe.PositionReadout.Score;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke-budget position-readout run on a toy data set: every file, table row and check. */
class PositionReadoutExperimentTest {
  @TempDir Path dir;

  @Test
  void smokeRunWritesEveryOutputAndReportsNaNForConstantPredictions() throws Exception {
    DataSplits data = TestData.squareSplits("", 120, 20, 30, 4, 1);
    var settings =
        new PositionReadoutReport.Settings(
            "squares",
            PositionReadoutExperiment.budget(BudgetLevel.SMOKE),
            1,
            io.shiftlab.train.ReadoutConfig.cardSgd());
    Result r = PositionReadoutExperiment.run(settings, 1, data, dir, m -> TrainingListener.NONE);
    Run run = r.runs().get(0);
    new PositionReadoutReport().write(r, dir);
    TestData.assertNonEmptyFiles(
        dir,
        "results.md",
        "results.csv",
        "ablations.csv",
        "results.json",
        PositionReadoutReport.CHART + ".png",
        PositionReadoutReport.CHART + ".svg",
        PositionReadoutReport.GRID,
        "runs/posenc-zero-r0/config.json",
        "runs/posenc-none-r0/config.json");
    // 3 feature sources x 5 targets, and every ablation factor
    assertThat(r.seeds()).isEqualTo(1);
    assertThat(run.seed()).isEqualTo(1); // run 0 trains with the master seed
    assertThat(run.main()).hasSize(15);
    assertThat(Files.readAllLines(dir.resolve("results.csv"))).hasSize(1 + 15);
    assertThat(run.ablations())
        .extracting(PositionReadoutReport.Ablation::factor)
        .contains("encoder padding", "kernel", "depth", "read-out padding", "level");
    // zero-padded H, V; raw H, V; valid H, V; stripes H, V; black and white
    assertThat(PositionReadoutReport.checks(r)).hasSize(9);
    assertThat(r.testSets()).containsExactly("mosaic", "black", "white", "noise");
    assertThat(run.fit("posenc-zero", PositionTarget.H).score("mosaic").rhos()).hasSize(8);
    // the raw image read-out without padding is translation-equivariant: black and white images
    // give a constant prediction, reported as NaN with the image counted as undefined
    for (PositionTarget t : PositionTarget.values()) {
      Fit raw = run.fit(PositionReadoutReport.RAW, t);
      assertThat(raw.score("black").spc()).as(t.name()).isNaN();
      assertThat(raw.score("black").undefined()).isEqualTo(1);
      assertThat(raw.score("white").spc()).isNaN();
    }
    String md = Files.readString(dir.resolve("results.md"));
    assertThat(md).contains("published ICLR T1").contains("PosENet .012/.251").contains("NaN");
    Findings o = new PositionReadoutReport().findings(r);
    assertThat(o.figures()).hasSize(2);
    assertThat(o.checks()).hasSize(9);
    assertThat(o.checks().get(8).decision()).isEqualTo(Decision.HELD);
  }

  @Test
  void twoSeedsTrainTwoEncodersPerPaddingThroughTheRunner() throws Exception {
    Path target = dir.resolve("two");
    Outcome o = TestData.runOnSquares(new PositionReadoutExperiment(), target, 5, 4, 30, 2);
    TestData.assertRunDirs(
        target, "posenc-none-r0", "posenc-none-r1", "posenc-zero-r0", "posenc-zero-r1");
    JsonNode json = TestData.resultsOfSeeds(target, 2);
    // run 0 trains with the master seed, run 1 with a derived one
    assertThat(json.get("runs").get(0).get("seed").asLong()).isEqualTo(5);
    assertThat(json.get("runs").get(1).get("seed").asLong())
        .isEqualTo(io.shiftlab.random.Streams.runSeed(5, 1))
        .isNotEqualTo(5);
    assertThat(o.checks()).hasSize(9);
    assertThat(o.checks().get(0).effect().seeds()).isEqualTo(2);
  }

  @Test
  void checksAreDecidedFromTheIntervalOverRunsAndCrops() {
    int n = 100;
    List<Run> runs = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      // run k: zero H around 0.70 + 0.01 (k - 1), so the runs differ a little
      double[] zeroH = alternating(n, 0.64 + 0.01 * k, 0.74 + 0.01 * k);
      double[] zeroV = alternating(n, 0.0, 0.4); // mean 0.20: straddles the 0.2 threshold
      double[] none = alternating(n, 0.5, 0.5); // far from 0
      double[] nan = alternating(n, Double.NaN, Double.NaN); // every prediction constant
      List<Fit> main = new ArrayList<>();
      for (PositionTarget t : PositionTarget.values()) {
        double[] z =
            switch (t) {
              case H -> zeroH;
              case V -> zeroV;
              case HS -> shift(zeroH, -0.1); // exactly 0.1 below H on every crop
              case VS -> shift(zeroV, 0.05); // above V on every crop
              case G -> zeroH;
            };
        main.add(fit("posenc-zero f1+f2+f3", t, z, 0.3));
        main.add(fit("posenc-none f1+f2+f3", t, none, Double.NaN));
        main.add(fit(PositionReadoutReport.RAW + " 14x14", t, nan, Double.NaN));
      }
      runs.add(new Run(k, k, List.of(), main, List.of()));
    }
    Result r =
        new Result(
            new PositionReadoutReport.Settings(
                "hand", PositionReadoutExperiment.budget(BudgetLevel.SMOKE), 1, null),
            3,
            runs,
            List.of("mosaic", "black", "white"));
    Map<String, Decision> d = new LinkedHashMap<>();
    for (Check c : PositionReadoutReport.checks(r)) {
      d.put(c.expected().substring(0, c.expected().indexOf(" (")), c.decision());
    }
    assertThat(d)
        .containsEntry("zero-padded encoder: SPC(H) clearly > 0", Decision.HELD)
        .containsEntry("zero-padded encoder: SPC(V) clearly > 0", Decision.INCONCLUSIVE)
        .containsEntry("raw-image read-out", Decision.HELD)
        .containsEntry("valid", Decision.NOT_HELD);
    List<Check> checks = PositionReadoutReport.checks(r);
    assertThat(checks.get(0).effect().seeds()).isEqualTo(3);
    assertThat(checks.get(0).effect().value()).isCloseTo(0.70, within(1e-9));
    assertThat(checks.get(2).decision()).isEqualTo(Decision.HELD); // raw H: NaN, exact
    assertThat(checks.get(2).effect()).isNull();
    assertThat(checks.get(4).decision()).isEqualTo(Decision.NOT_HELD); // valid H: 0.5
    assertThat(checks.get(6).decision()).isEqualTo(Decision.HELD); // H - HS = 0.1 > 0
    assertThat(checks.get(6).effect().value()).isCloseTo(0.1, within(1e-9));
    assertThat(checks.get(7).decision()).isEqualTo(Decision.NOT_HELD); // V - VS = -0.05
    assertThat(checks.get(8).decision()).isEqualTo(Decision.HELD); // NaN on black in every run
    // the comparison columns: 0.703 (COMP ResNet) is inside the interval around 0.70, 0.742 (ICLR
    // VGG) not
    String md = PositionReadoutReport.table(r).toMarkdown();
    assertThat(md)
        .contains("ICLR VGG no, ICLR ResNet no, COMP VGG no, COMP ResNet yes")
        .contains("NaN (every prediction constant)");
    // the table shows the mean over runs and the std over runs of SPC(H) on mosaic crops
    // (run means 0.69, 0.70, 0.71; columns: features, target, SPC/MAE x 3 sets, SPC std)
    List<Object> zeroRow = PositionReadoutReport.table(r).rows().get(0);
    assertThat(zeroRow.subList(0, 2)).containsExactly("posenc-zero", "H");
    assertThat((Double) zeroRow.get(2)).isCloseTo(0.70, within(1e-9));
    assertThat((Double) zeroRow.get(8)).isCloseTo(0.01 * Math.sqrt(2.0 / 3), within(1e-9));
    // a run whose raw read-out is not constant on black breaks the exact check
    List<Fit> broken = new ArrayList<>(runs.get(1).main());
    broken.replaceAll(
        x ->
            x.features().startsWith(PositionReadoutReport.RAW) && x.target() == PositionTarget.H
                ? fit(x.features(), x.target(), x.score("mosaic").rhos(), 0.4)
                : x);
    Result r2 =
        new Result(
            r.settings(),
            3,
            List.of(runs.get(0), new Run(1, 1, List.of(), broken, List.of()), runs.get(2)),
            r.testSets());
    assertThat(PositionReadoutReport.checks(r2).get(8).decision()).isEqualTo(Decision.NOT_HELD);
  }

  private static double[] alternating(int n, double a, double b) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i % 2 == 0 ? a : b;
    }
    return v;
  }

  private static double[] shift(double[] v, double by) {
    return Arrays.stream(v).map(x -> x + by).toArray();
  }

  private static Fit fit(String features, PositionTarget t, double[] rhos, double blackSpc) {
    double spc = Arrays.stream(rhos).filter(Double::isFinite).average().orElse(Double.NaN);
    return new Fit(
        features,
        t,
        "hand",
        new double[] {0.1},
        List.of(
            new Score("mosaic", spc, 0, 0, rhos.length, 0.2, rhos),
            new Score("black", blackSpc, 0, 1, 1, 0.2, new double[] {blackSpc}),
            new Score("white", blackSpc, 0, 1, 1, 0.2, new double[] {blackSpc})),
        Map.of());
  }
}
