package io.shiftlab.report;

/** How a {@link LineSeries} is drawn in a {@link LineChart}. */
public enum SeriesStyle {
  /** A solid line through the points, with a marker on each point; for measured curves. */
  SOLID,
  /** A dashed line with markers; for baselines and secondary curves. */
  DASHED,
  /**
   * Markers only, no line; for reference values such as numbers published in a paper, which are
   * sparse and should not suggest an interpolation.
   */
  MARKERS_ONLY
}
