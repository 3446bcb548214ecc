package io.shiftlab.probe;

/**
 * Pure functions over the logits of a location-grid test set (PROTOCOLS cards 7 and 8): argmax
 * predictions, accuracy per grid cell, means and spreads, and whether a model's logits are the same
 * bit for bit wherever the tile sits.
 */
public final class GridMetrics {
  private GridMetrics() {}

  /**
   * Argmax of each row; ties go to the lower class.
   *
   * @param logits row-major {@code n x k}
   * @param k classes per row
   * @return {@code n} predictions
   */
  public static int[] argmax(float[] logits, int k) {
    if (k < 1 || logits.length % k != 0) {
      throw new IllegalArgumentException(logits.length + " logits do not split into rows of " + k);
    }
    int[] pred = new int[logits.length / k];
    for (int i = 0; i < pred.length; i++) {
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (logits[i * k + c] > logits[i * k + best]) {
          best = c;
        }
      }
      pred[i] = best;
    }
    return pred;
  }

  /**
   * Accuracy per cell: the fraction of the images in each cell that are predicted right.
   *
   * @param predicted predictions
   * @param labels labels
   * @param cell the cell of each image
   * @param cells the number of cells
   * @return accuracy per cell, NaN for a cell without images
   */
  public static double[] accuracyByCell(int[] predicted, int[] labels, int[] cell, int cells) {
    if (predicted.length != labels.length || labels.length != cell.length) {
      throw new IllegalArgumentException("predictions, labels and cells differ in length");
    }
    int[] right = new int[cells];
    int[] total = new int[cells];
    for (int i = 0; i < labels.length; i++) {
      total[cell[i]]++;
      right[cell[i]] += predicted[i] == labels[i] ? 1 : 0;
    }
    double[] acc = new double[cells];
    for (int c = 0; c < cells; c++) {
      acc[c] = total[c] == 0 ? Double.NaN : (double) right[c] / total[c];
    }
    return acc;
  }

  /**
   * Accuracy over the images whose flag is set.
   *
   * @param predicted predictions
   * @param labels labels
   * @param include which images count
   * @return the fraction right among them, NaN if none counts
   */
  public static double accuracyWhere(int[] predicted, int[] labels, boolean[] include) {
    int right = 0;
    int total = 0;
    for (int i = 0; i < labels.length; i++) {
      if (include[i]) {
        total++;
        right += predicted[i] == labels[i] ? 1 : 0;
      }
    }
    return total == 0 ? Double.NaN : (double) right / total;
  }

  /**
   * The mean.
   *
   * @param x values, at least one
   * @return their mean
   */
  public static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  /**
   * The population standard deviation (divides by n).
   *
   * @param x values, at least one
   * @return their spread
   */
  public static double std(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / x.length);
  }

  /**
   * Of an every-cell test set (image {@code i * cells + c} = tile {@code i} in cell {@code c}), how
   * many tiles give bit-identical logits in all cells.
   *
   * @param logits row-major {@code (tiles * cells) x k}
   * @param k classes
   * @param cells cells per tile
   * @return the number of tiles whose {@code cells} rows are equal bit for bit
   */
  public static int tilesWithIdenticalLogits(float[] logits, int k, int cells) {
    int rows = logits.length / k;
    if (rows % cells != 0) {
      throw new IllegalArgumentException(
          rows + " rows are not whole groups of " + cells + " cells");
    }
    int identical = 0;
    for (int t = 0; t < rows / cells; t++) {
      boolean same = true;
      int first = t * cells * k;
      for (int c = 1; c < cells && same; c++) {
        for (int j = 0; j < k; j++) {
          if (Float.floatToRawIntBits(logits[first + j])
              != Float.floatToRawIntBits(logits[first + c * k + j])) {
            same = false;
            break;
          }
        }
      }
      identical += same ? 1 : 0;
    }
    return identical;
  }
}
