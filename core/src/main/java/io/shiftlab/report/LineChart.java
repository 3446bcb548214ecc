package io.shiftlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * An immutable line chart of named {@link LineSeries}, saved as PNG or SVG through XChart.
 *
 * <p>Styled to be read at a glance: white background, light grid, the legend outside the plot on
 * the right so it never hides a curve, a marker on every point, colour-blind safe colours
 * (Okabe-Ito) and a distinct marker shape per series so curves stay apart in greyscale. Default
 * size {@value Chart#DEFAULT_WIDTH}x{@value Chart#DEFAULT_HEIGHT} pixels. Rendering is
 * deterministic: the same chart gives byte-identical PNGs on the same machine (fonts come from the
 * JVM, so other machines may differ).
 *
 * <pre>{@code
 * LineChart.builder("Accuracy under shift")
 *     .xTitle("shift (px)").yTitle("accuracy").yRange(0, 1)
 *     .series(LineSeries.of("zero padding", dx, accZero))
 *     .series(LineSeries.reference("published", dxPaper, accPaper))
 *     .build()
 *     .writePng(runDir.resolve("accuracy.png"));
 * }</pre>
 */
public final class LineChart extends Chart {
  private static final Marker[] MARKERS = {
    SeriesMarkers.CIRCLE,
    SeriesMarkers.SQUARE,
    SeriesMarkers.DIAMOND,
    SeriesMarkers.TRIANGLE_UP,
    SeriesMarkers.TRIANGLE_DOWN,
    SeriesMarkers.CROSS,
    SeriesMarkers.PLUS,
  };

  private final List<LineSeries> series;

  private LineChart(Builder b) {
    super(b);
    this.series = List.copyOf(b.series);
    if (series.isEmpty()) {
      throw new IllegalArgumentException("chart '" + title() + "' has no series");
    }
    requireDistinct(series.stream().map(LineSeries::name).toList());
    if (series.get(0).style() == SeriesStyle.INTERVAL) {
      throw new IllegalArgumentException(
          "chart '"
              + title()
              + "': interval series '"
              + series.get(0).name()
              + "' has no series before it to take its colour from");
    }
  }

  /**
   * Starts a chart.
   *
   * @param title the chart title, may be empty
   * @return a builder
   */
  public static Builder builder(String title) {
    return new Builder(title);
  }

  /** Collects the settings and series of a {@link LineChart}; not thread-safe. */
  public static final class Builder extends Chart.Builder<Builder, LineChart> {
    private final List<LineSeries> series = new ArrayList<>();

    private Builder(String title) {
      super(title);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * Adds a solid series.
     *
     * @param name the legend label
     * @param x the x values
     * @param y the y values, same length
     * @return this builder
     */
    public Builder series(String name, double[] x, double[] y) {
      return series(LineSeries.of(name, x, y));
    }

    /**
     * Adds a series; series are drawn in the order added, each with the next colour and marker.
     *
     * @param s the series
     * @return this builder
     */
    public Builder series(LineSeries s) {
      series.add(Objects.requireNonNull(s, "series"));
      return this;
    }

    /**
     * Builds the chart.
     *
     * @return the chart
     * @throws IllegalArgumentException if there is no series, two share a name, or the first is an
     *     interval (it has no series to belong to)
     */
    @Override
    public LineChart build() {
      return new LineChart(this);
    }
  }

  /** The series, in drawing order. */
  public List<LineSeries> series() {
    return series;
  }

  @Override
  String description() {
    StringBuilder sb = new StringBuilder("Line chart");
    if (!xTitle().isEmpty() || !yTitle().isEmpty()) {
      sb.append(" of ").append(yTitle().isEmpty() ? "y" : yTitle());
      sb.append(" against ").append(xTitle().isEmpty() ? "x" : xTitle());
    }
    sb.append(". Series: ");
    for (int i = 0; i < series.size(); i++) {
      sb.append(i == 0 ? "" : "; ").append(series.get(i).name());
    }
    return sb.append('.').toString();
  }

  @Override
  public XYChart toXChart() {
    XYChart chart = new XYChart(width(), height());
    var st = chart.getStyler();
    style(chart, st);
    st.setMarkerSize(8);
    int owner = 0; // the colour and marker index of the series an INTERVAL belongs to
    int next = 0;
    for (LineSeries s : series) {
      int i = s.style() == SeriesStyle.INTERVAL ? owner : (owner = next++);
      Color color = ChartEncoding.PALETTE[i % ChartEncoding.PALETTE.length];
      XYSeries xs = chart.addSeries(s.name(), s.x(), s.y());
      xs.setLineColor(color);
      xs.setMarkerColor(color);
      xs.setMarker(MARKERS[i % MARKERS.length]);
      switch (s.style()) {
        case SOLID -> {
          xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
          xs.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        case DASHED -> {
          xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
          xs.setLineStyle(
              new BasicStroke(
                  2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f));
        }
        case MARKERS_ONLY -> xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        case INTERVAL -> {
          xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
          xs.setMarker(SeriesMarkers.NONE);
          xs.setShowInLegend(false);
          xs.setLineStyle(
              new BasicStroke(
                  1.2f,
                  BasicStroke.CAP_BUTT,
                  BasicStroke.JOIN_ROUND,
                  10f,
                  new float[] {4f, 4f},
                  0f));
        }
      }
    }
    return chart;
  }
}
