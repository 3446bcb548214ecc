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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Shift consistency (PROTOCOLS card 10): the percentage of image-pairs whose two shifted views get
 * the same predicted class, under one of the {@link ConsistencyProtocol}s (param {@code protocol}:
 * {@code crop}, {@code circular} or {@code zero}; see each constant for the exact draw).
 *
 * <p><b>Offsets.</b> Each image gets {@code pairs} offset pairs, drawn in image order from the
 * stream {@code probe.consistency}, so every model evaluated with the same seed, protocol and
 * {@code max} sees the same views, and image {@code i}'s offsets do not depend on how many images
 * follow it ({@code --limit} keeps prefixes stable). The repositories draw one pair per batch;
 * drawing per image gives the same expectation with less variance.
 *
 * <p><b>Statistic.</b> Consistency is the mean over all image-pairs, reported in percent. Its 95%
 * interval is the normal approximation over the per-image consistency values (each the fraction of
 * that image's {@code pairs} pairs that agree), {@code mean +- 1.96 s / sqrt(n)}, {@code s} the
 * sample standard deviation over the {@code n} images: the pairs of one image are not independent,
 * the images are.
 *
 * <p><b>Separating consistency from accuracy.</b> Restricting to pairs whose two views are both
 * correct would give 100% by definition, so the probe instead splits the agreeing pairs into those
 * that are both correct and those that agree on a wrong class (counts and fractions of all pairs),
 * and reports the consistency restricted to the images the model classifies correctly unshifted,
 * with their count.
 *
 * <p>Outputs: {@code consistency.json} (headline, per-distance table), {@code consistency.csv} (one
 * row per image: label, clean prediction, agreeing pairs and consistency) and {@code
 * consistency-distance.csv} (consistency by the Chebyshev distance between the two offsets of a
 * pair, which for {@code zero} is {@code |s|}).
 */
public final class ConsistencyProbe implements Probe {
  /** The probe's name. */
  public static final String NAME = "consistency";

  /** The stream the offsets are drawn from. */
  public static final String STREAM = "probe." + NAME;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "shift consistency: % of image-pairs whose two shifted views get the same class";
  }

  @Override
  public List<ProbeParam> params() {
    return List.of(
        ProbeParam.choice(
            "protocol",
            "circular",
            ConsistencyProtocol.ids(),
            "crop (Zhang, zero canvas), circular (APS rolls) or zero (clean vs zero-fill shift)"),
        ProbeParam.integer("pairs", "5", 1, 100, "offset pairs per image, 1..100"),
        ProbeParam.integer("max", "3", 1, 16, "largest shift M in pixels, 1..16"));
  }

  @Override
  public List<String> outputs() {
    return List.of(
        "consistency.json",
        "consistency.csv",
        "consistency-distance.csv",
        "consistency-distance.png");
  }

  /**
   * Draws every image's offset pairs.
   *
   * @param protocol the protocol
   * @param rng the stream {@link #STREAM}
   * @param n the number of images
   * @param pairs pairs per image
   * @param m the largest shift
   * @return {@code [image][pair]} of {@code {dx1, dy1, dx2, dy2}}
   */
  public static int[][][] drawOffsets(
      ConsistencyProtocol protocol, SplittableRandom rng, int n, int pairs, int m) {
    int[][][] out = new int[n][pairs][];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < pairs; p++) {
        out[i][p] = protocol.drawPair(rng, m);
      }
    }
    return out;
  }

  @Override
  public ProbeSummary run(ProbeContext ctx) {
    ConsistencyProtocol protocol = ConsistencyProtocol.of(ctx.params().choice("protocol"));
    int pairs = ctx.params().integer("pairs");
    int m = ctx.params().integer("max");
    ImageSet set = ctx.test();
    int n = set.size();
    int[][][] offsets = drawOffsets(protocol, ctx.streams().stream(STREAM), n, pairs, m);
    int[] clean = new int[n];
    int[][] first = new int[pairs][n];
    int[][] second = new int[pairs][n];
    int[][] distance = new int[pairs][n];
    BatchShifter shifter = new BatchShifter(protocol.mode());
    for (int from = 0; from < n; from += ProbeRuns.BATCH) {
      int to = Math.min(n, from + ProbeRuns.BATCH);
      try (NDManager bm = ctx.manager().newSubManager()) {
        NDArray x = Batches.images(set, null, from, to, bm);
        int[] cleanPred = ProbeRuns.scoresShifted(ctx.model(), x, shifter, 0, 0).predicted();
        System.arraycopy(cleanPred, 0, clean, from, to - from);
        for (int p = 0; p < pairs; p++) {
          float[][] view1 = view(offsets, p, from, to, 0);
          float[][] view2 = view(offsets, p, from, to, 2);
          int[] a =
              protocol == ConsistencyProtocol.ZERO
                  ? cleanPred
                  : ProbeRuns.scoresShifted(ctx.model(), x, shifter, view1[0], view1[1])
                      .predicted();
          int[] b =
              ProbeRuns.scoresShifted(ctx.model(), x, shifter, view2[0], view2[1]).predicted();
          System.arraycopy(a, 0, first[p], from, to - from);
          System.arraycopy(b, 0, second[p], from, to - from);
          for (int i = from; i < to; i++) {
            int[] o = offsets[i][p];
            distance[p][i] = ConsistencyMetrics.chebyshev(o[0], o[1], o[2], o[3]);
          }
        }
      }
    }
    return report(ctx, protocol, pairs, m, set.labels(), clean, first, second, distance);
  }

  /** The offsets of one view of pair {@code p} for images {@code from..to}: {@code {dx, dy}}. */
  private static float[][] view(int[][][] offsets, int p, int from, int to, int at) {
    float[] dx = new float[to - from];
    float[] dy = new float[to - from];
    for (int i = from; i < to; i++) {
      dx[i - from] = offsets[i][p][at];
      dy[i - from] = offsets[i][p][at + 1];
    }
    return new float[][] {dx, dy};
  }

  private ProbeSummary report(
      ProbeContext ctx,
      ConsistencyProtocol protocol,
      int pairs,
      int m,
      int[] labels,
      int[] clean,
      int[][] first,
      int[][] second,
      int[][] distance) {
    int n = labels.length;
    double[] perImage = ConsistencyMetrics.perImage(first, second);
    ConsistencyMetrics.MeanCi all = ConsistencyMetrics.meanCi95(perImage);
    boolean[] cleanCorrect = ConsistencyMetrics.correctMask(clean, labels);
    ConsistencyMetrics.MeanCi onCorrect = ConsistencyMetrics.meanCi95Where(perImage, cleanCorrect);
    int totalPairs = n * pairs;
    int bothCorrect = ConsistencyMetrics.bothCorrect(first, second, labels);
    int agreeWrong = ConsistencyMetrics.agreeWrong(first, second, labels);

    Table.Builder rows =
        Table.builder(
            Column.number("image"),
            Column.number("label"),
            Column.number("clean_pred"),
            Column.number("agreeing_pairs"),
            Column.number("pairs"),
            Column.fixed("consistency", 4));
    for (int i = 0; i < n; i++) {
      rows.row(i, labels[i], clean[i], (int) Math.round(perImage[i] * pairs), pairs, perImage[i]);
    }
    rows.build().writeCsv(ctx.outDir().resolve("consistency.csv"));

    int maxDistance = 4 * m;
    int[][] byDist = ConsistencyMetrics.byDistance(distance, first, second, maxDistance);
    Table.Builder db =
        Table.builder(
            Column.number("distance"),
            Column.number("pairs"),
            Column.number("agreeing"),
            Column.points("consistency_pct", 2));
    for (int d = 0; d <= maxDistance; d++) {
      if (byDist[0][d] > 0) {
        db.row(d, byDist[0][d], byDist[1][d], 100.0 * byDist[1][d] / byDist[0][d]);
      }
    }
    Table distTable = db.build();
    distTable.writeCsv(ctx.outDir().resolve("consistency-distance.csv"));
    distanceChart(byDist, protocol, ctx.modelName())
        .writePng(ctx.outDir().resolve("consistency-distance.png"));

    Map<String, Object> headline = new LinkedHashMap<>();
    headline.put("n", n);
    headline.put("pairs", totalPairs);
    headline.put("consistency_pct", 100 * all.mean());
    headline.put("consistency_ci95_pct", 100 * all.halfWidth());
    headline.put("clean_accuracy", Metrics.accuracy(clean, labels));
    headline.put("pairs_both_correct", bothCorrect);
    headline.put("pairs_both_correct_pct", 100.0 * bothCorrect / totalPairs);
    headline.put("pairs_agree_wrong", agreeWrong);
    headline.put("pairs_agree_wrong_pct", 100.0 * agreeWrong / totalPairs);
    headline.put("clean_correct_images", onCorrect.n());
    headline.put("consistency_clean_correct_pct", 100 * onCorrect.mean());
    headline.put("consistency_clean_correct_ci95_pct", 100 * onCorrect.halfWidth());

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("probe", NAME);
    json.put("model", ctx.modelName());
    json.put("protocol", protocol.id());
    json.put("mode", protocol.mode().id());
    json.put("max", m);
    json.put("pairs_per_image", pairs);
    json.put("stream", STREAM);
    json.put("ci", "normal approximation over per-image consistency: mean +- 1.96 s / sqrt(n)");
    json.put("headline", headline);
    json.put("by_distance", distTable.toMaps());
    Json.write(ctx.outDir().resolve("consistency.json"), json);

    List<String> md = new ArrayList<>();
    md.add(
        String.format(
            Locale.ROOT,
            "Consistency (%s, M = %d, %d pairs per image, %d images): %.2f%% +- %.2f%%;"
                + " %.2f%% of pairs both correct, %.2f%% agree on a wrong class; %s.",
            protocol.id(),
            m,
            pairs,
            n,
            100 * all.mean(),
            100 * all.halfWidth(),
            100.0 * bothCorrect / totalPairs,
            100.0 * agreeWrong / totalPairs,
            onCorrect.n() == 0
                ? "no image is correct unshifted, so consistency over correct images is undefined"
                : String.format(
                    Locale.ROOT,
                    "%.2f%% over the %d images correct unshifted",
                    100 * onCorrect.mean(),
                    onCorrect.n())));
    md.add("");
    md.add("Consistency by Chebyshev distance between the two offsets of a pair:");
    md.add("");
    md.addAll(List.of(distTable.toMarkdown().split("\n")));
    md.add("");
    md.add("![consistency by offset distance](consistency-distance.png)");
    return new ProbeSummary(NAME, ctx.params().asMap(), headline, md, outputs());
  }

  /** Consistency in percent against the Chebyshev distance between a pair's two offsets. */
  private static LineChart distanceChart(
      int[][] byDist, ConsistencyProtocol protocol, String model) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int d = 0; d < byDist[0].length; d++) {
      if (byDist[0][d] > 0) {
        xs.add((double) d);
        ys.add(100.0 * byDist[1][d] / byDist[0][d]);
      }
    }
    return LineChart.builder("Consistency (" + protocol.id() + "): " + model)
        .xTitle("Chebyshev distance between the two offsets of a pair (px)")
        .yTitle("pairs with the same prediction (%)")
        .yRange(0, 100)
        .series(
            "consistency",
            xs.stream().mapToDouble(Double::doubleValue).toArray(),
            ys.stream().mapToDouble(Double::doubleValue).toArray())
        .build();
  }
}
