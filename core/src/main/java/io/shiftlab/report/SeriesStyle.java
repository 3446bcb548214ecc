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
  MARKERS_ONLY,
  /**
   * A thin dashed line without markers, in the colour of the nearest series before it that is not
   * an interval, and left out of the legend; for the two ends of that series' confidence interval.
   */
  INTERVAL
}
