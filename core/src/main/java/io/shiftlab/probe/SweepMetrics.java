package io.shiftlab.probe;

/**
 * Pure metric functions of the shift sweep ({@link SweepProbe}): per-offset counts turned into
 * accuracies, and summaries over the box of offsets. Grids are indexed {@code [dy + r][dx + r]} for
 * a box {@code [-r..r]^2}.
 */
public final class SweepMetrics {
  private SweepMetrics() {}

  /**
   * Accuracy per cell.
   *
   * @param correct correct counts per offset
   * @param n the number of images (the same at every offset)
   * @return {@code correct / n} per cell; NaN everywhere when {@code n = 0}
   */
  public static double[][] accuracy(int[][] correct, int n) {
    double[][] out = new double[correct.length][];
    for (int j = 0; j < correct.length; j++) {
      out[j] = new double[correct[j].length];
      for (int i = 0; i < correct[j].length; i++) {
        out[j][i] = n == 0 ? Double.NaN : (double) correct[j][i] / n;
      }
    }
    return out;
  }

  /**
   * Mean per cell of summed values, e.g. the mean true-class probability.
   *
   * @param sums sums over the images per offset
   * @param n the number of images
   * @return {@code sums / n} per cell
   */
  public static double[][] mean(double[][] sums, int n) {
    double[][] out = new double[sums.length][];
    for (int j = 0; j < sums.length; j++) {
      out[j] = new double[sums[j].length];
      for (int i = 0; i < sums[j].length; i++) {
        out[j][i] = n == 0 ? Double.NaN : sums[j][i] / n;
      }
    }
    return out;
  }

  /**
   * The smallest cell.
   *
   * @param grid a non-empty grid
   * @return its minimum
   */
  public static double min(double[][] grid) {
    double m = Double.POSITIVE_INFINITY;
    for (double[] row : grid) {
      for (double v : row) {
        m = Math.min(m, v);
      }
    }
    return m;
  }

  /**
   * The unweighted mean over all cells (every offset counts once).
   *
   * @param grid a non-empty grid
   * @return the mean cell value
   */
  public static double mean(double[][] grid) {
    double s = 0;
    int c = 0;
    for (double[] row : grid) {
      for (double v : row) {
        s += v;
        c++;
      }
    }
    return s / c;
  }

  /**
   * The cell at an offset.
   *
   * @param grid a grid over {@code [-r..r]^2}
   * @param r the box radius
   * @param dx the column offset
   * @param dy the row offset
   * @return {@code grid[dy + r][dx + r]}
   */
  public static double at(double[][] grid, int r, int dx, int dy) {
    return grid[dy + r][dx + r];
  }

  /**
   * The cells along the diagonal {@code dx = dy = o}, {@code o = -r..r}.
   *
   * @param grid a square grid of side {@code 2r + 1}
   * @return {@code 2r + 1} values, from {@code o = -r} to {@code r}
   */
  public static double[] diagonal(double[][] grid) {
    double[] out = new double[grid.length];
    for (int o = 0; o < grid.length; o++) {
      out[o] = grid[o][o];
    }
    return out;
  }

  /**
   * A grid of fractions as whole percentages, for the heatmap.
   *
   * @param grid fractions in [0, 1]
   * @return {@code round(100 * v)} per cell
   */
  public static int[][] percent(double[][] grid) {
    int[][] out = new int[grid.length][];
    for (int j = 0; j < grid.length; j++) {
      out[j] = new int[grid[j].length];
      for (int i = 0; i < grid[j].length; i++) {
        out[j][i] = (int) Math.round(100 * grid[j][i]);
      }
    }
    return out;
  }
}
