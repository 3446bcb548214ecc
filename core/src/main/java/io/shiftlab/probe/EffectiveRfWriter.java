package io.shiftlab.probe;

import io.shiftlab.report.Column;
import io.shiftlab.report.Heatmap;
import io.shiftlab.report.Json;
import io.shiftlab.report.Table;
import io.shiftlab.rf.EffectiveRf;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an {@link EffectiveRfProbe} result: {@code erf.csv} (mean gradient and ERF per pixel),
 * {@code erf.json} (headline and the ERF) and the ERF heatmap.
 */
public final class EffectiveRfWriter implements ProbeWriter<EffectiveRfProbe.Result> {
  @Override
  public ProbeSummary write(EffectiveRfProbe.Result result, Path dir) {
    String resolvedName = result.layer();
    int[] centre = result.centre();
    int n = result.inputs();
    boolean random = result.source().equals("random");
    double threshold = result.threshold();
    double[][] mean = result.meanGradient();
    double[][] erf = result.erf();
    int[] window = result.window();
    int h = mean.length;
    int w = mean[0].length;
    int area = result.area();

    Map<String, Object> headline = new LinkedHashMap<>();
    headline.put("layer", resolvedName);
    headline.put("centre_row", centre[0]);
    headline.put("centre_col", centre[1]);
    headline.put("inputs", n);
    headline.put("source", random ? "random" : "test");
    headline.put("threshold", threshold);
    headline.put("erf_area_px", area);
    if (window != null) {
      int rows = EffectiveRf.clippedLength(window[1], window[2], h);
      int cols = EffectiveRf.clippedLength(window[3], window[4], w);
      int theoretical = rows * cols;
      headline.put("theoretical_r", window[0]);
      headline.put("theoretical_window", List.of(window[1], window[2], window[3], window[4]));
      headline.put("theoretical_area_px", theoretical);
      headline.put(
          "erf_fraction_of_theoretical", theoretical > 0 ? area / (double) theoretical : 0);
      headline.put(
          "erf_px_outside_theoretical",
          EffectiveRf.areaOutside(erf, threshold, window[1], window[2], window[3], window[4]));
    } else {
      headline.put("theoretical_r", null);
    }

    Table.Builder csv =
        Table.builder(
            Column.number("row"),
            Column.number("col"),
            Column.number("mean_abs_gradient"),
            Column.number("erf"));
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < w; j++) {
        csv.row(i, j, mean[i][j], erf[i][j]);
      }
    }
    csv.build().writeCsv(dir.resolve("erf.csv"));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("probe", EffectiveRfProbe.NAME);
    json.put("params", result.setup().params());
    json.put("headline", headline);
    json.put("erf", erf);
    Json.write(dir.resolve("erf.json"), json);
    heatmap(erf, resolvedName, n).writePng(dir.resolve("erf.png"));

    List<String> md = new ArrayList<>();
    md.add(
        String.format(
            Locale.ROOT,
            "Effective receptive field of %s (centre unit %d,%d), %d %s inputs: %d px above %s%% of"
                + " the peak%s.",
            resolvedName,
            centre[0],
            centre[1],
            n,
            random ? "random" : "test",
            area,
            BigDecimal.valueOf(threshold).movePointRight(2).stripTrailingZeros().toPlainString(),
            window == null
                ? " (no theoretical RF: the model's geometry is not known)"
                : String.format(
                    Locale.ROOT,
                    " against a theoretical %dx%d field (%s px inside the image)",
                    window[0],
                    window[0],
                    headline.get("theoretical_area_px"))));
    md.add("");
    md.add("![erf](erf.png)");
    return ProbeSummary.of(
        EffectiveRfProbe.NAME, result.setup(), headline, md, EffectiveRfProbe.INFO.outputs());
  }

  private static Heatmap heatmap(double[][] erf, String layer, int n) {
    int h = erf.length;
    int w = erf[0].length;
    int[] xs = new int[w];
    for (int j = 0; j < w; j++) {
      xs[j] = j;
    }
    // Heatmap draws its last row on top; list image rows bottom-up so row 0 is on top.
    int[] ys = new int[h];
    int[][] grid = new int[h][];
    int[][] pct = EffectiveRf.percent(erf);
    for (int j = 0; j < h; j++) {
      ys[j] = h - 1 - j;
      grid[j] = pct[h - 1 - j];
    }
    int side = Math.max(680, Math.min(2000, 28 * Math.max(w, h) + 200));
    return Heatmap.builder("ERF of " + layer + " (% of max, mean over " + n + " inputs)")
        .xTitle("column")
        .yTitle("row")
        .grid(xs, ys, grid)
        .scale(0, 100)
        .size(side + 110, side)
        .build();
  }
}
