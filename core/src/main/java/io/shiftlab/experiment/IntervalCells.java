package io.shiftlab.experiment;

import io.shiftlab.stats.Estimate;
import java.util.ArrayList;
import java.util.List;

/**
 * The two cells a table shows beside published numbers: our 95% intervals ({@code [71.0, 75.2] /
 * [40.3, 44.1]}) and whether each published figure lies inside its interval ({@code yes / no}).
 * Several quantities of one row share a cell, in the same order in both, separated by {@code / }.
 */
final class IntervalCells {
  private static final String SEPARATOR = " / ";

  private IntervalCells() {}

  /**
   * The intervals cell.
   *
   * @param decimals digits after the point
   * @param ours our estimates, in column order
   * @return e.g. {@code [71.0, 75.2] / [40.3, 44.1]}
   */
  static String intervals(int decimals, Estimate... ours) {
    List<String> cells = new ArrayList<>(ours.length);
    for (Estimate e : ours) {
      cells.add(e.text(decimals));
    }
    return String.join(SEPARATOR, cells);
  }

  /**
   * The published-inside cell.
   *
   * @param ours our estimates, in column order
   * @param published the published figure for each, in the same unit
   * @return e.g. {@code yes / no}
   */
  static String inside(Estimate[] ours, double... published) {
    if (ours.length != published.length) {
      throw new IllegalArgumentException(
          ours.length + " estimates but " + published.length + " published figures");
    }
    List<String> cells = new ArrayList<>(ours.length);
    for (int i = 0; i < ours.length; i++) {
      cells.add(ours[i].contains(published[i]) ? "yes" : "no");
    }
    return String.join(SEPARATOR, cells);
  }

  /**
   * The published-inside cell of one quantity.
   *
   * @param ours our estimate
   * @param published the published figure, in the same unit
   * @return {@code yes} or {@code no}
   */
  static String inside(Estimate ours, double published) {
    return inside(new Estimate[] {ours}, published);
  }
}
