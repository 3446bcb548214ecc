package io.shiftlab.probe;

import io.shiftlab.report.Column;
import io.shiftlab.report.Heatmap;
import io.shiftlab.report.Json;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link SweepProbe} result: {@code sweep.csv} (one row per offset), {@code sweep.json}
 * (headline and cells), the accuracy heatmap and the diagonal curve.
 */
public final class SweepWriter implements ProbeWriter<SweepProbe.Result> {
  @Override
  public ProbeSummary write(SweepProbe.Result result, Path dir) {
    int r = result.range();
    int n = result.images();
    String mode = result.mode().id();
    String model = result.setup().model();
    int[][] correct = result.correct();
    double[][] acc = result.accuracy();
    double[][] pTrue = result.meanPTrue();
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
    table.writeCsv(dir.resolve("sweep.csv"));

    Map<String, Object> headline = new LinkedHashMap<>();
    headline.put("n", n);
    headline.put("accuracy_center", SweepMetrics.at(acc, r, 0, 0));
    headline.put("accuracy_min", SweepMetrics.min(acc));
    headline.put("accuracy_mean", SweepMetrics.mean(acc));
    headline.put("mean_p_true_mean", SweepMetrics.mean(pTrue));

    Map<String, Object> json = result.setup().json(SweepProbe.NAME);
    json.put("range", r);
    json.put("mode", mode);
    json.put("headline", headline);
    json.put("cells", table.toMaps());
    Json.write(dir.resolve("sweep.json"), json);

    Heatmap.builder("Accuracy (%) under shift, " + mode + " fill: " + model)
        .grid(axis, axis, SweepMetrics.percent(acc))
        .scale(0, 100)
        .build()
        .writePng(dir.resolve("sweep-heatmap.png"));

    double[] o = Arrays.stream(axis).asDoubleStream().toArray();
    LineChart.builder("Diagonal shift dx = dy = o, " + mode + " fill: " + model)
        .xTitle("o (px)")
        .yTitle("fraction")
        .yRange(0, 1)
        .series("accuracy", o, SweepMetrics.diagonal(acc))
        .series("mean p(true)", o, SweepMetrics.diagonal(pTrue))
        .build()
        .writePng(dir.resolve("sweep-diagonal.png"));

    List<String> md = new ArrayList<>();
    md.add(
        String.format(
            java.util.Locale.ROOT,
            "Shift sweep over [-%d..%d]^2 (%s fill), %d images: accuracy %.2f%% at (0,0),"
                + " min %.2f%%, mean %.2f%%.",
            r,
            r,
            mode,
            n,
            100 * SweepMetrics.at(acc, r, 0, 0),
            100 * SweepMetrics.min(acc),
            100 * SweepMetrics.mean(acc)));
    md.add("");
    md.add("![accuracy per offset](sweep-heatmap.png)");
    md.add("");
    md.add("![diagonal](sweep-diagonal.png)");
    return ProbeSummary.of(
        SweepProbe.NAME, result.setup(), headline, md, SweepProbe.INFO.outputs());
  }
}
