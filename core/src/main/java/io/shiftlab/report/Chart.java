package io.shiftlab.report;

import io.shiftlab.io.AtomicFiles;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * What every chart shares: title, axis titles, an optional fixed y range, the image size, the house
 * style, and PNG/SVG output written atomically. {@link LineChart} and {@link BarChart} add their
 * series; both are configured through one {@link Builder}.
 */
public abstract class Chart {
  /** Default width in pixels. */
  public static final int DEFAULT_WIDTH = 900;

  /** Default height in pixels. */
  public static final int DEFAULT_HEIGHT = 560;

  private final String title;
  private final String xTitle;
  private final String yTitle;
  private final Double yMin;
  private final Double yMax;
  private final int width;
  private final int height;

  /**
   * Copies the shared settings.
   *
   * @param b the builder
   */
  protected Chart(Builder<?, ?> b) {
    this.title = b.title;
    this.xTitle = b.xTitle;
    this.yTitle = b.yTitle;
    this.yMin = b.yMin;
    this.yMax = b.yMax;
    this.width = b.width;
    this.height = b.height;
  }

  /**
   * Refuses two series with the same legend entry.
   *
   * @param names the series names in order
   */
  static void requireDistinct(List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw new IllegalArgumentException("duplicate series name: " + n);
      }
    }
  }

  /** The chart title. */
  public String title() {
    return title;
  }

  /** The x-axis title, may be empty. */
  public String xTitle() {
    return xTitle;
  }

  /** The y-axis title, may be empty. */
  public String yTitle() {
    return yTitle;
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
   * Applies the house style, the axis titles and the fixed y range to an XChart styler.
   *
   * @param chart the XChart chart being built
   * @param st its styler
   */
  void style(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, AxesChartStyler st) {
    chart.setTitle(title);
    chart.setXAxisTitle(xTitle);
    chart.setYAxisTitle(yTitle);
    ChartEncoding.applyHouseStyle(st);
    st.setAxisTitlesVisible(!xTitle.isEmpty() || !yTitle.isEmpty());
    if (yMin != null) {
      st.setYAxisMin(yMin);
      st.setYAxisMax(yMax);
    }
  }

  /**
   * Builds a fresh XChart chart (mutable, one per rendering, never shared); exposed for callers
   * that want to tweak styling further.
   *
   * @return a new XChart chart
   */
  public abstract org.knowm.xchart.internal.chartpart.Chart<?, ?> toXChart();

  /** The SVG's accessible description: the kind of chart, its axes and its series. */
  abstract String description();

  /** Renders the chart as PNG. */
  public byte[] toPng() {
    return ChartEncoding.png(toXChart());
  }

  /** Renders the chart as SVG, with an accessible title and description. */
  public String toSvg() {
    return ChartEncoding.svg(toXChart(), title, description());
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

  /**
   * The settings every chart takes; {@link LineChart.Builder} and {@link BarChart.Builder} add
   * their series. Not thread-safe.
   *
   * @param <B> the concrete builder, returned by every setter
   * @param <C> the chart it builds
   */
  public abstract static class Builder<B extends Builder<B, C>, C extends Chart> {
    private final String title;
    private String xTitle = "";
    private String yTitle = "";
    private Double yMin;
    private Double yMax;
    private int width = DEFAULT_WIDTH;
    private int height = DEFAULT_HEIGHT;

    /**
     * Starts a builder.
     *
     * @param title the chart title, may be empty
     */
    protected Builder(String title) {
      this.title = Objects.requireNonNull(title, "title");
    }

    /** This builder, typed. */
    protected abstract B self();

    /**
     * Sets the x-axis title.
     *
     * @param text the title
     * @return this builder
     */
    public B xTitle(String text) {
      this.xTitle = Objects.requireNonNull(text, "xTitle");
      return self();
    }

    /**
     * Sets the y-axis title.
     *
     * @param text the title
     * @return this builder
     */
    public B yTitle(String text) {
      this.yTitle = Objects.requireNonNull(text, "yTitle");
      return self();
    }

    /**
     * Fixes the y range instead of fitting it to the data, e.g. {@code yRange(0, 1)} for accuracy,
     * so that charts of different runs compare at a glance.
     *
     * @param min the bottom of the axis, finite
     * @param max the top of the axis, finite and greater than {@code min}
     * @return this builder
     */
    public B yRange(double min, double max) {
      ChartEncoding.checkRange(min, max);
      this.yMin = min;
      this.yMax = max;
      return self();
    }

    /**
     * Sets the image size.
     *
     * @param widthPx width in pixels, 100 to 10000
     * @param heightPx height in pixels, 100 to 10000
     * @return this builder
     */
    public B size(int widthPx, int heightPx) {
      ChartEncoding.checkSize("chart", widthPx, heightPx);
      this.width = widthPx;
      this.height = heightPx;
      return self();
    }

    /** The title, for the subclass's messages. */
    protected String title() {
      return title;
    }

    /**
     * Builds the chart.
     *
     * @return the chart
     * @throws IllegalArgumentException if the series do not fit the chart
     */
    public abstract C build();
  }
}
