package io.shiftlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.report.Column;
import io.shiftlab.report.Heatmap;
import io.shiftlab.report.Json;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.Table;
import io.shiftlab.shift.BatchShifter;
import io.shiftlab.shift.ShiftMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy over a box of integer shifts: every test image moved by every offset {@code (dx, dy)} in
 * {@code [-r..r]^2}, with the accuracy, the correct count and the mean true-class probability
 * (softmax of the logits) per offset. Positive {@code dx} moves the content right, positive {@code
 * dy} down ({@code out(x, y) = in(x - dx, y - dy)}); what comes in from outside is chosen by the
 * {@link ShiftMode} (param {@code mode}).
 *
 * <p>Each batch of images is read from the set once; the offsets loop over tensors ({@link
 * BatchShifter#applyAll}), so the work is {@code (2r + 1)^2} forward passes per batch. The sweep
 * along the diagonal {@code dx = dy = o} is PROTOCOLS card 10's "diagonal" curve, here with shifts
 * of the whole image rather than crops of a larger one.
 */
public final class SweepProbe implements Probe {
  /** The probe's name. */
  public static final String NAME = "sweep";

  private static final List<String> MODES =
      Arrays.stream(ShiftMode.values()).map(ShiftMode::id).toList();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "accuracy and mean p(true) at every integer shift (dx, dy) in [-range..range]^2";
  }

  @Override
  public List<ProbeParam> params() {
    return List.of(
        ProbeParam.integer(
            "range", "4", 0, 16, "box half-width r in pixels, 0..16: offsets -r..r on each axis"),
        ProbeParam.choice(
            "mode",
            "zero",
            MODES,
            "what a shift reads outside the image: " + String.join(", ", MODES)));
  }

  @Override
  public List<String> outputs() {
    return List.of("sweep.csv", "sweep.json", "sweep-heatmap.png", "sweep-diagonal.png");
  }

  @Override
  public ProbeSummary run(ProbeContext ctx) {
    int r = ctx.params().integer("range");
    ShiftMode mode = ShiftMode.byName(ctx.params().choice("mode")).orElseThrow();
    ImageSet set = ctx.test();
    int n = set.size();
    int side = 2 * r + 1;
    int[][] correct = new int[side][side];
    double[][] sumPTrue = new double[side][side];
    BatchShifter shifter = new BatchShifter(mode);
    for (int from = 0; from < n; from += ProbeRuns.BATCH) {
      int to = Math.min(n, from + ProbeRuns.BATCH);
      int[] labels = ProbeRuns.slice(set.labels(), from, to);
      try (NDManager bm = ctx.manager().newSubManager()) {
        NDArray x = Batches.images(set, null, from, to, bm);
        for (int dy = -r; dy <= r; dy++) {
          for (int dx = -r; dx <= r; dx++) {
            ClassScores s = ProbeRuns.scoresShifted(ctx.model(), x, shifter, dx, dy);
            correct[dy + r][dx + r] += Metrics.correct(s.predicted(), labels);
            for (double p : s.trueProbability(labels)) {
              sumPTrue[dy + r][dx + r] += p;
            }
          }
        }
      }
    }
    return report(ctx, r, mode, n, correct, sumPTrue);
  }

  private ProbeSummary report(
      ProbeContext ctx, int r, ShiftMode mode, int n, int[][] correct, double[][] sumPTrue) {
    double[][] acc = SweepMetrics.accuracy(correct, n);
    double[][] pTrue = SweepMetrics.mean(sumPTrue, n);
    int side = 2 * r + 1;
    int[] axis = new int[side];
    for (int i = 0; i < side; i++) {
      axis[i] = i - r;
    }
    Table.Builder tb =
        Table.builder(
            Column.number("dx"),
            Column.number("dy"),
            Column.fixed("accuracy", 4),
            Column.number("correct"),
            Column.number("n"),
            Column.fixed("mean_p_true", 4));
    for (int dy = -r; dy <= r; dy++) {
      for (int dx = -r; dx <= r; dx++) {
        tb.row(dx, dy, acc[dy + r][dx + r], correct[dy + r][dx + r], n, pTrue[dy + r][dx + r]);
      }
    }
    Table table = tb.build();
    table.writeCsv(ctx.outDir().resolve("sweep.csv"));

    Map<String, Object> headline = new LinkedHashMap<>();
    headline.put("n", n);
    headline.put("accuracy_center", SweepMetrics.at(acc, r, 0, 0));
    headline.put("accuracy_min", SweepMetrics.min(acc));
    headline.put("accuracy_mean", SweepMetrics.mean(acc));
    headline.put("mean_p_true_mean", SweepMetrics.mean(pTrue));

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("probe", NAME);
    json.put("model", ctx.modelName());
    json.put("range", r);
    json.put("mode", mode.id());
    json.put("headline", headline);
    json.put("cells", table.toMaps());
    Json.write(ctx.outDir().resolve("sweep.json"), json);

    Heatmap.builder("Accuracy (%) under shift, " + mode.id() + " fill: " + ctx.modelName())
        .grid(axis, axis, SweepMetrics.percent(acc))
        .scale(0, 100)
        .build()
        .writePng(ctx.outDir().resolve("sweep-heatmap.png"));

    double[] o = Arrays.stream(axis).asDoubleStream().toArray();
    LineChart.builder("Diagonal shift dx = dy = o, " + mode.id() + " fill: " + ctx.modelName())
        .xTitle("o (px)")
        .yTitle("fraction")
        .yRange(0, 1)
        .series("accuracy", o, SweepMetrics.diagonal(acc))
        .series("mean p(true)", o, SweepMetrics.diagonal(pTrue))
        .build()
        .writePng(ctx.outDir().resolve("sweep-diagonal.png"));

    List<String> md = new ArrayList<>();
    md.add(
        String.format(
            java.util.Locale.ROOT,
            "Shift sweep over [-%d..%d]^2 (%s fill), %d images: accuracy %.2f%% at (0,0),"
                + " min %.2f%%, mean %.2f%%.",
            r,
            r,
            mode.id(),
            n,
            100 * SweepMetrics.at(acc, r, 0, 0),
            100 * SweepMetrics.min(acc),
            100 * SweepMetrics.mean(acc)));
    md.add("");
    md.add("![accuracy per offset](sweep-heatmap.png)");
    md.add("");
    md.add("![diagonal](sweep-diagonal.png)");
    return new ProbeSummary(NAME, ctx.params().asMap(), headline, md, outputs());
  }
}
