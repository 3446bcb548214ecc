package io.shiftlab.report;

import io.shiftlab.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
 * size {@value #DEFAULT_WIDTH}x{@value #DEFAULT_HEIGHT} pixels. Rendering is deterministic: the
 * same chart gives byte-identical PNGs on the same machine (fonts come from the JVM, so other
 * machines may differ).
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
public final class LineChart {
  /** Default width in pixels. */
  public static final int DEFAULT_WIDTH = 900;

  /** Default height in pixels. */
  public static final int DEFAULT_HEIGHT = 560;

  private static final Marker[] MARKERS = {
    SeriesMarkers.CIRCLE,
    SeriesMarkers.SQUARE,
    SeriesMarkers.DIAMOND,
    SeriesMarkers.TRIANGLE_UP,
    SeriesMarkers.TRIANGLE_DOWN,
    SeriesMarkers.CROSS,
    SeriesMarkers.PLUS,
  };

  private final String title;
  private final String xTitle;
  private final String yTitle;
  private final Double yMin;
  private final Double yMax;
  private final int width;
  private final int height;
  private final List<LineSeries> series;

  private LineChart(Builder b) {
    this.title = b.title;
    this.xTitle = b.xTitle;
    this.yTitle = b.yTitle;
    this.yMin = b.yMin;
    this.yMax = b.yMax;
    this.width = b.width;
    this.height = b.height;
    this.series = List.copyOf(b.series);
    if (series.isEmpty()) {
      throw new IllegalArgumentException("chart '" + title + "' has no series");
    }
    Set<String> names = new HashSet<>();
    for (LineSeries s : series) {
      if (!names.add(s.name())) {
        throw new IllegalArgumentException("duplicate series name: " + s.name());
      }
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
  public static final class Builder {
    private final String title;
    private String xTitle = "";
    private String yTitle = "";
    private Double yMin;
    private Double yMax;
    private int width = DEFAULT_WIDTH;
    private int height = DEFAULT_HEIGHT;
    private final List<LineSeries> series = new ArrayList<>();

    private Builder(String title) {
      this.title = Objects.requireNonNull(title, "title");
    }

    /**
     * Sets the x-axis title.
     *
     * @param text the title
     * @return this builder
     */
    public Builder xTitle(String text) {
      this.xTitle = Objects.requireNonNull(text, "xTitle");
      return this;
    }

    /**
     * Sets the y-axis title.
     *
     * @param text the title
     * @return this builder
     */
    public Builder yTitle(String text) {
      this.yTitle = Objects.requireNonNull(text, "yTitle");
      return this;
    }

    /**
     * Fixes the y range instead of fitting it to the data, e.g. {@code yRange(0, 1)} for accuracy,
     * so that charts of different runs compare at a glance.
     *
     * @param min the bottom of the axis, finite
     * @param max the top of the axis, finite and greater than {@code min}
     * @return this builder
     */
    public Builder yRange(double min, double max) {
      ChartEncoding.checkRange(min, max);
      this.yMin = min;
      this.yMax = max;
      return this;
    }

    /**
     * Sets the image size.
     *
     * @param widthPx width in pixels, 100 to 10000
     * @param heightPx height in pixels, 100 to 10000
     * @return this builder
     */
    public Builder size(int widthPx, int heightPx) {
      if (widthPx < 100 || widthPx > 10_000 || heightPx < 100 || heightPx > 10_000) {
        throw new IllegalArgumentException(
            "chart size must be within 100..10000 px, got " + widthPx + "x" + heightPx);
      }
      this.width = widthPx;
      this.height = heightPx;
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
     * @throws IllegalArgumentException if there is no series or two share a name
     */
    public LineChart build() {
      return new LineChart(this);
    }
  }

  /** The chart title. */
  public String title() {
    return title;
  }

  /** The series, in drawing order. */
  public List<LineSeries> series() {
    return series;
  }

  /** Width in pixels. */
  public int width() {
    return width;
  }

  /** Height in pixels. */
  public int height() {
    return height;
  }

  /**
   * Renders the chart as PNG.
   *
   * @return the PNG bytes
   */
  public byte[] toPng() {
    return ChartEncoding.png(toXChart());
  }

  /**
   * Renders the chart as SVG.
   *
   * @return the SVG document
   */
  public String toSvg() {
    return ChartEncoding.svg(toXChart(), title, svgDescription());
  }

  /**
   * Writes the chart as a PNG file atomically.
   *
   * @param file the target, conventionally ending in {@code .png}
   */
  public void writePng(Path file) {
    ChartEncoding.write(file, toPng());
  }

  /**
   * Writes the chart as an SVG file atomically.
   *
   * @param file the target, conventionally ending in {@code .svg}
   */
  public void writeSvg(Path file) {
    AtomicFiles.writeString(file, toSvg());
  }

  private String svgDescription() {
    StringBuilder sb = new StringBuilder("Line chart");
    if (!xTitle.isEmpty() || !yTitle.isEmpty()) {
      sb.append(" of ").append(yTitle.isEmpty() ? "y" : yTitle);
      sb.append(" against ").append(xTitle.isEmpty() ? "x" : xTitle);
    }
    sb.append(". Series: ");
    for (int i = 0; i < series.size(); i++) {
      sb.append(i == 0 ? "" : "; ").append(series.get(i).name());
    }
    return sb.append('.').toString();
  }

  /**
   * Builds a fresh XChart chart for this chart. XChart charts are mutable, so one is built per
   * rendering and never shared; exposed for callers that want to tweak styling further.
   *
   * @return a new XChart chart
   */
  public XYChart toXChart() {
    XYChart chart = new XYChart(width, height);
    chart.setTitle(title);
    chart.setXAxisTitle(xTitle);
    chart.setYAxisTitle(yTitle);
    var st = chart.getStyler();
    ChartEncoding.applyHouseStyle(st);
    st.setMarkerSize(8);
    st.setAxisTitlesVisible(!xTitle.isEmpty() || !yTitle.isEmpty());
    if (yMin != null) {
      st.setYAxisMin(yMin);
      st.setYAxisMax(yMax);
    }
    for (int i = 0; i < series.size(); i++) {
      LineSeries s = series.get(i);
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
      }
    }
    return chart;
  }
}
