package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.experiment.FramingBiasExperiment.ArmResult;
import io.shiftlab.experiment.FramingBiasExperiment.Result;
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
  void smokeRunWritesTheReportWithTenArmsAndSevenChecks() throws Exception {
    Result r =
        FramingBiasExperiment.run(
            FramingBiasExperiment.budget(BudgetLevel.SMOKE), 0, dir, a -> TrainingListener.NONE);
    FramingBiasReport.write(r, dir);
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
    assertThat(r.checks()).hasSize(7);
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
    for (Check c : r.checks()) {
      assertThat(md).contains(c.expected());
    }
  }

  @Test
  void sameSeedGivesTheSameNumbers() {
    var b = new FramingBiasExperiment.Budget(32, 16, 16, 1);
    Result a = FramingBiasExperiment.run(b, 3, dir.resolve("a"), x -> TrainingListener.NONE);
    Result c = FramingBiasExperiment.run(b, 3, dir.resolve("b"), x -> TrainingListener.NONE);
    for (int i = 0; i < a.arms().size(); i++) {
      assertThat(c.arms().get(i).framed()).isEqualTo(a.arms().get(i).framed());
      assertThat(c.arms().get(i).anywhere()).isEqualTo(a.arms().get(i).anywhere());
    }
  }
}
