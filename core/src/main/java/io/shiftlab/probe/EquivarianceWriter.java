package io.shiftlab.probe;

import io.shiftlab.report.Column;
import io.shiftlab.report.Json;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link EquivarianceProbe} result: {@code equivariance.csv} (one row per layer), {@code
 * equivariance.json} and, when some layer's error is finite, the per-layer chart.
 */
public final class EquivarianceWriter implements ProbeWriter<EquivarianceProbe.Result> {
  private static final Column[] COLUMNS = {
    Column.number("index"),
    Column.text("layer"),
    Column.text("shape"),
    Column.text("kind"),
    Column.fixed("size_ratio", 3),
    Column.number("stride_y"),
    Column.number("stride_x"),
    Column.fixed("mean_rel_error", 5),
    Column.number("pairs"),
    Column.number("undefined"),
    Column.fixed("softmax_msd", 7),
    Column.fixed("eqt_db", 2),
  };

  @Override
  public ProbeSummary write(EquivarianceProbe.Result result, Path dir) {
    EquivarianceProbe.Settings s = result.settings();
    int[][] shifts = result.shifts();
    int[] total = result.totalStride();
    List<LayerEquivariance> layers = result.layers();
    double msd = result.softmaxMsd();
    double db = result.eqtDb();
    Table.Builder tb = Table.builder(COLUMNS);
    for (LayerEquivariance l : layers) {
      boolean last = l.index() == layers.size();
      tb.row(
          l.index(),
          l.name(),
          l.shape(),
          l.spatial() ? "map" : "vector",
          l.spatial() ? l.sizeRatio() : null,
          l.strideY(),
          l.strideX(),
          l.meanRelativeError(),
          l.pairs(),
          l.undefined(),
          last ? msd : null,
          last ? db : null);
    }
    Table table = tb.build();
    table.writeCsv(dir.resolve("equivariance.csv"));

    List<Map<String, Integer>> shiftList = new ArrayList<>();
    for (int[] sh : shifts) {
      shiftList.add(Map.of("dx", sh[0], "dy", sh[1]));
    }
    LayerEquivariance logits = layers.get(layers.size() - 1);
    Map<String, Object> json = result.setup().json(EquivarianceProbe.NAME);
    json.put("images", result.images());
    json.put("params", result.setup().params());
    json.put("shifts", shiftList);
    json.put("totalStride", Map.of("y", total[0], "x", total[1]));
    json.put(
        "error",
        "per image sqrt(sum mask*(a-b)^2)/sqrt(sum mask*a^2); maps: a = F(T_s x), b = T_{s/S}"
            + " F(x); vectors: a = F(x), b = F(T_s x); mean over images and draws");
    json.put("layers", table.toMaps());
    json.put("softmaxMsd", msd);
    json.put("eqtDb", db);
    Json.write(dir.resolve("equivariance.json"), json);

    double[] xs = new double[layers.size()];
    double[] ys = new double[layers.size()];
    boolean anyFinite = false;
    double top = 0;
    for (int i = 0; i < xs.length; i++) {
      xs[i] = layers.get(i).index();
      ys[i] = layers.get(i).meanRelativeError();
      if (Double.isFinite(ys[i])) {
        anyFinite = true;
        top = Math.max(top, ys[i]);
      }
    }
    List<String> files = new ArrayList<>(List.of("equivariance.csv", "equivariance.json"));
    if (anyFinite) {
      LineChart.builder(
              "Equivariance error per layer (" + result.setup().model() + ", " + s.mode() + ")")
          .xTitle("layer index (names in equivariance.csv)")
          .yTitle("mean relative error")
          // from 0, so an exactly equivariant model reads as a flat line at 0, not as noise
          .yRange(0, Math.max(0.05, 1.1 * top))
          .series("relative L2 error", xs, ys)
          .build()
          .writePng(dir.resolve("equivariance.png"));
      files.add("equivariance.png");
    }

    Map<String, Object> headline = new LinkedHashMap<>();
    headline.put("layers", layers.size());
    headline.put("logitsRelError", logits.meanRelativeError());
    headline.put(
        "maxMapRelError",
        layers.stream()
            .filter(LayerEquivariance::spatial)
            .mapToDouble(LayerEquivariance::meanRelativeError)
            .filter(Double::isFinite)
            .max()
            .orElse(Double.NaN));
    headline.put("softmaxMsd", msd);
    headline.put("eqtDb", db);
    List<String> md = new ArrayList<>();
    md.add(
        "Relative L2 error of each layer's output under "
            + s.draws()
            + " "
            + s.mode()
            + " integer shifts up to "
            + s.shift()
            + " px ("
            + result.images()
            + " images); EQ-T of the softmax: "
            + String.format(java.util.Locale.ROOT, "%.2f dB", db)
            + ".");
    md.add("");
    md.add(table.toMarkdown());
    if (anyFinite) {
      md.add("![equivariance per layer](equivariance.png)");
    }
    return ProbeSummary.of(EquivarianceProbe.NAME, result.setup(), headline, md, files);
  }
}
