package io.shiftlab.probe;

import io.shiftlab.nn.ReadoutSpec;
import io.shiftlab.probe.PositionReadout.Fit;
import io.shiftlab.probe.PositionReadout.Score;
import io.shiftlab.report.BarChart;
import io.shiftlab.report.Column;
import io.shiftlab.report.ImageGrid;
import io.shiftlab.report.Json;
import io.shiftlab.report.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link ReadoutProbe} result: {@code readout.csv} (SPC and MAE per target and set),
 * {@code readout.json}, the SPC bar chart and, for square images, the grid of targets and
 * predictions.
 */
public final class ReadoutWriter implements ProbeWriter<ReadoutProbe.Result> {
  private static final List<String> SETS = List.of("mosaic", "black", "white", "noise");

  @Override
  public ProbeSummary write(ReadoutProbe.Result result, Path dir) {
    ReadoutSpec spec = result.spec();
    List<Fit> fits = result.fits();
    int h = result.height();
    int w = result.width();
    Table.Builder tb =
        Table.builder(
            Column.text("target"),
            Column.text("set"),
            Column.fixed("spc", 4),
            Column.fixed("spc_se", 4),
            Column.number("undefined"),
            Column.number("images"),
            Column.fixed("mae", 4));
    Map<String, Object> headline = new LinkedHashMap<>();
    for (Fit f : fits) {
      for (Score s : f.scores()) {
        tb.row(
            f.target().name(),
            s.set(),
            s.spc(),
            s.spcStdError(),
            s.undefined(),
            s.images(),
            s.mae());
      }
      headline.put("spc_" + f.target().id(), f.score("mosaic").spc());
    }
    Table table = tb.build();
    table.writeCsv(dir.resolve("readout.csv"));
    Map<String, Object> json = result.setup().json(ReadoutProbe.NAME);
    json.put("features", result.features());
    json.put("levels", result.levels());
    json.put("side", result.side());
    json.put("readout", spec.label());
    json.put("headline", headline);
    json.put("rows", table.toMaps());
    json.put(
        "epochLoss",
        fits.stream()
            .map(f -> Map.of("target", f.target().name(), "loss", f.epochLoss()))
            .toList());
    Json.write(dir.resolve("readout.json"), json);

    List<String> cats = fits.stream().map(f -> f.target().name()).toList();
    Map<String, double[]> series = new LinkedHashMap<>();
    for (String set : SETS) {
      series.put(set, fits.stream().mapToDouble(f -> f.score(set).spc()).toArray());
    }
    BarChart.Builder chart =
        BarChart.builder("readout: SPC by target, " + result.setup().model() + " (NaN = no bar)")
            .xTitle("target map")
            .yTitle("SPC (mean Spearman rho)")
            .yRange(-1, 1)
            .categories(cats);
    series.forEach((name, values) -> chart.series(name, values, null));
    chart.build().writePng(dir.resolve("readout-spc.png"));
    float[][][] cells = new float[fits.size()][3][];
    for (int i = 0; i < fits.size(); i++) {
      cells[i][0] = fits.get(i).target().map(h, w);
      cells[i][1] = ImageGrid.stretch(fits.get(i).examples().get("mosaic"));
      cells[i][2] = ImageGrid.stretch(fits.get(i).examples().get("black"));
    }
    if (h == w) {
      new ImageGrid(
              "readout: targets and predictions, "
                  + result.setup().model()
                  + "\n(stretched per map)",
              List.of("target", "mosaic crop", "black"),
              cats,
              cells,
              h)
          .writePng(dir.resolve("readout.png"));
    }

    List<String> md = new ArrayList<>();
    md.add(
        String.format(
            Locale.ROOT,
            "Position read-out (%s) on %s, %d training crops, side %d:",
            spec.label(),
            result.features(),
            result.trainingCrops(),
            result.side()));
    md.add("");
    md.add(table.toMarkdown());
    md.add("");
    md.add("![SPC by target](readout-spc.png)");
    if (h == w) {
      md.add("");
      md.add("![targets and predictions](readout.png)");
    }
    return ProbeSummary.of(
        ReadoutProbe.NAME, result.setup(), headline, md, ReadoutProbe.INFO.outputs());
  }
}
