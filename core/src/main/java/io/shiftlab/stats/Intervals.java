package io.shiftlab.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * 95% intervals for an effect measured on several seeds (independently trained models), pure
 * functions over plain arrays.
 *
 * <ul>
 *   <li>{@link #bootstrap}: when the effect is a mean over test images, a two-stage percentile
 *       bootstrap: resample the seeds, then, within each drawn seed, its images; both sources of
 *       variation (training and the finite test set) widen the interval. It works from one seed
 *       upwards; with two seeds it mostly reflects the spread between them and the images.
 *   <li>{@link #overSeeds}: when only one number per seed exists, Student's t interval over the
 *       seeds. Two seeds give a wide interval (t = 12.71), by design.
 * </ul>
 *
 * <p>Both are deterministic: the bootstrap draws from a fixed-seed stream, so the same data give
 * the same interval bit for bit.
 */
public final class Intervals {
  /** The coverage of every interval. */
  public static final double LEVEL = 0.95;

  /** Bootstrap resamples. */
  public static final int RESAMPLES = 2000;

  /** The bootstrap's fixed stream seed: an interval is a function of the data alone. */
  private static final long STREAM = 0x5eedL;

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
    double mean = Arrays.stream(perSeed).sum() / k;
    if (k == 1) {
      return new Estimate(
          mean, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1, "one seed: no interval");
    }
    double ss = 0;
    for (double v : perSeed) {
      ss += (v - mean) * (v - mean);
    }
    double half = t975(k - 1) * Math.sqrt(ss / (k - 1) / k);
    return new Estimate(mean, mean - half, mean + half, k, "t interval over " + k + " seeds");
  }

  /**
   * The two-stage percentile bootstrap interval of the grand mean of per-image values: the mean
   * over seeds of each seed's mean over its images.
   *
   * @param perSeedPerImage for each seed, one value per test image (a correct flag 0/1, a paired
   *     difference of two such flags, ...), all finite, each seed at least one image
   * @return the estimate
   */
  public static Estimate bootstrap(double[][] perSeedPerImage) {
    int k = perSeedPerImage.length;
    if (k == 0) {
      throw new IllegalArgumentException("at least one seed is needed");
    }
    double[] seedMeans = new double[k];
    int images = 0;
    for (int s = 0; s < k; s++) {
      double[] v = perSeedPerImage[s];
      if (v.length == 0) {
        throw new IllegalArgumentException("seed " + s + " has no images");
      }
      requireFinite(v);
      seedMeans[s] = Arrays.stream(v).sum() / v.length;
      images = Math.max(images, v.length);
    }
    double mean = Arrays.stream(seedMeans).sum() / k;
    SplittableRandom rng = new SplittableRandom(STREAM);
    double[] stats = new double[RESAMPLES];
    for (int b = 0; b < RESAMPLES; b++) {
      double total = 0;
      for (int s = 0; s < k; s++) {
        double[] v = perSeedPerImage[k == 1 ? 0 : rng.nextInt(k)];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
          sum += v[rng.nextInt(v.length)];
        }
        total += sum / v.length;
      }
      stats[b] = total / k;
    }
    Arrays.sort(stats);
    double lo = Math.min(mean, stats[(int) Math.floor(0.025 * (RESAMPLES - 1))]);
    double hi = Math.max(mean, stats[(int) Math.ceil(0.975 * (RESAMPLES - 1))]);
    return new Estimate(
        mean,
        lo,
        hi,
        k,
        "bootstrap over " + k + (k == 1 ? " seed" : " seeds") + " x " + images + " images");
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
   * mean is {@code mean(a) - mean(b)}, and resampling them with replacement ({@link #bootstrap})
   * varies that mean as resampling each set on its own would (variance {@code var(a)/|a| +
   * var(b)/|b|}). Each value is the difference plus its image's deviation from its own set's mean,
   * scaled by {@code n / |set|}, {@code n = |a| + |b|}. For a paired difference use {@link #minus}.
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
