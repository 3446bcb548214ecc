package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shiftlab.TestData;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.synthetic.PositionTarget;
import io.shiftlab.experiment.PositionReadoutReport.Result;
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
    DataSplits data =
        new DataSplits(
            TestData.squares("train", 120, 4, 1),
            TestData.squares("val", 20, 4, 2),
            TestData.squares("test", 30, 4, 3),
            Map.of());
    var settings =
        new PositionReadoutReport.Settings(
            "squares",
            PositionReadoutExperiment.budget(BudgetLevel.SMOKE),
            1,
            io.shiftlab.train.ReadoutConfig.cardSgd());
    Result r = PositionReadoutExperiment.run(settings, data, dir, m -> TrainingListener.NONE);
    new PositionReadoutReport().write(r, dir);
    for (String f :
        new String[] {
          "results.md",
          "results.csv",
          "ablations.csv",
          "results.json",
          PositionReadoutReport.CHART + ".png",
          PositionReadoutReport.CHART + ".svg",
          PositionReadoutReport.GRID,
          "runs/posenc-zero/config.json",
          "runs/posenc-none/config.json"
        }) {
      assertThat(dir.resolve(f)).as(f).isNotEmptyFile();
    }
    // 3 feature sources x 5 targets, and every ablation factor
    assertThat(r.main()).hasSize(15);
    assertThat(Files.readAllLines(dir.resolve("results.csv"))).hasSize(1 + 15);
    assertThat(r.ablations())
        .extracting(PositionReadoutReport.Ablation::factor)
        .contains("encoder padding", "kernel", "depth", "read-out padding", "level");
    // zero-padded H, V; raw H, V; valid H, V; stripes H, V; black and white
    assertThat(PositionReadoutReport.checks(r)).hasSize(9);
    assertThat(r.testSets()).containsExactly("mosaic", "black", "white", "noise");
    assertThat(r.fit("posenc-zero", PositionTarget.H).score("mosaic").rhos()).hasSize(8);
    // the raw image read-out without padding is translation-equivariant: black and white images
    // give a constant prediction, reported as NaN with the image counted as undefined
    for (PositionTarget t : PositionTarget.values()) {
      Fit raw = r.fit(PositionReadoutReport.RAW, t);
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
  void checksAreDecidedFromTheIntervalOverTheCrops() {
    int n = 100;
    double[] zeroH = alternating(n, 0.65, 0.75); // mean 0.70, interval about [0.69, 0.71]
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
    Result r =
        new Result(
            new PositionReadoutReport.Settings(
                "hand", PositionReadoutExperiment.budget(BudgetLevel.SMOKE), 1, null),
            List.of(),
            main,
            List.of(),
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
    assertThat(checks.get(2).decision()).isEqualTo(Decision.HELD); // raw H: NaN, exact
    assertThat(checks.get(2).effect()).isNull();
    assertThat(checks.get(4).decision()).isEqualTo(Decision.NOT_HELD); // valid H: 0.5
    assertThat(checks.get(6).decision()).isEqualTo(Decision.HELD); // H - HS = 0.1 > 0
    assertThat(checks.get(6).effect().value()).isCloseTo(0.1, within(1e-9));
    assertThat(checks.get(7).decision()).isEqualTo(Decision.NOT_HELD); // V - VS = -0.05
    // the comparison columns: 0.703 (COMP ResNet) is inside [0.69, 0.71], 0.742 (ICLR VGG) not
    String md = PositionReadoutReport.table(r).toMarkdown();
    assertThat(md)
        .contains("ICLR VGG no, ICLR ResNet no, COMP VGG no, COMP ResNet yes")
        .contains("NaN (every prediction constant)");
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
