package io.shiftlab.probe;

import java.util.List;

/**
 * Pure functions of the border-distance experiment (PROTOCOLS card 9) over plain arrays: accuracy
 * per cell {@code A(r, c)} of a {@code g x g} grid, pooled by the cell's distance to the border
 * {@code d = min(r, c, g-1-r, g-1-c)} ({@link BorderDistance#distance} in cell units, pooled by
 * {@link BorderDistance#byDistance}), the gap {@code A(0) - A(2)}, and whether a model's logits are
 * the same for a digit in every cell (circular padding's known answer).
 */
public final class GridAccuracy {
  private GridAccuracy() {}

  /**
   * Correct and total counts per cell.
   *
   * @param correct {@code correct[r][c]}
   * @param images {@code images[r][c]}
   */
  public record Cells(long[][] correct, long[][] images) {
    /** Cells per side. */
    public int grid() {
      return images.length;
    }

    /** Accuracy of cell {@code (r, c)}; NaN when it holds no image. */
    public double accuracy(int r, int c) {
      return images[r][c] == 0 ? Double.NaN : (double) correct[r][c] / images[r][c];
    }

    /** Accuracy over all cells. */
    public double overall() {
      long n = 0;
      long k = 0;
      for (int r = 0; r < grid(); r++) {
        for (int c = 0; c < grid(); c++) {
          n += images[r][c];
          k += correct[r][c];
        }
      }
      return n == 0 ? Double.NaN : (double) k / n;
    }
  }

  /**
   * The distance of cell {@code (r, c)} to the border of a {@code g x g} grid, in cells.
   *
   * @param r the row
   * @param c the column
   * @param g cells per side
   * @return {@code min(r, c, g-1-r, g-1-c)}
   */
  public static int ring(int r, int c, int g) {
    return BorderDistance.distance(r, c, g, g, 1, 1);
  }

  /**
   * Counts correct predictions per cell.
   *
   * @param g cells per side
   * @param rows each image's cell row
   * @param cols each image's cell column
   * @param predicted each image's predicted label
   * @param labels each image's true label
   * @return the counts
   */
  public static Cells cells(int g, int[] rows, int[] cols, int[] predicted, int[] labels) {
    int n = rows.length;
    if (cols.length != n || predicted.length != n || labels.length != n) {
      throw new IllegalArgumentException("rows, cols, predicted and labels differ in length");
    }
    long[][] correct = new long[g][g];
    long[][] images = new long[g][g];
    for (int i = 0; i < n; i++) {
      if (rows[i] < 0 || rows[i] >= g || cols[i] < 0 || cols[i] >= g) {
        throw new IllegalArgumentException(
            "image " + i + " is in cell (" + rows[i] + ", " + cols[i] + ") outside the grid");
      }
      images[rows[i]][cols[i]]++;
      correct[rows[i]][cols[i]] += predicted[i] == labels[i] ? 1 : 0;
    }
    return new Cells(correct, images);
  }

  /**
   * Accuracy pooled by the cells' distance to the border, {@code A(d)}.
   *
   * @param cells the per-cell counts
   * @return one bin per distance 0 .. (g-1)/2, ascending
   */
  public static List<DistanceBin> byRing(Cells cells) {
    int g = cells.grid();
    int[] d = new int[g * g];
    long[] k = new long[g * g];
    long[] n = new long[g * g];
    for (int r = 0; r < g; r++) {
      for (int c = 0; c < g; c++) {
        d[r * g + c] = ring(r, c, g);
        k[r * g + c] = cells.correct()[r][c];
        n[r * g + c] = cells.images()[r][c];
      }
    }
    return BorderDistance.byDistance(d, k, n);
  }

  /**
   * The accuracy of a distance bin.
   *
   * @param bins the bins of {@link #byRing}
   * @param distance the distance
   * @return its accuracy, NaN if there is no such bin
   */
  public static double at(List<DistanceBin> bins, int distance) {
    return bins.stream()
        .filter(b -> b.distance() == distance)
        .mapToDouble(DistanceBin::accuracy)
        .findFirst()
        .orElse(Double.NaN);
  }

  /**
   * How far a model's logits change when one digit moves through all cells.
   *
   * @param spread the largest {@code |logit - logit of the same digit in cell 0|} over all digits,
   *     cells and classes
   * @param scale the largest {@code |logit|}
   * @param samePrediction whether every digit gets the same predicted label in every cell
   * @param accuracy the fraction of (digit, cell) pairs whose predicted label is the cell
   */
  public record Invariance(double spread, double scale, boolean samePrediction, double accuracy) {}

  /**
   * Measures {@link Invariance} on the logits of {@code digits x cells} images, image {@code i
   * cells + j} being digit {@code i} in cell {@code j} (the LOC label {@code j}).
   *
   * @param logits {@code digits * cells * classes} values, row-major
   * @param digits the number of digits
   * @param cells the number of cells
   * @param classes logits per image
   * @return the measurement
   */
  public static Invariance invariance(float[] logits, int digits, int cells, int classes) {
    if (logits.length != (long) digits * cells * classes) {
      throw new IllegalArgumentException(
          "expected " + digits * cells * classes + " logits, got " + logits.length);
    }
    double spread = 0;
    double scale = 0;
    boolean same = true;
    int correct = 0;
    for (int i = 0; i < digits; i++) {
      int first = -1;
      for (int j = 0; j < cells; j++) {
        int base = (i * cells + j) * classes;
        int best = 0;
        for (int k = 0; k < classes; k++) {
          float v = logits[base + k];
          scale = Math.max(scale, Math.abs(v));
          spread = Math.max(spread, Math.abs(v - logits[i * cells * classes + k]));
          if (v > logits[base + best]) {
            best = k;
          }
        }
        if (first < 0) {
          first = best;
        }
        same &= best == first;
        correct += best == j ? 1 : 0;
      }
    }
    return new Invariance(spread, scale, same, (double) correct / (digits * cells));
  }
}
