package io.shiftlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.shiftlab.data.Batches;
import io.shiftlab.data.ImageSet;
import io.shiftlab.report.Column;
import io.shiftlab.report.Json;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.Table;
import io.shiftlab.shift.BatchShifter;
import io.shiftlab.shift.ShiftMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stability under 1-pixel translations, after Azulay and Weiss (JMLR 2019) as summarised in
 * PROTOCOLS card 10, plus the worst-case shift score.
 *
 * <p><b>Black canvas.</b> Azulay and Weiss embed each image in a larger black canvas and move it
 * one pixel at a time, so nothing of the image is cut off. The models here take inputs of a fixed
 * size, so the sweep is the zero-fill shift of the image by {@code t = -pad..pad} within its own
 * frame. This is exactly the image zero-padded by {@code pad} on every side, moved by {@code t} in
 * that canvas and seen through the centred {@code H x W} window; content reaching the window's edge
 * is lost, which for centred digits with a black border of at least {@code pad} pixels never
 * happens.
 *
 * <p><b>Metrics</b> ({@link StabilityMetrics}), per swept axis ({@code axis = x}, or {@code xy} for
 * a separate sweep along y too): (a) the probability of a top-1 change between consecutive 1-px
 * translates; (b) the mean absolute change (MAC) of the top-1 probability, {@code |p_c(x_{t+1}) -
 * p_c(x_t)|} with {@code c} the top-1 class of the earlier translate; (c) jaggedness, the number of
 * changes of the predicted class along each image's sweep (mean and histogram); and (d) the
 * worst-case shift score, the fraction of images classified correctly at every integer shift of the
 * box {@code [-worst..worst]^2}, zero fill (Michaeli et al. count images correct at every shift;
 * they roll, this uses zero fill on the same box idea).
 */
public final class StabilityProbe implements Probe {
  /** The probe's name. */
  public static final String NAME = "stability";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "1-px sweep stability (top-1 change rate, MAC, jaggedness) and worst-case shift score";
  }

  @Override
  public List<ProbeParam> params() {
    return List.of(
        ProbeParam.integer(
            "pad", "4", 1, 16, "black canvas margin and sweep half-length in pixels, 1..16"),
        ProbeParam.choice(
            "axis", "x", List.of("x", "xy"), "sweep along x, or xy for a second sweep along y"),
        ProbeParam.integer(
            "worst",
            "2",
            0,
            16,
            "worst-case box half-width k, 0..16: correct at all of [-k..k]^2"));
  }

  @Override
  public List<String> outputs() {
    return List.of("stability.json", "stability.csv", "stability.png");
  }

  /** The per-position numbers of one axis' sweep, plus the per-image predictions. */
  private record Sweep(
      String axis,
      int[][] pred,
      double[][] earlier,
      double[][] later,
      double[] sumTop,
      double[] sumTrue,
      int[] correct) {
    static Sweep of(String axis, int positions, int n) {
      return new Sweep(
          axis,
          new int[positions][n],
          new double[positions - 1][n],
          new double[positions - 1][n],
          new double[positions],
          new double[positions],
          new int[positions]);
    }
  }

  @Override
  public ProbeSummary run(ProbeContext ctx) {
    int pad = ctx.params().integer("pad");
    String axisParam = ctx.params().choice("axis");
    int k = ctx.params().integer("worst");
    ImageSet set = ctx.test();
    int n = set.size();
    int positions = 2 * pad + 1;
    List<Sweep> sweeps = new ArrayList<>();
    sweeps.add(Sweep.of("x", positions, n));
    if (axisParam.equals("xy")) {
      sweeps.add(Sweep.of("y", positions, n));
    }
    int box = (2 * k + 1) * (2 * k + 1);
    int[][] boxPred = new int[box][n];
    BatchShifter shifter = new BatchShifter(ShiftMode.ZERO);
    for (int from = 0; from < n; from += ProbeRuns.BATCH) {
      int to = Math.min(n, from + ProbeRuns.BATCH);
      int[] labels = ProbeRuns.slice(set.labels(), from, to);
      try (NDManager bm = ctx.manager().newSubManager()) {
        NDArray x = Batches.images(set, null, from, to, bm);
        for (Sweep s : sweeps) {
          ClassScores prev = null;
          for (int t = 0; t < positions; t++) {
            int d = t - pad;
            boolean alongX = s.axis().equals("x");
            ClassScores sc =
                ProbeRuns.scoresShifted(ctx.model(), x, shifter, alongX ? d : 0, alongX ? 0 : d);
            int[] pred = sc.predicted();
            System.arraycopy(pred, 0, s.pred()[t], from, to - from);
            s.sumTop()[t] += sum(sc.topProbability());
            s.sumTrue()[t] += sum(sc.trueProbability(labels));
            s.correct()[t] += Metrics.correct(pred, labels);
            if (prev != null) {
              double[] e = prev.topProbability();
              double[] l = sc.probabilityOf(prev.predicted());
              System.arraycopy(e, 0, s.earlier()[t - 1], from, to - from);
              System.arraycopy(l, 0, s.later()[t - 1], from, to - from);
            }
            prev = sc;
          }
        }
        int b = 0;
        for (int dy = -k; dy <= k; dy++) {
          for (int dx = -k; dx <= k; dx++) {
            int[] pred = ProbeRuns.scoresShifted(ctx.model(), x, shifter, dx, dy).predicted();
            System.arraycopy(pred, 0, boxPred[b++], from, to - from);
          }
        }
      }
    }
    return report(ctx, pad, k, set.labels(), sweeps, boxPred);
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s;
  }

  private ProbeSummary report(
      ProbeContext ctx, int pad, int k, int[] labels, List<Sweep> sweeps, int[][] boxPred) {
    int n = labels.length;
    int positions = 2 * pad + 1;
    double worst = StabilityMetrics.correctAtEveryShift(boxPred, labels);
    Map<String, Object> headline = new LinkedHashMap<>();
    headline.put("n", n);
    headline.put("worst_case_accuracy", worst);
    Map<String, Object> perAxis = new LinkedHashMap<>();
    Table.Builder tb =
        Table.builder(
            Column.text("axis"),
            Column.number("shift"),
            Column.fixed("accuracy", 4),
            Column.fixed("mean_p_top1", 4),
            Column.fixed("mean_p_true", 4),
            Column.fixed("change_rate_next", 4));
    LineChart.Builder chart =
        LineChart.builder("1-px sweep, zero fill: " + ctx.modelName())
            .xTitle("shift (px)")
            .yTitle("fraction")
            .yRange(0, 1);
    double[] shifts = new double[positions];
    for (int t = 0; t < positions; t++) {
      shifts[t] = t - pad;
    }
    List<String> md = new ArrayList<>();
    for (Sweep s : sweeps) {
      int[] jag = StabilityMetrics.jaggedness(s.pred());
      double change = StabilityMetrics.changeProbability(s.pred());
      double mac = StabilityMetrics.meanAbsoluteChange(s.earlier(), s.later());
      double jagMean = StabilityMetrics.mean(jag);
      int[] hist = StabilityMetrics.histogram(jag, positions - 1);
      double[] acc = new double[positions];
      double[] top = new double[positions];
      for (int t = 0; t < positions; t++) {
        acc[t] = (double) s.correct()[t] / n;
        top[t] = s.sumTop()[t] / n;
        Double next =
            t + 1 < positions
                ? 1 - ConsistencyMetrics.agreement(s.pred()[t], s.pred()[t + 1])
                : null;
        tb.row(s.axis(), t - pad, acc[t], top[t], s.sumTrue()[t] / n, next);
      }
      String a = s.axis();
      headline.put("change_probability_" + a, change);
      headline.put("mac_" + a, mac);
      headline.put("jaggedness_mean_" + a, jagMean);
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("change_probability", change);
      detail.put("mac", mac);
      detail.put("jaggedness_mean", jagMean);
      detail.put("jaggedness_histogram", hist);
      detail.put("accuracy", acc);
      detail.put("mean_p_top1", top);
      perAxis.put(a, detail);
      chart.series("accuracy (" + a + ")", shifts, acc);
      chart.series("mean p(top-1) (" + a + ")", shifts, top);
      md.add(
          String.format(
              Locale.ROOT,
              "Sweep along %s over -%d..%d px, %d images: P(top-1 change) %.4f, MAC %.4f,"
                  + " jaggedness %.3f changes per image (histogram %s).",
              a,
              pad,
              pad,
              n,
              change,
              mac,
              jagMean,
              Arrays.toString(hist)));
    }
    Table table = tb.build();
    table.writeCsv(ctx.outDir().resolve("stability.csv"));
    chart.build().writePng(ctx.outDir().resolve("stability.png"));

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("probe", NAME);
    json.put("model", ctx.modelName());
    json.put("pad", pad);
    json.put("worst", k);
    json.put("shifts", shifts);
    json.put("headline", headline);
    json.put("axes", perAxis);
    Json.write(ctx.outDir().resolve("stability.json"), json);

    md.add(
        String.format(
            Locale.ROOT,
            "Worst-case shift score (correct at every shift of [-%d..%d]^2, zero fill): %.2f%%.",
            k,
            k,
            100 * worst));
    md.add("");
    md.add("![sweep](stability.png)");
    return new ProbeSummary(NAME, ctx.params().asMap(), headline, md, outputs());
  }
}
