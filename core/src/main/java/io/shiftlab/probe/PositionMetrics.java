package io.shiftlab.probe;

import java.util.Arrays;

/**
 * The two metrics of PosENet (Islam, Jia &amp; Bruce ICLR 2020; PROTOCOLS card 6), as pure
 * functions over plain arrays.
 *
 * <ul>
 *   <li><b>SPC</b>: per image, Spearman's rank correlation between the flattened prediction and the
 *       flattened target, ties given the average of their ranks (so it is Pearson's r of the
 *       ranks); the mean over images.
 *   <li><b>MAE</b>: mean absolute difference between prediction and target over all pixels.
 * </ul>
 *
 * <p>A constant prediction (or target) has no ranking: its rho is NaN, never 0. {@link #spc}
 * averages the images whose rho is defined and counts the others, so a set of constant predictions
 * gives NaN (the PosENet baseline on a black image) and one NaN image never drags the mean to 0.
 * "Constant" allows for float rounding: a map whose range is at most {@link #CONSTANT_TOLERANCE}
 * times its largest magnitude (at least 1) counts as constant, since a constant read-out resized
 * bilinearly comes back with last-bit noise that would otherwise be ranked.
 */
public final class PositionMetrics {
  /** Relative range below which a map counts as constant. */
  public static final double CONSTANT_TOLERANCE = 1e-6;

  private PositionMetrics() {}

  /**
   * SPC over a set: the mean of the defined per-image rhos, and how many were undefined.
   *
   * @param mean the mean rho over images whose rho is defined, NaN if there is none
   * @param std the population standard deviation of those rhos, NaN if there is none
   * @param undefined images whose prediction or target was constant
   * @param images the number of images
   */
  public record Spc(double mean, double std, int undefined, int images) {
    /** The standard error of {@link #mean}: {@code std / sqrt(defined images)}. */
    public double standardError() {
      int defined = images - undefined;
      return defined == 0 ? Double.NaN : std / Math.sqrt(defined);
    }

    /** Whether no image gave a defined rho. */
    public boolean isNaN() {
      return Double.isNaN(mean);
    }
  }

  /**
   * The ranks of {@code v}, 1-based, ties sharing the average of the ranks they span.
   *
   * @param v the values (no NaN)
   * @return the ranks
   */
  public static double[] ranks(float[] v) {
    int n = v.length;
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Float.compare(v[a], v[b]));
    double[] r = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && v[idx[j + 1]] == v[idx[i]]) {
        j++;
      }
      double avg = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        r[idx[k]] = avg;
      }
      i = j + 1;
    }
    return r;
  }

  /**
   * Whether a map is constant up to float rounding.
   *
   * @param v the values
   * @return true for an empty or constant map
   */
  public static boolean isConstant(float[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (float f : v) {
      lo = Math.min(lo, f);
      hi = Math.max(hi, f);
    }
    if (v.length == 0) {
      return true;
    }
    double scale = Math.max(1.0, Math.max(Math.abs(lo), Math.abs(hi)));
    return hi - lo <= CONSTANT_TOLERANCE * scale;
  }

  /**
   * Spearman's rho of two maps of one image, ties averaged.
   *
   * @param prediction the flattened prediction
   * @param target the flattened target, same length
   * @return rho in [-1, 1], or NaN if either map is constant
   */
  public static double spearman(float[] prediction, float[] target) {
    if (prediction.length != target.length) {
      throw new IllegalArgumentException(
          "prediction has " + prediction.length + " values, target " + target.length);
    }
    if (isConstant(prediction) || isConstant(target)) {
      return Double.NaN;
    }
    double[] a = ranks(prediction);
    double[] b = ranks(target);
    double ma = mean(a);
    double mb = mean(b);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      double da = a[i] - ma;
      double db = b[i] - mb;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
    return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
  }

  /**
   * SPC of a set: one rho per image, averaged over the images where it is defined.
   *
   * @param predictions one flattened prediction per image
   * @param target the target every image is compared with
   * @return the mean and the count of undefined images
   */
  public static Spc spc(float[][] predictions, float[] target) {
    double sum = 0;
    double sumSq = 0;
    int defined = 0;
    for (float[] p : predictions) {
      double rho = spearman(p, target);
      if (!Double.isNaN(rho)) {
        sum += rho;
        sumSq += rho * rho;
        defined++;
      }
    }
    if (defined == 0) {
      return new Spc(Double.NaN, Double.NaN, predictions.length, predictions.length);
    }
    double mean = sum / defined;
    double var = Math.max(0, sumSq / defined - mean * mean);
    return new Spc(mean, Math.sqrt(var), predictions.length - defined, predictions.length);
  }

  /**
   * Mean absolute error over every pixel of every image.
   *
   * @param predictions one flattened prediction per image
   * @param target the target
   * @return the MAE, NaN for no images
   */
  public static double mae(float[][] predictions, float[] target) {
    double sum = 0;
    long n = 0;
    for (float[] p : predictions) {
      if (p.length != target.length) {
        throw new IllegalArgumentException(
            "prediction has " + p.length + " values, target " + target.length);
      }
      for (int i = 0; i < p.length; i++) {
        sum += Math.abs(p[i] - target[i]);
      }
      n += p.length;
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s / v.length;
  }
}
