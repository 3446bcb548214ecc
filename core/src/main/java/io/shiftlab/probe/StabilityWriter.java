package io.shiftlab.probe;

import io.shiftlab.report.Column;
import io.shiftlab.report.Json;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link StabilityProbe} result: {@code stability.csv} (one row per axis and shift),
 * {@code stability.json} (headline and per-axis metrics) and the sweep chart.
 */
public final class StabilityWriter implements ProbeWriter<StabilityProbe.Result> {
  @Override
  public ProbeSummary write(StabilityProbe.Result result, Path dir) {
    int pad = result.pad();
    int k = result.worst();
    int[] labels = result.labels();
    List<StabilityProbe.Sweep> sweeps = result.sweeps();
    int n = labels.length;
    int positions = 2 * pad + 1;
    double worst = result.worstCaseAccuracy();
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
        LineChart.builder("1-px sweep, zero fill: " + result.setup().model())
            .xTitle("shift (px)")
            .yTitle("fraction")
            .yRange(0, 1);
    double[] shifts = new double[positions];
    for (int t = 0; t < positions; t++) {
      shifts[t] = t - pad;
    }
    List<String> md = new ArrayList<>();
    for (StabilityProbe.Sweep s : sweeps) {
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
    table.writeCsv(dir.resolve("stability.csv"));
    chart.build().writePng(dir.resolve("stability.png"));

    Map<String, Object> json = result.setup().json(StabilityProbe.NAME);
    json.put("pad", pad);
    json.put("worst", k);
    json.put("shifts", shifts);
    json.put("headline", headline);
    json.put("axes", perAxis);
    Json.write(dir.resolve("stability.json"), json);

    md.add(
        String.format(
            Locale.ROOT,
            "Worst-case shift score (correct at every shift of [-%d..%d]^2, zero fill): %.2f%%.",
            k,
            k,
            100 * worst));
    md.add("");
    md.add("![sweep](stability.png)");
    return ProbeSummary.of(
        StabilityProbe.NAME, result.setup(), headline, md, StabilityProbe.INFO.outputs());
  }
}
