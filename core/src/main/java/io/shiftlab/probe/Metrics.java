package io.shiftlab.probe;

/** Pure metric functions over plain arrays; no engine needed to test them. */
public final class Metrics {
  private Metrics() {}

  /**
   * Top-1 accuracy.
   *
   * @param predicted predicted classes
   * @param labels true classes, same length
   * @return the fraction of equal entries, in [0, 1]; NaN for empty input
   */
  public static double accuracy(int[] predicted, int[] labels) {
    if (predicted.length != labels.length) {
      throw new IllegalArgumentException(
          "predicted has " + predicted.length + " entries, labels " + labels.length);
    }
    if (labels.length == 0) {
      return Double.NaN;
    }
    return (double) correct(predicted, labels) / labels.length;
  }

  /**
   * The number of correct predictions.
   *
   * @param predicted predicted classes
   * @param labels true classes, same length
   * @return the count
   */
  public static int correct(int[] predicted, int[] labels) {
    int c = 0;
    for (int i = 0; i < labels.length; i++) {
      if (predicted[i] == labels[i]) {
        c++;
      }
    }
    return c;
  }

  /**
   * Wald 95% half-width of an accuracy estimated on {@code n} images, 1.96 &radic;(p(1&minus;p)/n).
   *
   * @param accuracy the accuracy p
   * @param n the number of images
   * @return the half-width
   */
  public static double halfWidth95(double accuracy, int n) {
    return 1.96 * Math.sqrt(accuracy * (1 - accuracy) / n);
  }

  /**
   * The population standard deviation &radic;(&Sigma;(x &minus; mean)&sup2; / n), the "± std over
   * seeds" of the experiment tables (the paper's README does not say which; over 2 to 10 seeds the
   * population form is the smaller one).
   *
   * @param values the values
   * @return their standard deviation; NaN when empty
   */
  public static double populationStd(double[] values) {
    double mean = StabilityMetrics.mean(values);
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / values.length);
  }

  /**
   * Refuses three arrays of different lengths, naming each with its length.
   *
   * @throws IllegalArgumentException e.g. {@code lengths differ: 3 values, 2 predictions, 3 labels}
   */
  static void requireSameLength(int a, String aName, int b, String bName, int c, String cName) {
    if (a != b || a != c) {
      throw new IllegalArgumentException(
          "lengths differ: " + a + " " + aName + ", " + b + " " + bName + ", " + c + " " + cName);
    }
  }
}
