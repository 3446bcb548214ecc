package io.shiftlab.probe;

import java.util.Arrays;

/**
 * Pure metric functions of the 1-pixel sweep of {@link StabilityProbe}, after Azulay and Weiss
 * (JMLR 2019) as summarised in PROTOCOLS card 10, plus the worst-case shift score.
 *
 * <p>Sweep predictions are indexed {@code [position][image]}: {@code pred[t][i]} is the class
 * predicted for image {@code i} at the {@code t}-th position of the sweep, consecutive positions
 * one pixel apart.
 */
public final class StabilityMetrics {
  private StabilityMetrics() {}

  /**
   * The probability that the top-1 class changes between consecutive 1-pixel translates: the mean
   * over all images and all {@code T - 1} consecutive position pairs of {@code 1[pred[t][i] !=
   * pred[t+1][i]]}.
   *
   * @param pred {@code [position][image]} predictions, at least two positions
   * @return the probability in [0, 1]; NaN when there are no pairs
   */
  public static double changeProbability(int[][] pred) {
    int[] jag = jaggedness(pred);
    long changes = 0;
    for (int j : jag) {
      changes += j;
    }
    long steps = (long) (pred.length - 1) * jag.length;
    return steps <= 0 ? Double.NaN : (double) changes / steps;
  }

  /**
   * The mean absolute change of the top-1 probability (MAC): the mean over images and consecutive
   * position pairs of {@code |p_c(x_{t+1}) - p_c(x_t)|}, where {@code c} is the top-1 class of the
   * earlier translate {@code x_t}.
   *
   * @param earlier {@code [t][image]}: {@code p_c(x_t)}, for {@code t = 0..T-2}
   * @param later {@code [t][image]}: {@code p_c(x_{t+1})} with the same {@code c}
   * @return the MAC in [0, 1]; NaN when empty
   */
  public static double meanAbsoluteChange(double[][] earlier, double[][] later) {
    if (earlier.length != later.length) {
      throw new IllegalArgumentException(
          "earlier has " + earlier.length + " steps, later " + later.length);
    }
    double s = 0;
    long c = 0;
    for (int t = 0; t < earlier.length; t++) {
      if (earlier[t].length != later[t].length) {
        throw new IllegalArgumentException("step " + t + " has rows of different lengths");
      }
      for (int i = 0; i < earlier[t].length; i++) {
        s += Math.abs(later[t][i] - earlier[t][i]);
        c++;
      }
    }
    return c == 0 ? Double.NaN : s / c;
  }

  /**
   * Jaggedness per image: the number of times the predicted class changes along the sweep.
   *
   * @param pred {@code [position][image]} predictions
   * @return one count per image, in {@code 0..T-1}
   */
  public static int[] jaggedness(int[][] pred) {
    int n = pred.length == 0 ? 0 : pred[0].length;
    int[] out = new int[n];
    for (int t = 0; t + 1 < pred.length; t++) {
      if (pred[t].length != n || pred[t + 1].length != n) {
        throw new IllegalArgumentException("position " + t + " has a different number of images");
      }
      for (int i = 0; i < n; i++) {
        if (pred[t][i] != pred[t + 1][i]) {
          out[i]++;
        }
      }
    }
    return out;
  }

  /**
   * A histogram of non-negative counts.
   *
   * @param counts the counts, each in {@code 0..max}
   * @param max the largest possible count
   * @return {@code h[j]} = how many counts equal {@code j}, for {@code j = 0..max}
   */
  public static int[] histogram(int[] counts, int max) {
    int[] h = new int[max + 1];
    for (int c : counts) {
      h[c]++;
    }
    return h;
  }

  /**
   * The mean of integer values.
   *
   * @param values the values
   * @return their mean; NaN when empty
   */
  public static double mean(int[] values) {
    // IntStream sums in a long and divides once: the same double as a hand-written loop
    return Arrays.stream(values).average().orElse(Double.NaN);
  }

  /**
   * The mean of real values.
   *
   * @param values the values
   * @return their mean; NaN when empty
   */
  public static double mean(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s / values.length;
  }

  /**
   * The worst-case shift score: the fraction of images classified correctly at every shift.
   *
   * @param pred {@code [shift][image]} predictions, one row per shift of the box
   * @param labels the true class per image
   * @return the fraction in [0, 1]; NaN for no images
   */
  public static double correctAtEveryShift(int[][] pred, int[] labels) {
    if (labels.length == 0) {
      return Double.NaN;
    }
    int ok = 0;
    for (int i = 0; i < labels.length; i++) {
      boolean all = true;
      for (int[] row : pred) {
        if (row[i] != labels[i]) {
          all = false;
          break;
        }
      }
      if (all) {
        ok++;
      }
    }
    return (double) ok / labels.length;
  }
}
