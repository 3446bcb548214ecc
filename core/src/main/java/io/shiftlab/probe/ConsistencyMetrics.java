package io.shiftlab.probe;

/**
 * Pure metric functions of shift consistency ({@link ConsistencyProbe}, PROTOCOLS card 10): how
 * often two shifted views of an image get the same predicted class.
 *
 * <p>Pair predictions are indexed {@code [pair][image]}: {@code first[p][i]} and {@code
 * second[p][i]} are the classes predicted for the two views of image {@code i} in its pair {@code
 * p}.
 */
public final class ConsistencyMetrics {
  private ConsistencyMetrics() {}

  /**
   * A mean with the half-width of its normal-approximation 95% confidence interval.
   *
   * @param mean the sample mean
   * @param halfWidth {@code 1.96 s / sqrt(n)} with {@code s} the sample standard deviation (divisor
   *     {@code n - 1}); NaN when {@code n < 2}
   * @param n the number of values
   */
  public record MeanCi(double mean, double halfWidth, int n) {}

  /**
   * The fraction of positions where two prediction arrays agree.
   *
   * @param a predicted classes
   * @param b predicted classes, same length
   * @return the agreement in [0, 1]; NaN for empty input
   */
  public static double agreement(int[] a, int[] b) {
    checkSameLength(a.length, b.length);
    if (a.length == 0) {
      return Double.NaN;
    }
    int same = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b[i]) {
        same++;
      }
    }
    return (double) same / a.length;
  }

  /**
   * Each image's consistency: the fraction of its pairs whose two views agree.
   *
   * @param first {@code [pair][image]} predictions of the first views
   * @param second the second views, same shape
   * @return one value in [0, 1] per image
   */
  public static double[] perImage(int[][] first, int[][] second) {
    int pairs = checkShape(first, second);
    int n = pairs == 0 ? 0 : first[0].length;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      int same = 0;
      for (int p = 0; p < pairs; p++) {
        if (first[p][i] == second[p][i]) {
          same++;
        }
      }
      out[i] = (double) same / pairs;
    }
    return out;
  }

  /**
   * The mean of a sample with a normal-approximation 95% interval, {@code mean +- 1.96 s /
   * sqrt(n)}.
   *
   * @param values the sample, e.g. per-image consistencies
   * @return the mean and half-width; both NaN for an empty sample
   */
  public static MeanCi meanCi95(double[] values) {
    int n = values.length;
    if (n == 0) {
      return new MeanCi(Double.NaN, Double.NaN, 0);
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double mean = sum / n;
    if (n < 2) {
      return new MeanCi(mean, Double.NaN, n);
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double s = Math.sqrt(ss / (n - 1));
    return new MeanCi(mean, 1.96 * s / Math.sqrt(n), n);
  }

  /**
   * The number of image-pairs whose two views are both correct (and so agree).
   *
   * @param first {@code [pair][image]} predictions of the first views
   * @param second the second views
   * @param labels the true class per image
   * @return the count
   */
  public static int bothCorrect(int[][] first, int[][] second, int[] labels) {
    return countPairs(first, second, labels, (a, b, y) -> a == y && b == y);
  }

  /**
   * The number of image-pairs whose two views agree on a wrong class.
   *
   * @param first {@code [pair][image]} predictions of the first views
   * @param second the second views
   * @param labels the true class per image
   * @return the count
   */
  public static int agreeWrong(int[][] first, int[][] second, int[] labels) {
    return countPairs(first, second, labels, (a, b, y) -> a == b && a != y);
  }

  /** A test on the two predictions of one image-pair and the image's label. */
  @FunctionalInterface
  private interface PairTest {
    boolean holds(int first, int second, int label);
  }

  private static int countPairs(int[][] first, int[][] second, int[] labels, PairTest test) {
    int pairs = checkShape(first, second);
    int c = 0;
    for (int p = 0; p < pairs; p++) {
      checkSameLength(first[p].length, labels.length);
      for (int i = 0; i < labels.length; i++) {
        if (test.holds(first[p][i], second[p][i], labels[i])) {
          c++;
        }
      }
    }
    return c;
  }

  /**
   * The mean of per-image values over the selected images only.
   *
   * @param values one value per image
   * @param include which images count
   * @return the mean and its interval over the included images
   */
  public static MeanCi meanCi95Where(double[] values, boolean[] include) {
    checkSameLength(values.length, include.length);
    int m = 0;
    for (boolean b : include) {
      if (b) {
        m++;
      }
    }
    double[] sel = new double[m];
    int j = 0;
    for (int i = 0; i < values.length; i++) {
      if (include[i]) {
        sel[j++] = values[i];
      }
    }
    return meanCi95(sel);
  }

  /**
   * Whether each prediction equals its label.
   *
   * @param predicted predicted classes
   * @param labels true classes, same length
   * @return one flag per image
   */
  public static boolean[] correctMask(int[] predicted, int[] labels) {
    checkSameLength(predicted.length, labels.length);
    boolean[] out = new boolean[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = predicted[i] == labels[i];
    }
    return out;
  }

  /**
   * The Chebyshev distance {@code max(|dx2 - dx1|, |dy2 - dy1|)} between two integer offsets.
   *
   * @param dx1 first column offset
   * @param dy1 first row offset
   * @param dx2 second column offset
   * @param dy2 second row offset
   * @return the distance
   */
  public static int chebyshev(int dx1, int dy1, int dx2, int dy2) {
    return Math.max(Math.abs(dx2 - dx1), Math.abs(dy2 - dy1));
  }

  /**
   * Pair counts and agreeing counts grouped by a per-pair distance.
   *
   * @param distance {@code [pair][image]} distances, each in {@code 0..maxDistance}
   * @param first {@code [pair][image]} predictions of the first views
   * @param second the second views
   * @param maxDistance the largest distance
   * @return {@code {pairs, agreeing}}, each indexed by distance {@code 0..maxDistance}
   */
  public static int[][] byDistance(
      int[][] distance, int[][] first, int[][] second, int maxDistance) {
    int pairs = checkShape(first, second);
    int[] total = new int[maxDistance + 1];
    int[] same = new int[maxDistance + 1];
    for (int p = 0; p < pairs; p++) {
      for (int i = 0; i < first[p].length; i++) {
        int d = distance[p][i];
        total[d]++;
        if (first[p][i] == second[p][i]) {
          same[d]++;
        }
      }
    }
    return new int[][] {total, same};
  }

  private static int checkShape(int[][] first, int[][] second) {
    checkSameLength(first.length, second.length);
    for (int p = 0; p < first.length; p++) {
      checkSameLength(first[p].length, second[p].length);
      checkSameLength(first[p].length, first[0].length);
    }
    return first.length;
  }

  private static void checkSameLength(int a, int b) {
    if (a != b) {
      throw new IllegalArgumentException("lengths differ: " + a + " and " + b);
    }
  }
}
