package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shiftlab.experiment.FramingBiasReport.ArmResult;
import io.shiftlab.experiment.FramingBiasReport.Result;
import io.shiftlab.probe.BinnedAccuracy;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke-budget framing-bias run: every arm trained, every file written, every check present. */
class FramingBiasExperimentTest {
  @TempDir Path dir;

  @Test
  void smokeRunWritesTheReportWithTenArmsAndElevenChecks() throws Exception {
    Result r =
        FramingBiasExperiment.run(
            FramingBiasExperiment.budget(BudgetLevel.SMOKE), 0, dir, a -> TrainingListener.NONE);
    new FramingBiasReport().write(r, dir);
    for (String f :
        List.of(
            "results.md",
            "results.csv",
            "results.json",
            FramingBiasReport.CHART + ".png",
            FramingBiasReport.CHART + ".svg")) {
      assertThat(dir.resolve(f)).as(f).isNotEmptyFile();
    }
    assertThat(r.arms()).hasSize(10);
    assertThat(r.arms().stream().filter(ArmResult::augmented)).hasSize(5);
    assertThat(dir.resolve("runs/framing-d-flat-aug/config.json")).isNotEmptyFile();
    List<Check> checks = FramingBiasReport.checks(r);
    assertThat(checks).hasSize(11);
    for (ArmResult a : r.arms()) {
      // the framed test images all lie within 2 px of the centre; the bins count every image
      int total = a.bins().stream().mapToInt(b -> b.images()).sum();
      assertThat(total).isEqualTo(2 * 32);
      assertThat(a.bins().get(0).images()).isGreaterThanOrEqualTo(32);
      assertThat(a.gap()).isEqualTo(a.framed() - a.anywhere());
    }
    List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
    assertThat(csv).hasSize(11);
    assertThat(csv.get(1)).startsWith("P-flat,none,");
    assertThat(csv.get(2)).startsWith("P-flat+aug,zero:14x14:int,");
    String md = Files.readString(dir.resolve("results.md"));
    for (Check c : checks) {
      assertThat(md).contains(c.expected());
    }
  }

  @Test
  void sameSeedGivesTheSameNumbers() {
    var b = new FramingBiasReport.Budget(32, 16, 16, 1);
    Result a = FramingBiasExperiment.run(b, 3, dir.resolve("a"), x -> TrainingListener.NONE);
    Result c = FramingBiasExperiment.run(b, 3, dir.resolve("b"), x -> TrainingListener.NONE);
    for (int i = 0; i < a.arms().size(); i++) {
      assertThat(c.arms().get(i).framed()).isEqualTo(a.arms().get(i).framed());
      assertThat(c.arms().get(i).anywhere()).isEqualTo(a.arms().get(i).anywhere());
    }
  }

  /** Hand-made images: 200 framed (offset 1 px) and 200 anywhere, half at 5 px, half at 12 px. */
  private static final int N = 200;

  /**
   * A hand-made result whose decisions are known. P-flat loses 40 points from framed to anywhere
   * and is at 20% in the far bin (held); S-flat loses 3 points and keeps 90% in the far bin (not
   * held); D-flat's gap exceeds P-flat's by 2 images of 200 (inconclusive); S-flat+aug is at
   * chance, so "every augmented model finds the object anywhere" does not hold, decided on it.
   */
  @Test
  void handMadeResultGivesTheDecisionsItWasBuiltFor() {
    double[] offsets = new double[2 * N];
    for (int i = 0; i < N; i++) {
      offsets[i] = 1;
      offsets[N + i] = i < N / 2 ? 5 : 12;
    }
    Result r =
        new Result(
            new FramingBiasReport.Budget(10, 10, N, 1),
            1,
            FramingBiasExperiment.BIN_EDGES,
            offsets,
            List.of(
                arm("P-flat", offsets, 200, 120),
                arm("P-flat+aug", offsets, 180, 179),
                arm("P-gap", offsets, 200, 196),
                arm("P-gap+aug", offsets, 180, 179),
                arm("S-flat", offsets, 196, 190),
                arm("S-flat+aug", offsets, 100, 100),
                arm("D-flat", offsets, 200, 118),
                arm("D-flat+aug", offsets, 180, 179),
                arm("D-gap", offsets, 200, 198),
                arm("D-gap+aug", offsets, 180, 179)));
    List<Check> c = FramingBiasReport.checks(r);
    assertThat(c)
        .extracting(Check::decision)
        .containsExactly(
            Decision.HELD, // P-flat: large gap
            Decision.HELD, // P-flat: far bin 20%
            Decision.NOT_HELD, // S-flat: gap 3 points
            Decision.NOT_HELD, // S-flat: far bin 90%
            Decision.HELD, // D-flat: large gap
            Decision.HELD, // D-flat: far bin 18%
            Decision.HELD, // P-gap smaller than P-flat
            Decision.HELD, // D-gap smaller than D-flat
            Decision.HELD, // augmented: gap within 3 points of 0
            Decision.NOT_HELD, // augmented: S-flat+aug at 50% anywhere
            Decision.INCONCLUSIVE); // D-flat largest: 1 point more than P-flat
    assertThat(c.get(0).effect().value()).isCloseTo(40.0, within(1e-9));
    assertThat(c.get(1).effect().value()).isCloseTo(20.0, within(1e-9));
    assertThat(c.get(9).measured()).contains("least favourable S-flat+aug");
    assertThat(c.get(9).effect().value()).isCloseTo(50.0, within(1e-9));
    assertThat(c.get(10).measured()).contains("least favourable vs P-flat");
  }

  /** An arm whose first {@code framed} and first {@code anywhere} images are correct. */
  private static ArmResult arm(String label, double[] offsets, int framed, int anywhere) {
    double[] f = new double[N];
    double[] a = new double[N];
    int[] predicted = new int[2 * N];
    for (int i = 0; i < N; i++) {
      f[i] = i < framed ? 1 : 0;
      a[i] = i < anywhere ? 1 : 0;
      predicted[i] = (int) (1 - f[i]);
      predicted[N + i] = (int) (1 - a[i]);
    }
    String augment = label.endsWith("+aug") ? FramingBiasExperiment.AUGMENT : "none";
    return new ArmResult(
        new Arm(label, "framing-x", augment),
        "runs/x",
        0.5,
        framed / (double) N,
        anywhere / (double) N,
        BinnedAccuracy.of(offsets, predicted, new int[2 * N], FramingBiasExperiment.BIN_EDGES),
        f,
        a);
  }
}
