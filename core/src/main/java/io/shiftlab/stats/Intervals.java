package io.shiftlab.stats;

import java.util.Arrays;

/**
 * 95% intervals for an effect measured on several seeds (independently trained models), pure
 * functions over plain arrays.
 *
 * <ul>
 *   <li>{@link #overSeedsAndImages}: when the effect is a mean over test images. Two sources of
 *       error add: the spread between seeds, through Student's t over the seeds' means ({@code k -
 *       1} degrees of freedom, so two or three seeds give the wide interval they deserve), and the
 *       finite test set, through the images' standard error, taken as if every seed's test-set
 *       error were the same draw (the seeds share one test set, so that error does not average out
 *       over seeds). The two half-widths add in quadrature. The interval is conservative: the seed
 *       means' spread already holds the part of the image error that differs between seeds.
 *   <li>{@link #overSeeds}: when only one number per seed exists, Student's t interval over the
 *       seeds. Two seeds give a wide interval (t = 12.71), by design.
 * </ul>
 *
 * <p>The first replaced a two-stage percentile bootstrap (resample the seeds, then each drawn
 * seed's images). With 2 to 5 seeds it covers far less than 95% when seeds differ more than test
 * images do (resampled seed means never leave the observed range), and it treated each seed's test
 * images as an independent draw; {@code IntervalsTest} measures the coverage of the interval that
 * replaced it.
 *
 * <p>Both are closed-form and deterministic: the same data give the same interval bit for bit.
 */
public final class Intervals {
  /** The coverage of every interval. */
  public static final double LEVEL = 0.95;

  /** The normal distribution's 0.975 quantile, for the test images' error. */
  public static final double Z975 = 1.959964;

  /** t(0.975, df) for df = 1..30. */
  private static final double[] T975 = {
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042
  };

  private Intervals() {}

  /**
   * The 0.975 quantile of Student's t distribution.
   *
   * @param df degrees of freedom, at least 1
   * @return the quantile (1.96 beyond 120)
   */
  public static double t975(int df) {
    if (df < 1) {
      throw new IllegalArgumentException("df must be >= 1: " + df);
    }
    if (df <= T975.length) {
      return T975[df - 1];
    }
    return df <= 60 ? 2.000 : df <= 120 ? 1.980 : 1.960;
  }

  /**
   * Student's t interval of the mean of per-seed values.
   *
   * @param perSeed one value per seed, at least one, all finite
   * @return the estimate; one seed gives an unbounded interval
   */
  public static Estimate overSeeds(double... perSeed) {
    requireFinite(perSeed);
    int k = perSeed.length;
    double mean = mean(perSeed);
    if (k == 1) {
      return new Estimate(
          mean, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1, "one seed: no interval");
    }
    double half = t975(k - 1) * Math.sqrt(sumOfSquares(perSeed, mean) / (k - 1) / k);
    return new Estimate(mean, mean - half, mean + half, k, "t interval over " + k + " seeds");
  }

  /**
   * The 95% interval of the grand mean of per-image values (the mean over seeds of each seed's mean
   * over its images), from the spread between the seeds and the test images' standard error: with
   * {@code k} seeds of means {@code m_s}, sample standard deviation {@code sd} of those means and
   * {@code se_s = sqrt(var_s / n_s)} within seed {@code s} (sample variance over its {@code n_s}
   * images), the half-width is {@code hypot(t975(k - 1) * sd / sqrt(k), 1.96 * mean(se_s))}; one
   * seed has only the second term. The interval is cut to the range of the values themselves (a
   * mean of correct flags stays within [0, 1]).
   *
   * @param perSeedPerImage for each seed, one value per test image (a correct flag 0/1, a paired
   *     difference of two such flags, ...), all finite, each seed at least one image
   * @return the estimate; one seed with one image gives an unbounded interval
   */
  public static Estimate overSeedsAndImages(double[][] perSeedPerImage) {
    int k = perSeedPerImage.length;
    if (k == 0) {
      throw new IllegalArgumentException("at least one seed is needed");
    }
    double[] seedMeans = new double[k];
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double imageSe = 0;
    int images = 0;
    boolean imageErrorKnown = true;
    for (int s = 0; s < k; s++) {
      double[] v = perSeedPerImage[s];
      if (v.length == 0) {
        throw new IllegalArgumentException("seed " + s + " has no images");
      }
      requireFinite(v);
      double m = mean(v);
      seedMeans[s] = m;
      for (double x : v) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      if (v.length > 1) {
        imageSe += Math.sqrt(sumOfSquares(v, m) / (v.length - 1) / v.length);
      } else {
        imageErrorKnown = false;
      }
      images = Math.max(images, v.length);
    }
    double mean = mean(seedMeans);
    String what = "over " + k + (k == 1 ? " seed" : " seeds") + " x " + images + " images";
    if (k == 1 && !imageErrorKnown) {
      return new Estimate(
          mean, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1, what + ": no interval");
    }
    double imageHalf = Z975 * imageSe / k;
    double seedHalf =
        k == 1 ? 0 : t975(k - 1) * Math.sqrt(sumOfSquares(seedMeans, mean) / (k - 1) / k);
    double half = Math.hypot(seedHalf, imageHalf);
    return new Estimate(
        mean,
        Math.min(mean, Math.max(min, mean - half)),
        Math.max(mean, Math.min(max, mean + half)),
        k,
        what + (k == 1 ? ", image error only" : ", t + image error"));
  }

  /**
   * Per-image values of a correct flag: 1 where {@code predicted[i] == labels[i]}, else 0.
   *
   * @param predicted predicted classes
   * @param labels true classes
   * @return the flags
   */
  public static double[] correct(int[] predicted, int[] labels) {
    if (predicted.length != labels.length) {
      throw new IllegalArgumentException(
          predicted.length + " predictions, " + labels.length + " labels");
    }
    double[] out = new double[predicted.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = predicted[i] == labels[i] ? 1 : 0;
    }
    return out;
  }

  /**
   * Element-wise {@code a - b} (a paired difference over the same images).
   *
   * @param a first values
   * @param b second values, image for image
   * @return the differences
   */
  public static double[] minus(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(a.length + " vs " + b.length + " values");
    }
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] - b[i];
    }
    return out;
  }

  /**
   * Per-image values for a difference of means over two different sets of images (one seed): their
   * mean is {@code mean(a) - mean(b)}, and their variance over their count is that of the
   * difference of the two sets' means ({@code var(a)/|a| + var(b)/|b|}), as {@link
   * #overSeedsAndImages} needs. Each value is the difference plus its image's deviation from its
   * own set's mean, scaled by {@code n / |set|}, {@code n = |a| + |b|}. For a paired difference use
   * {@link #minus}.
   *
   * @param a values of the first set (e.g. correct flags), at least one
   * @param b values of the second set, at least one
   * @return {@code |a| + |b|} values
   */
  public static double[] unpaired(double[] a, double[] b) {
    requireFinite(a);
    requireFinite(b);
    int n = a.length + b.length;
    double ma = Arrays.stream(a).sum() / a.length;
    double mb = Arrays.stream(b).sum() / b.length;
    double[] out = new double[n];
    for (int i = 0; i < a.length; i++) {
      out[i] = ma - mb + (double) n / a.length * (a[i] - ma);
    }
    for (int j = 0; j < b.length; j++) {
      out[a.length + j] = ma - mb - (double) n / b.length * (b[j] - mb);
    }
    return out;
  }

  /** The mean, summed as the reports' means are ({@link java.util.stream.DoubleStream#sum}). */
  private static double mean(double[] v) {
    return Arrays.stream(v).sum() / v.length;
  }

  private static double sumOfSquares(double[] v, double mean) {
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return ss;
  }

  private static void requireFinite(double[] v) {
    if (v.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    for (double x : v) {
      if (!Double.isFinite(x)) {
        throw new IllegalArgumentException("a value is not finite: " + x);
      }
    }
  }
}
