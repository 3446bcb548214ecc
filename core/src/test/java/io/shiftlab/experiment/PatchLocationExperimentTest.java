package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shiftlab.TestData;
import io.shiftlab.experiment.PatchLocationReport.Result;
import io.shiftlab.experiment.PatchLocationReport.Row;
import io.shiftlab.experiment.PatchLocationReport.Run;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.report.Json;
import io.shiftlab.train.AugmentSpec;
import io.shiftlab.train.BatchOrder;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny patch-location run, a hand-made result whose decisions are known, the hand-checked
 * helpers, and the config default for the order.
 */
class PatchLocationExperimentTest {
  @TempDir Path dir;

  @Test
  void tinyRunWritesTheReportAndFullAndCircularCannotSeparate() {
    Result r =
        PatchLocationExperiment.run(
            new PatchLocationReport.Budget(3, 0.1f, 0.9f),
            1,
            dir,
            (p, s) -> new TrainingListener() {});
    new PatchLocationReport().write(r, dir);
    TestData.assertReportFiles(dir, PatchLocationReport.CHART + ".png");
    assertThat(dir.resolve("runs/zero-r0/config.json")).isNotEmptyFile();
    // the four paddings are categories, drawn as bars, not a line over 0..3
    io.shiftlab.report.BarChart chart = PatchLocationReport.chart(r);
    assertThat(chart.categories()).containsExactly("zero", "none", "circular", "full");
    assertThat(r.rows())
        .extracting(Row::padding)
        .containsExactly("zero", "none", "circular", "full");
    for (Row row : r.rows()) {
      if (row.padding().equals("full") || row.padding().equals("circular")) {
        // a property of the padding, true even untrained: both images give the same logits
        assertThat(row.mean()).as(row.padding()).isEqualTo(0.5);
        assertThat(row.identicalRuns()).as(row.padding()).isEqualTo(1);
      }
    }
    // circular and full: two exact checks each, both held by construction
    assertThat(PatchLocationReport.checks(r))
        .filteredOn(c -> c.expected().startsWith("circular") || c.expected().startsWith("full"))
        .hasSize(4)
        .allMatch(c -> c.decision() == Decision.HELD && c.effect() == null);
  }

  @Test
  void theContextsSeedsAreTheRunsPerPadding() throws Exception {
    PatchLocationExperiment e = new PatchLocationExperiment();
    // the level's seeds, and the card's 5 at the default budget only
    assertThat(e.seeds(BudgetLevel.SMOKE)).isEqualTo(1);
    assertThat(e.seeds(BudgetLevel.QUICK)).isEqualTo(2);
    assertThat(e.seeds(BudgetLevel.FULL)).isEqualTo(5);
    ExperimentContext ctx = TestData.noDataContext(7, 2, "patch-location loads no data set");
    Result r = e.measure(ctx, dir);
    assertThat(r.seeds()).isEqualTo(2);
    TestData.assertRunDirs(
        dir,
        "zero-r0",
        "zero-r1",
        "none-r0",
        "none-r1",
        "circular-r0",
        "circular-r1",
        "full-r0",
        "full-r1");
    for (Row row : r.rows()) {
      assertThat(row.runs()).extracting(Run::seed).containsExactly(0L, 1L);
    }
    // run r trains with init seed r: the two zero-padded models differ
    Row zero = r.rows().get(0);
    assertThat(zero.runs().get(0).logits()[0]).isNotEqualTo(zero.runs().get(1).logits()[0]);
    assertThat(PatchLocationReport.setup(r)).contains("2 runs (init seed = run seed = 0..1)");
  }

  /** A hand-made run: its seed, whether its logits were identical, its per-image correct flags. */
  private record HandRun(long seed, boolean identical, double... correct) {}

  private static HandRun run(long seed, boolean identical, double... correct) {
    return new HandRun(seed, identical, correct);
  }

  /** A row of runs of one padding (logits are not read by the checks). */
  private static Row row(PaddingMode mode, HandRun... runs) {
    List<Run> made = new ArrayList<>();
    for (HandRun h : runs) {
      double acc = (h.correct()[0] + h.correct()[1]) / 2;
      made.add(
          new Run(mode.id(), h.seed(), "runs/x", acc, new float[2][2], h.identical(), h.correct()));
    }
    return PatchLocationExperiment.summarise(mode, made);
  }

  @Test
  void handMadeResultIsDecidedByTheInterval() {
    List<Row> rows = new ArrayList<>();
    // zero: 3 seeds, both images right in each: the whole interval is at 100 -> held
    rows.add(row(PaddingMode.ZERO, run(0, false, 1, 1), run(1, false, 1, 1), run(2, false, 1, 1)));
    // none: one image of six right; no resample reaches 100 -> not held
    rows.add(row(PaddingMode.NONE, run(0, false, 1, 0), run(1, false, 0, 0), run(2, false, 0, 0)));
    // circular: identical logits and 50% in every run -> both exact checks held
    rows.add(row(PaddingMode.CIRCULAR, run(0, true, 1, 0), run(1, true, 0, 1)));
    // full: one run without identical logits -> that exact check not held
    rows.add(row(PaddingMode.FULL, run(0, true, 1, 0), run(1, false, 1, 0)));
    Result r = new Result(new PatchLocationReport.Budget(1, 0.1f, 0.9f), 3, rows);
    List<Check> checks = PatchLocationReport.checks(r);
    assertThat(checks)
        .extracting(Check::decision)
        .containsExactly(
            Decision.HELD,
            Decision.NOT_HELD,
            Decision.HELD,
            Decision.HELD,
            Decision.NOT_HELD,
            Decision.HELD);
    assertThat(checks.get(0).effect().lo()).isEqualTo(100.0);
    assertThat(checks.get(1).effect().hi()).isLessThan(100.0);
    assertThat(checks.get(1).effect().value()).isCloseTo(100.0 / 6, within(1e-9));
    // the published 100.0 lies inside zero's interval [100, 100]; the verdict counts 2 of 4
    String md = PatchLocationReport.table(r).toMarkdown();
    assertThat(md).contains("100.0 [100.0, 100.0]").contains("100.0 ± 0.0");
    assertThat(PatchLocationReport.table(r).rows().get(0)).contains("yes");
    assertThat(PatchLocationReport.verdict(r)).contains("held for 2 of 4 paddings");
  }

  @Test
  void accuracyAndBitIdentityByHand() {
    int[] labels = {0, 1};
    assertThat(PatchLocationExperiment.accuracy(new float[][] {{1, 0}, {0, 1}}, labels))
        .isEqualTo(1.0);
    // a tie goes to class 0 for both images: one right, one wrong
    assertThat(PatchLocationExperiment.accuracy(new float[][] {{2, 2}, {2, 2}}, labels))
        .isEqualTo(0.5);
    assertThat(PatchLocationExperiment.bitIdentical(new float[] {0f}, new float[] {-0f})).isFalse();
    assertThat(PatchLocationExperiment.bitIdentical(new float[] {1.5f}, new float[] {1.5f}))
        .isTrue();
  }

  @Test
  void aConfigWithoutOrderReadsAsShuffled() throws Exception {
    TrainConfig fixed =
        new TrainConfig(
            ModelRef.of("patchnet-zero"),
            "x",
            1,
            1,
            OptimizerSettings.sgd(0.1f, 0.9f),
            AugmentSpec.NONE,
            0,
            0,
            0,
            BatchOrder.FIXED);
    Path f = dir.resolve("config.json");
    Json.write(f, fixed);
    assertThat(Json.read(f, TrainConfig.class)).isEqualTo(fixed);
    String old = Files.readString(f).replaceAll("(?m)^\\s*\"order\"\\s*:\\s*\"FIXED\",?\\R", "");
    Files.writeString(f, old);
    assertThat(old).doesNotContain("order");
    assertThat(Json.read(f, TrainConfig.class).order()).isEqualTo(BatchOrder.SHUFFLED);
  }
}
