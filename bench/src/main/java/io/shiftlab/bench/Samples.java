package io.shiftlab.bench;

import java.util.Arrays;

/**
 * Repeated measurements of one figure (a rate, higher is better): the median, the extremes and the
 * raw values, in the order they were taken.
 *
 * @param median the median (the mean of the two middle values for an even count)
 * @param min the smallest value
 * @param max the largest value
 * @param values every measurement
 */
public record Samples(double median, double min, double max, double[] values) {
  /** Validates that there is at least one value. */
  public Samples {
    if (values.length == 0) {
      throw new IllegalArgumentException("no measurements");
    }
    values = values.clone();
  }

  /**
   * Summarises measurements.
   *
   * @param values at least one value
   * @return the summary
   */
  public static Samples of(double... values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    return new Samples(median, s[0], s[n - 1], values);
  }
}
