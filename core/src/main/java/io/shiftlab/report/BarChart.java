package io.shiftlab.report;

import io.shiftlab.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/**
 * A grouped bar chart (categories along x, one coloured bar per series), saved as PNG or SVG
 * through XChart with the same look as {@link LineChart}. A NaN value draws no bar; the caller says
 * so in the title or caption.
 *
 * @param title the title
 * @param xTitle the x-axis title
 * @param yTitle the y-axis title
 * @param yMin the y-axis minimum
 * @param yMax the y-axis maximum
 * @param categories the x categories
 * @param series series name to one value per category, in legend order
 */
public record BarChart(
    String title,
    String xTitle,
    String yTitle,
    double yMin,
    double yMax,
    List<String> categories,
    Map<String, double[]> series) {
  /** Validates the sizes. */
  public BarChart {
    Objects.requireNonNull(title, "title");
    categories = List.copyOf(categories);
    series = new LinkedHashMap<>(series);
    if (series.isEmpty()) {
      throw new IllegalArgumentException("bar chart '" + title + "' has no series");
    }
    for (var e : series.entrySet()) {
      if (e.getValue().length != categories.size()) {
        throw new IllegalArgumentException("series " + e.getKey() + " has the wrong length");
      }
    }
  }

  /** Builds a fresh XChart chart (mutable, one per rendering). */
  public CategoryChart toXChart() {
    CategoryChart chart = new CategoryChart(900, 520);
    chart.setTitle(title);
    chart.setXAxisTitle(xTitle);
    chart.setYAxisTitle(yTitle);
    var st = chart.getStyler();
    ChartEncoding.applyHouseStyle(st);
    st.setYAxisMin(yMin);
    st.setYAxisMax(yMax);
    st.setYAxisDecimalPattern("0.00");
    int i = 0;
    for (var e : series.entrySet()) {
      List<Double> ys = new ArrayList<>();
      for (double v : e.getValue()) {
        ys.add(Double.isFinite(v) ? v : null);
      }
      CategorySeries s = chart.addSeries(e.getKey(), categories, ys);
      s.setFillColor(ChartEncoding.PALETTE[i++ % ChartEncoding.PALETTE.length]);
    }
    return chart;
  }

  /**
   * Writes the chart as PNG.
   *
   * @param file the target
   */
  public void writePng(Path file) {
    ChartEncoding.write(file, ChartEncoding.png(toXChart()));
  }

  /**
   * Writes the chart as SVG.
   *
   * @param file the target
   */
  public void writeSvg(Path file) {
    AtomicFiles.writeString(
        file,
        ChartEncoding.svg(
            toXChart(),
            title,
            "Bar chart of " + yTitle + " by " + xTitle + ": " + series.keySet()));
  }
}
