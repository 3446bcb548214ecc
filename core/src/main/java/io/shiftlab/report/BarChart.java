package io.shiftlab.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/**
 * An immutable grouped bar chart: one group of bars per category (e.g. a convolution type), one bar
 * per series in each group (e.g. Similar and Dissimilar), with optional error bars, saved as PNG or
 * SVG through XChart.
 *
 * <p>Styled like {@link LineChart}: white background, light grid, legend outside on the right,
 * Okabe-Ito colours in series order. The same chart gives the same bytes on the same machine.
 *
 * <pre>{@code
 * BarChart.builder("red-green: accuracy by convolution type")
 *     .categories(List.of("valid", "same-zero"))
 *     .xTitle("convolution").yTitle("accuracy (%)").yRange(0, 100)
 *     .series("Similar", new double[] {100, 99.8}, new double[] {0, 0.1})
 *     .build()
 *     .writePng(dir.resolve("accuracy.png"));
 * }</pre>
 */
public final class BarChart extends Chart {
  /**
   * One series: a value per category and optional error-bar half-widths.
   *
   * @param name the legend entry
   * @param values one value per category (NaN: no bar)
   * @param errors one half-width per category, or null for no error bars
   */
  public record Bars(String name, double[] values, double[] errors) {
    /** Validates the lengths. */
    public Bars {
      Objects.requireNonNull(name, "name");
      values = values.clone();
      errors = errors == null ? null : errors.clone();
      if (errors != null && errors.length != values.length) {
        throw new IllegalArgumentException(
            "series '" + name + "': " + errors.length + " errors for " + values.length + " values");
      }
    }
  }

  private final List<String> categories;
  private final List<Bars> series;

  private BarChart(Builder b) {
    super(b);
    this.categories = List.copyOf(b.categories);
    this.series = List.copyOf(b.series);
    if (categories.isEmpty() || series.isEmpty()) {
      throw new IllegalArgumentException("chart '" + title() + "' needs categories and series");
    }
    requireDistinct(series.stream().map(Bars::name).toList());
    for (Bars s : series) {
      if (s.values().length != categories.size()) {
        throw new IllegalArgumentException(
            "series '"
                + s.name()
                + "' has "
                + s.values().length
                + " values for "
                + categories.size()
                + " categories");
      }
    }
  }

  /**
   * Starts a chart.
   *
   * @param title the chart title
   * @return a builder
   */
  public static Builder builder(String title) {
    return new Builder(title);
  }

  /** Collects the settings and series of a {@link BarChart}; not thread-safe. */
  public static final class Builder extends Chart.Builder<Builder, BarChart> {
    private final List<String> categories = new ArrayList<>();
    private final List<Bars> series = new ArrayList<>();

    private Builder(String title) {
      super(title);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * Sets the categories (the groups along x), in order.
     *
     * @param names the category labels
     * @return this builder
     */
    public Builder categories(List<String> names) {
      categories.clear();
      categories.addAll(names);
      return this;
    }

    /**
     * Adds a series of bars, one per category.
     *
     * @param name the legend entry
     * @param values the bar heights
     * @param errors the error-bar half-widths, or null
     * @return this builder
     */
    public Builder series(String name, double[] values, double[] errors) {
      series.add(new Bars(name, values, errors));
      return this;
    }

    @Override
    public BarChart build() {
      return new BarChart(this);
    }
  }

  /** The category names along the x axis, in order. */
  public List<String> categories() {
    return categories;
  }

  /** The series, in drawing order. */
  public List<Bars> series() {
    return series;
  }

  @Override
  String description() {
    StringBuilder d = new StringBuilder("Grouped bar chart of ");
    d.append(yTitle().isEmpty() ? "values" : yTitle()).append(" by ");
    d.append(xTitle().isEmpty() ? "category" : xTitle()).append(". Categories: ");
    d.append(String.join(", ", categories)).append(". Series: ");
    d.append(String.join("; ", series.stream().map(Bars::name).toList())).append('.');
    return d.toString();
  }

  @Override
  public CategoryChart toXChart() {
    CategoryChart chart = new CategoryChart(width(), height());
    var st = chart.getStyler();
    style(chart, st);
    st.setPlotGridVerticalLinesVisible(false);
    st.setErrorBarsColor(Color.BLACK);
    for (int i = 0; i < series.size(); i++) {
      Bars s = series.get(i);
      // A NaN (e.g. an undefined rank correlation) draws no bar rather than a bar at zero.
      List<Double> values =
          Arrays.stream(s.values()).mapToObj(v -> Double.isFinite(v) ? v : null).toList();
      CategorySeries cs =
          s.errors() == null
              ? chart.addSeries(s.name(), categories, values)
              : chart.addSeries(
                  s.name(), categories, values, Arrays.stream(s.errors()).boxed().toList());
      cs.setFillColor(ChartEncoding.PALETTE[i % ChartEncoding.PALETTE.length]);
    }
    return chart;
  }
}
