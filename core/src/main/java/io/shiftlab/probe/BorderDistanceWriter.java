package io.shiftlab.probe;

import io.shiftlab.nn.InputShape;
import io.shiftlab.report.Column;
import io.shiftlab.report.Heatmap;
import io.shiftlab.report.Json;
import io.shiftlab.report.LineChart;
import io.shiftlab.report.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link BorderDistanceProbe} result: {@code border-distance.csv} (one row per distance),
 * {@code border-distance-positions.csv} (one per placement), {@code border-distance.json}, the
 * accuracy curve and the per-placement heatmap.
 */
public final class BorderDistanceWriter implements ProbeWriter<BorderDistanceProbe.Result> {
  private static final Column[] BIN_COLUMNS = {
    Column.number("distance"),
    Column.number("positions"),
    Column.number("images"),
    Column.number("correct"),
    Column.percent("accuracy", 2),
    Column.percent("half_width95", 2),
  };

  private static final Column[] POSITION_COLUMNS = {
    Column.number("top"),
    Column.number("left"),
    Column.number("distance"),
    Column.number("images"),
    Column.number("correct"),
    Column.percent("accuracy", 2),
  };

  @Override
  public ProbeSummary write(BorderDistanceProbe.Result result, Path dir) {
    BorderDistanceProbe.Grid g = result.grid();
    InputShape in = result.canvas();
    int[] distances = result.distances();
    long[] correct = result.correct();
    long[] images = result.placed();
    List<DistanceBin> bins = result.bins();
    Table.Builder bt = Table.builder(BIN_COLUMNS);
    for (DistanceBin b : bins) {
      bt.row(
          b.distance(),
          b.positions(),
          b.images(),
          b.correct(),
          b.accuracy(),
          Metrics.halfWidth95(b.accuracy(), (int) b.images()));
    }
    Table binTable = bt.build();
    binTable.writeCsv(dir.resolve("border-distance.csv"));

    int nt = g.tops().length;
    int nl = g.lefts().length;
    Table.Builder pt = Table.builder(POSITION_COLUMNS);
    // Heatmap rows bottom-up, so the last row (top = smallest) is drawn at the top, as in an image.
    int[] ys = new int[nt];
    int[][] percent = new int[nt][nl];
    for (int i = 0; i < nt; i++) {
      ys[nt - 1 - i] = g.tops()[i];
      for (int j = 0; j < nl; j++) {
        int k = i * nl + j;
        double acc = (double) correct[k] / images[k];
        pt.row(g.tops()[i], g.lefts()[j], distances[k], images[k], correct[k], acc);
        percent[nt - 1 - i][j] = (int) Math.round(100 * acc);
      }
    }
    Table posTable = pt.build();
    posTable.writeCsv(dir.resolve("border-distance-positions.csv"));

    Map<String, Object> json = result.setup().json(BorderDistanceProbe.NAME);
    json.put("images", result.images());
    json.put("params", result.setup().params());
    json.put("canvas", in.toString());
    json.put("imageSize", result.imageHeight() + "x" + result.imageWidth());
    json.put("range", g.range());
    json.put("step", g.step());
    json.put(
        "distance",
        "min(top, left, H - h - top, W - w - left) px; negative: the frame reaches past the edge");
    json.put("bins", binTable.toMaps());
    json.put("positions", posTable.toMaps());
    Json.write(dir.resolve("border-distance.json"), json);

    double[] x = bins.stream().mapToDouble(DistanceBin::distance).toArray();
    double[] y = bins.stream().mapToDouble(DistanceBin::accuracy).toArray();
    LineChart.builder("Accuracy against distance to the border (" + result.setup().model() + ")")
        .xTitle("distance of the image frame to the nearest edge (px)")
        .yTitle("accuracy")
        .yRange(0, 1)
        .series("accuracy", x, y)
        .build()
        .writePng(dir.resolve("border-distance.png"));
    Heatmap.builder("Accuracy (%) per placement (" + result.setup().model() + ")")
        .xTitle("left (px)")
        .yTitle("top (px)")
        .grid(g.lefts(), ys, percent)
        .scale(0, 100)
        .build()
        .writePng(dir.resolve("border-distance-heatmap.png"));

    DistanceBin nearest = bins.get(0);
    DistanceBin farthest = bins.get(bins.size() - 1);
    Map<String, Object> headline = new LinkedHashMap<>();
    headline.put("placements", distances.length);
    headline.put("minDistance", nearest.distance());
    headline.put("maxDistance", farthest.distance());
    headline.put("accuracyAtMinDistance", nearest.accuracy());
    headline.put("accuracyAtMaxDistance", farthest.accuracy());
    List<String> md = new ArrayList<>();
    md.add(
        "Accuracy of "
            + result.images()
            + " images at "
            + distances.length
            + " placements on a "
            + in.height()
            + "x"
            + in.width()
            + " zero canvas, by the frame's distance to the nearest edge (negative: past it).");
    md.add("");
    md.add(binTable.toMarkdown());
    md.add("![accuracy against distance](border-distance.png)");
    md.add("![accuracy per placement](border-distance-heatmap.png)");
    return ProbeSummary.of(
        BorderDistanceProbe.NAME, result.setup(), headline, md, BorderDistanceProbe.INFO.outputs());
  }
}
