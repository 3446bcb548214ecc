package io.shiftlab.probe;

import io.shiftlab.report.Column;
import io.shiftlab.report.Json;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link ConsistencyProbe} result: {@code consistency.json} (headline, per-distance
 * table), {@code consistency.csv} (one row per image), {@code consistency-distance.csv} and its
 * chart.
 */
public final class ConsistencyWriter implements ProbeWriter<ConsistencyProbe.Result> {
  @Override
  public ProbeSummary write(ConsistencyProbe.Result result, Path dir) {
    ConsistencyProtocol protocol = result.protocol();
    int pairs = result.pairs();
    int m = result.max();
    int[] labels = result.labels();
    int[] clean = result.clean();
    int[][] first = result.first();
    int[][] second = result.second();
    int[][] distance = result.distance();
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
    rows.build().writeCsv(dir.resolve("consistency.csv"));

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
    distTable.writeCsv(dir.resolve("consistency-distance.csv"));
    distanceChart(byDist, protocol, result.setup().model())
        .writePng(dir.resolve("consistency-distance.png"));

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

    Map<String, Object> json = result.setup().json(ConsistencyProbe.NAME);
    json.put("protocol", protocol.id());
    json.put("mode", protocol.mode().id());
    json.put("max", m);
    json.put("pairs_per_image", pairs);
    json.put("stream", ConsistencyProbe.STREAM);
    json.put("ci", "normal approximation over per-image consistency: mean +- 1.96 s / sqrt(n)");
    json.put("headline", headline);
    json.put("by_distance", distTable.toMaps());
    Json.write(dir.resolve("consistency.json"), json);

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
    return ProbeSummary.of(
        ConsistencyProbe.NAME, result.setup(), headline, md, ConsistencyProbe.INFO.outputs());
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
