package io.shiftlab.rf;

/**
 * Pure functions over an effective-receptive-field map (Luo et al., "Understanding the Effective
 * Receptive Field in Deep Convolutional Neural Networks", NeurIPS 2016): the mean |&part;y/&part;x|
 * per input pixel, normalised to a maximum of 1, and the area above a threshold (PROTOCOLS card 12;
 * the 1% threshold is a choice). Maps are indexed {@code map[row][column]}.
 */
public final class EffectiveRf {
  private EffectiveRf() {}

  /**
   * Divides a non-negative map by its maximum; an all-zero map stays zero.
   *
   * @param map the map, non-negative and finite
   * @return a new map with maximum 1 (or all zeros)
   * @throws IllegalArgumentException if a value is negative or not finite
   */
  public static double[][] normalise(double[][] map) {
    double max = 0;
    for (double[] row : map) {
      for (double v : row) {
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException("an ERF map must be finite and >= 0, got " + v);
        }
        max = Math.max(max, v);
      }
    }
    double[][] out = new double[map.length][];
    for (int i = 0; i < map.length; i++) {
      out[i] = new double[map[i].length];
      for (int j = 0; j < map[i].length; j++) {
        out[i][j] = max > 0 ? map[i][j] / max : 0;
      }
    }
    return out;
  }

  /**
   * The number of pixels strictly above a threshold.
   *
   * @param map a normalised map
   * @param threshold e.g. 0.01
   * @return the area in pixels
   */
  public static int area(double[][] map, double threshold) {
    return areaOutside(map, threshold, 0, -1, 0, -1);
  }

  /**
   * The number of pixels strictly above a threshold that lie outside a rectangle, e.g. outside the
   * theoretical receptive field (where a correct computation leaves none).
   *
   * @param map a normalised map
   * @param threshold e.g. 0.01
   * @param firstRow the rectangle's first row
   * @param lastRow its last row, inclusive (below {@code firstRow} for an empty rectangle)
   * @param firstCol its first column
   * @param lastCol its last column, inclusive
   * @return the area in pixels
   */
  public static int areaOutside(
      double[][] map, double threshold, int firstRow, int lastRow, int firstCol, int lastCol) {
    int n = 0;
    for (int i = 0; i < map.length; i++) {
      for (int j = 0; j < map[i].length; j++) {
        boolean inside = i >= firstRow && i <= lastRow && j >= firstCol && j <= lastCol;
        if (!inside && map[i][j] > threshold) {
          n++;
        }
      }
    }
    return n;
  }

  /**
   * The size of the part of {@code [first, last]} inside {@code [0, size)}.
   *
   * @param first the first pixel, possibly negative
   * @param last the last pixel, possibly beyond the image
   * @param size the image size along the axis
   * @return the number of pixels inside the image
   */
  public static int clippedLength(int first, int last, int size) {
    return Math.max(0, Math.min(last, size - 1) - Math.max(first, 0) + 1);
  }

  /**
   * A normalised map in whole percent, rounded half up, for a heatmap.
   *
   * @param map a normalised map
   * @return values 0 to 100
   */
  public static int[][] percent(double[][] map) {
    int[][] out = new int[map.length][];
    for (int i = 0; i < map.length; i++) {
      out[i] = new int[map[i].length];
      for (int j = 0; j < map[i].length; j++) {
        out[i][j] = (int) Math.floor(map[i][j] * 100 + 0.5);
      }
    }
    return out;
  }
}
