package io.shiftlab.report;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named curve of a {@link LineChart}: points {@code (x[i], y[i])} and a drawing style.
 *
 * <p>The arrays are copied in and out, so a series is immutable. A {@code NaN} y value leaves a gap
 * (the point is not drawn); x values must be finite.
 *
 * @param name the legend label, not blank
 * @param x the x values, finite
 * @param y the y values, same length as {@code x}, finite or {@code NaN}, at least one finite
 * @param style how the series is drawn
 */
public record LineSeries(String name, double[] x, double[] y, SeriesStyle style) {
  /** Validates and copies the series. */
  public LineSeries {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    Objects.requireNonNull(style, "style");
    if (name.isBlank()) {
      throw new IllegalArgumentException("series name must not be blank");
    }
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "series '" + name + "': x has " + x.length + " values but y has " + y.length);
    }
    if (x.length == 0) {
      throw new IllegalArgumentException("series '" + name + "' is empty");
    }
    boolean anyFinite = false;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException("series '" + name + "': x[" + i + "] = " + x[i]);
      }
      if (Double.isInfinite(y[i])) {
        throw new IllegalArgumentException("series '" + name + "': y[" + i + "] = " + y[i]);
      }
      anyFinite |= !Double.isNaN(y[i]);
    }
    if (!anyFinite) {
      throw new IllegalArgumentException("series '" + name + "' has no finite y value");
    }
    x = x.clone();
    y = y.clone();
  }

  /**
   * A solid measured curve.
   *
   * @param name the legend label
   * @param x the x values
   * @param y the y values
   * @return the series
   */
  public static LineSeries of(String name, double[] x, double[] y) {
    return new LineSeries(name, x, y, SeriesStyle.SOLID);
  }

  /**
   * Reference values (e.g. published numbers) drawn as markers only.
   *
   * @param name the legend label
   * @param x the x values
   * @param y the y values
   * @return the series
   */
  public static LineSeries reference(String name, double[] x, double[] y) {
    return new LineSeries(name, x, y, SeriesStyle.MARKERS_ONLY);
  }

  /** A copy of the x values. */
  @Override
  public double[] x() {
    return x.clone();
  }

  /** A copy of the y values. */
  @Override
  public double[] y() {
    return y.clone();
  }

  /** Number of points. */
  public int size() {
    return x.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LineSeries s
        && name.equals(s.name)
        && style == s.style
        && Arrays.equals(x, s.x)
        && Arrays.equals(y, s.y);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, style, Arrays.hashCode(x), Arrays.hashCode(y));
  }

  @Override
  public String toString() {
    return "LineSeries[" + name + ", " + style + ", " + x.length + " points]";
  }
}
